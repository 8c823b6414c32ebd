/**
 * `harrier ingest --engine chdb` and `harrier query --engine chdb` end to end: rows are validated
 * and reconciled as for DuckDB, moved into chDB, a re-ingest is skipped, and KQL runs on the folder.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { csv, tempDir } from '../ingest/helpers.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function harrier(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('ingest --engine chdb reconciles, moves rows into chDB, skips a re-ingest; query --engine chdb reads them', (t) => {
  const dir = tempDir(t);
  const folder = join(dir, 'chdb');
  const data = join(dir, 'data');
  mkdirSync(data);
  writeFileSync(join(data, 'DeviceNetworkEvents.csv'), csv(['Timestamp', 'DeviceId', 'DeviceName', 'RemotePort', 'RemoteUrl'], [
    '2026-11-18T08:00:00.1234567Z,d1,wks-1,443,www.dropbox.com', '2026-11-18T08:00:01Z,d1,wks-1,https,x', '2026-11-18T08:00:02Z,d2,wks-2,80,"it\'s \\\\ here"',
  ]));

  const first = harrier(['ingest', '--engine', 'chdb', '--db', folder, data]);
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stdout, /DeviceNetworkEvents\.csv \(csv\) → DeviceNetworkEvents: read 3, stored 2, rejected 1/);
  assert.match(first.stdout, /chdb {5}DeviceNetworkEvents: 2 row\(s\) loaded/);
  assert.match(first.stderr, /warning: 1 row\(s\) rejected/);
  assert.ok(existsSync(join(folder, 'harrier-journal.duckdb')));

  const again = harrier(['ingest', '--engine', 'chdb', '--db', folder, data]);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /skipped .*already ingested/);
  assert.doesNotMatch(again.stdout, /loaded into/);

  const q = harrier(['query', '--engine', 'chdb', '--db', folder, '--format', 'json',
    'DeviceNetworkEvents | summarize n = count(), latest = max(Timestamp), urls = make_set(RemoteUrl) by DeviceName | order by DeviceName asc']);
  assert.equal(q.code, 0, q.stderr);
  const r = JSON.parse(q.stdout) as { rows: unknown[][] };
  assert.deepEqual(r.rows, [
    // The store keeps microseconds (as the DuckDB store does): the 7th digit of the export is cut.
    ['wks-1', 1, '2026-11-18T08:00:00.1234560Z', ['www.dropbox.com']],
    ['wks-2', 1, '2026-11-18T08:00:02Z', ["it's \\\\ here"]],
  ]);

  // Functions Harrier computes in JavaScript run in chDB as executable UDFs.
  const udfOk = harrier(['query', '--engine', 'chdb', '--db', folder, '--format', 'json',
    'DeviceNetworkEvents | summarize port = max(RemotePort) by DeviceName | extend p = punycode_domain_to_string(strcat(DeviceName, ".bücher")), h = geo_point_to_geohash(port, 20.0, 4) | order by DeviceName asc']);
  assert.equal(udfOk.code, 0, udfOk.stderr);
  assert.deepEqual((JSON.parse(udfOk.stdout) as { rows: unknown[][] }).rows, [
    ['wks-1', 443, 'wks-1.xn--bcher-kva', ''],
    ['wks-2', 80, 'wks-2.xn--bcher-kva', 'tg8c'],
  ]);

  const refused = harrier(['query', '--engine', 'chdb', '--db', folder, "DeviceNetworkEvents | extend p = datetime_add('nanosecond', 1, Timestamp)"]);
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /not supported: datetime_add of nanoseconds on the ClickHouse engine/);

  const missing = harrier(['query', '--engine', 'chdb', '--db', join(dir, 'nope'), 'print 1']);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /no chDB data folder/);
});
