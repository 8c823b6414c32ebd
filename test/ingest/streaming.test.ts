import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ingestPaths } from '../../src/ingest/index.js';
import { count, memoryStore, rows, tempDir } from './helpers.js';

function record(table: string, properties: Record<string, unknown>): string {
  return JSON.stringify({ time: '2026-11-18T08:00:00.0000000Z', tenantId: 't-1', operationName: 'Publish', category: `AdvancedHunting-${table}`, properties });
}

const LINES = [
  record('DeviceProcessEvents', { Timestamp: '2026-11-18T08:00:00.1234567Z', DeviceName: 'wks-1', FileName: 'cmd.exe', ProcessId: 10, AdditionalFields: { a: 1 } }),
  record('DeviceFileEvents', { Timestamp: '2026-11-18T08:00:01Z', DeviceName: 'wks-1', FileName: 'secret.docx', FileSize: 1024, ShareName: 'hr', Unmapped: 'kept' }),
  '',
  '{"time": "2026-11-18T08:00:02Z", "category": "AdvancedHunting-DeviceFileEvents", "properties": {"DeviceName": "wks-2", "FileSize": "big"}}',
  '{"truncated": ',
  record('EmailEvents', { Timestamp: '2026-11-18T08:00:03Z' }),
  JSON.stringify({ time: '2026-11-18T08:00:04.5Z', category: 'AdvancedHunting-DeviceProcessEvents', properties: { DeviceName: 'wks-3' } }),
];

test('streaming JSON lines: records routed by category, bad lines rejected with line numbers', async (t) => {
  const dir = tempDir(t);
  const store = await memoryStore(t);
  const file = join(dir, 'export-0001.json');
  writeFileSync(file, LINES.join('\n') + '\n');
  const [s] = await ingestPaths(store, [file]);
  assert.equal(s!.status, 'stored', s!.message);
  assert.equal(s!.format, 'streaming-jsonl');
  assert.deepEqual([s!.read, s!.stored, s!.rejected], [6, 3, 3]);
  assert.deepEqual(s!.tables, [
    { table: 'DeviceFileEvents', stored: 1, rejected: 1 },
    { table: 'DeviceProcessEvents', stored: 2, rejected: 0 },
  ]);
  const procs = await rows(store, `SELECT DeviceName, strftime(Timestamp, '%Y-%m-%dT%H:%M:%S.%f') AS ts, ProcessId, AdditionalFields->>'a' AS a FROM DeviceProcessEvents ORDER BY DeviceName`);
  assert.deepEqual(procs.map((r) => r['ts']), ['2026-11-18T08:00:00.123456', '2026-11-18T08:00:04.500000']); // the second falls back to "time"
  assert.equal(procs[0]!['a'], '1');
  const files = await rows(store, `SELECT FileName, FileSize, AdditionalFields->>'Unmapped' AS u FROM DeviceFileEvents`);
  assert.deepEqual(files, [{ FileName: 'secret.docx', FileSize: '1024', u: 'kept' }]);
  const rej = await rows(store, `SELECT line_number, table_name, reason FROM _harrier_rejects ORDER BY line_number`);
  assert.deepEqual(rej.map((r) => Number(r['line_number'])), [4, 5, 6]);
  assert.match(String(rej[0]!['reason']), /FileSize: cannot convert "big" to long/);
  assert.equal(rej[0]!['table_name'], 'DeviceFileEvents');
  assert.match(String(rej[1]!['reason']), /invalid JSON/);
  assert.match(String(rej[2]!['reason']), /unknown category/);
});

test('streaming JSON lines compressed with gzip (.json.gz)', async (t) => {
  const dir = tempDir(t);
  const store = await memoryStore(t);
  const file = join(dir, 'PT1H.json.gz');
  writeFileSync(file, gzipSync(LINES.filter((l) => l.includes('wks-1')).join('\n')));
  const [s] = await ingestPaths(store, [dir]);
  assert.equal(s!.status, 'stored', s!.message);
  assert.deepEqual([s!.read, s!.stored, s!.rejected], [2, 2, 0]);
  assert.equal(await count(store, 'DeviceProcessEvents'), 1);
  assert.equal(await count(store, 'DeviceFileEvents'), 1);
});

test('--table forces one table; records of another category are rejected, not misfiled', async (t) => {
  const dir = tempDir(t);
  const store = await memoryStore(t);
  const file = join(dir, 'stream.jsonl');
  writeFileSync(file, LINES.slice(0, 2).join('\n'));
  const [s] = await ingestPaths(store, [file], { table: 'deviceprocessevents' });
  assert.deepEqual([s!.read, s!.stored, s!.rejected], [2, 1, 1]);
  assert.match(String((await rows(store, `SELECT reason FROM _harrier_rejects`))[0]!['reason']), /does not match --table DeviceProcessEvents/);
});

test('Event Hub bodies ({"records":[…]} per line): each element is a record; rejects name line and position', async (t) => {
  const dir = tempDir(t);
  const store = await memoryStore(t);
  const file = join(dir, 'eventhub-capture.jsonl');
  const body = (...recs: string[]) => `{"records": [${recs.join(', ')}]}`;
  writeFileSync(file, [
    body(LINES[0]!, LINES[1]!),
    LINES[6]!, // a plain record line may sit between bodies
    body(LINES[3]!, '42', LINES[5]!), // bad FileSize, not an object, unknown category
    body(),
  ].join('\n'));
  const [s] = await ingestPaths(store, [file]);
  assert.equal(s!.status, 'stored', s!.message);
  assert.equal(s!.format, 'streaming-jsonl');
  assert.deepEqual([s!.read, s!.stored, s!.rejected], [6, 3, 3]);
  assert.equal(await count(store, 'DeviceProcessEvents'), 2);
  assert.equal(await count(store, 'DeviceFileEvents'), 1);
  const rej = await rows(store, `SELECT line_number, record_number, reason FROM _harrier_rejects ORDER BY line_number, record_number`);
  assert.deepEqual(rej.map((r) => [Number(r['line_number']), Number(r['record_number'])]), [[3, 1], [3, 2], [3, 3]]);
  assert.match(String(rej[0]!['reason']), /FileSize: cannot convert "big" to long/);
  assert.match(String(rej[1]!['reason']), /not a JSON object/);
  assert.match(String(rej[2]!['reason']), /unknown category/);
});
