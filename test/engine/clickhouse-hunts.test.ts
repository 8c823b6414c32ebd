/**
 * The built-in hunt pack on chDB gives the same incidents and findings as on DuckDB for a
 * simulated estate with both founding scenarios (`harrier hunt --format json`, compared whole), and
 * `harrier report --engine chdb` writes the same report apart from how it names the store.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { simulate } from '../../src/simulate/simulate.js';
import { openStore } from '../../src/store/index.js';
import { openChdb } from '../../src/engine/clickhouse/connection.js';
import { copyDuckdbToClickHouse } from '../../src/store/clickhouse/copy-from-duckdb.js';
import { tempDir } from '../ingest/helpers.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const NOW = '2026-11-25T12:00:00Z';

function hunt(args: string[]): { incidents: { severity: string; title: string; devices: unknown; techniques: string[] }[]; findings: unknown[] } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'hunt', '--now', NOW, '--format', 'json', ...args], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.doesNotMatch(r.stderr, /failed/, 'every rule runs');
  return JSON.parse(r.stdout) as ReturnType<typeof hunt>;
}

test('the hunt pack finds the same incidents on DuckDB and chDB', async (t) => {
  const dir = tempDir(t);
  const db = join(dir, 'estate.duckdb');
  await simulate({ out: db, devices: 8, hours: 24, seed: 5, end: NOW });
  const store = await openStore(db);
  const w = await openChdb(join(dir, 'chdb'), { writable: true });
  await copyDuckdbToClickHouse(store.connection, w);
  w.close();
  store.close();

  const onDuckdb = hunt(['--db', db]);
  const onChdb = hunt(['--engine', 'chdb', '--db', join(dir, 'chdb')]);
  assert.deepEqual(onChdb, onDuckdb);
  // Both scenarios are found, so the comparison covers the exfiltration and the scan rules.
  assert.equal(onDuckdb.incidents[0]?.severity, 'critical');
  assert.ok(onDuckdb.incidents.some((i) => i.techniques.includes('T1046')), 'port scan incident');
  assert.ok(onDuckdb.findings.length >= 10);

  // The report: same incident, timeline, tables and indicators; only the store's name and the
  // reproduce commands (which reach it again) differ.
  const report = (args: string[], out: string) => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'report', '--now', NOW, '--out', out, ...args], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    return readFileSync(join(out, 'report.md'), 'utf8');
  };
  const onDuckdbMd = report(['--db', db], join(dir, 'report-duckdb'));
  const onChdbMd = report(['--engine', 'chdb', '--db', join(dir, 'chdb')], join(dir, 'report-chdb'));
  assert.match(onChdbMd, /harrier hunt --engine chdb --db \S+chdb --now 2026-11-25T12:00:00\.000Z/);
  assert.doesNotMatch(onChdbMd, /harrier timeline/, 'the timeline command reads DuckDB stores only');
  // Neutral text: without the lines naming the store (its path, how it was filled) and the timings.
  const neutral = (md: string) => md.split('\n')
    .filter((l) => !l.includes(dir) && !/generated|Generated|ingest records|simulated|[Ss]tore/.test(l))
    .map((l) => l.replace(/\| \d+ \|$/, '| ms |'))
    .join('\n');
  assert.equal(neutral(onChdbMd), neutral(onDuckdbMd));
  assert.match(onChdbMd, new RegExp(`Hunt report: ${onDuckdb.incidents[0]!.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
});
