/**
 * CSV and JSON-lines output in the Defender export shapes, the HR watchlist beside the output,
 * and `--scenario none`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getTable } from '../../src/schema/index.js';
import { simulate } from '../../src/simulate/simulate.js';
import { parseScenarios } from '../../src/cli/commands/simulate.js';
import { openReadOnly, scalar } from './helpers.js';

const small = { devices: 8, hours: 24, seed: 3 };

test('csv: one file per table, header of column names, ISO-8601 Z timestamps; truth and HR watchlist beside', async () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'harrier-sim-')), 'csv');
  const s = await simulate({ out: dir, format: 'csv', ...small });
  const text = readFileSync(join(dir, 'DeviceProcessEvents.csv'), 'utf8');
  const [header, first] = text.split('\n');
  assert.equal(header, getTable('DeviceProcessEvents').columns.map((c) => c.name).join(','));
  assert.match(first!, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z,/);
  assert.ok(existsSync(join(dir, '_harrier_truth.csv')));
  const hr = readFileSync(join(dir, 'hr-watchlist.csv'), 'utf8').trim().split('\n');
  assert.equal(hr[0], 'EmailAddress,EffectiveDate,Remarks,Rating');
  assert.ok(hr.some((l) => l.startsWith('jdoe@contoso.com,2026-11-25T09:00:00Z,')));
  assert.equal(s.files.filter((f) => f.endsWith('.csv')).length, 14);
  assert.ok(!existsSync(join(dir, '.harrier-simulate.duckdb')));
});

test('jsonl: streaming-API records with time, tenantId, operationName, category and properties', async () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'harrier-sim-')), 'jsonl');
  await simulate({ out: dir, format: 'jsonl', ...small });
  const line = readFileSync(join(dir, 'DeviceEvents.jsonl'), 'utf8').split('\n')[0]!;
  const rec = JSON.parse(line) as Record<string, unknown>;
  assert.deepEqual(Object.keys(rec), ['time', 'tenantId', 'operationName', 'category', 'properties']);
  assert.equal(rec['operationName'], 'Publish');
  assert.equal(rec['category'], 'AdvancedHunting-DeviceEvents');
  assert.match(String(rec['time']), /Z$/);
  const props = rec['properties'] as Record<string, unknown>;
  assert.deepEqual(Object.keys(props), getTable('DeviceEvents').columns.map((c) => c.name));
  assert.equal(props['Timestamp'], rec['time']);
});

test('--scenario none plants nothing and writes no HR watchlist', async () => {
  assert.deepEqual(parseScenarios('none'), []);
  assert.deepEqual(parseScenarios('pip-exfil,port-scan'), ['pip-exfil', 'port-scan']);
  assert.throws(() => parseScenarios('ransomware'));
  const dir = mkdtempSync(join(tmpdir(), 'harrier-sim-'));
  const s = await simulate({ out: join(dir, 'none.duckdb'), scenarios: [], ...small });
  assert.equal(s.planted, 0);
  assert.equal(s.files.length, 1);
  const { c, close } = await openReadOnly(s.files[0]!);
  try {
    assert.equal(await scalar(c, `SELECT count(*) FROM _harrier_truth`), 0);
    assert.equal(await scalar(c, `SELECT count(*) FROM DeviceProcessEvents WHERE ProcessCommandLine LIKE '%Project_Hermes%'`), 0);
  } finally {
    close();
  }
});
