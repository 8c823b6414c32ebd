import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingestPaths } from '../../src/ingest/index.js';
import { count, memoryStore, rows, scalar, tempDir } from './helpers.js';

const API = {
  Schema: [
    { Name: 'Timestamp', Type: 'DateTime' }, { Name: 'DeviceName', Type: 'String' }, { Name: 'ProcessId', Type: 'Int64' },
    { Name: 'ProcessCommandLine', Type: 'String' }, { Name: 'AdditionalFields', Type: 'String' }, { Name: 'IsProcessRemoteSession', Type: 'Boolean' },
  ],
  Results: [
    { Timestamp: '2026-11-18T08:00:00.1234567Z', DeviceName: 'wks-1', ProcessId: 4242, ProcessCommandLine: 'cmd.exe /c whoami', AdditionalFields: '{"ProcessStartKey":1234}', IsProcessRemoteSession: false },
    { Timestamp: '2026-11-18T08:00:01Z', DeviceName: 'wks-2', ProcessId: 'not-a-number', ProcessCommandLine: 'x', AdditionalFields: null, IsProcessRemoteSession: true },
    { Timestamp: '2026-11-18T08:00:02Z', DeviceName: 'wks-3', ProcessId: null, ProcessCommandLine: null, AdditionalFields: { nested: [1, 2] }, IsProcessRemoteSession: null },
  ],
};

test('advanced hunting API JSON (Schema/Results): types, dynamic, rejects with record numbers', async (t) => {
  const dir = tempDir(t);
  const store = await memoryStore(t);
  const file = join(dir, 'DeviceProcessEvents-api.json');
  writeFileSync(file, JSON.stringify(API, null, 2));
  const [s] = await ingestPaths(store, [file]);
  assert.equal(s!.status, 'stored', s!.message);
  assert.equal(s!.format, 'api-json');
  assert.deepEqual([s!.read, s!.stored, s!.rejected], [3, 2, 1]);
  const r = await rows(store, `SELECT DeviceName, ProcessId, typeof(ProcessId) AS pt, ProcessCommandLine, AdditionalFields->>'$.ProcessStartKey' AS psk,
      json_array_length(AdditionalFields->'nested') AS n, strftime(Timestamp, '%H:%M:%S.%f') AS ts FROM DeviceProcessEvents ORDER BY DeviceName`);
  assert.equal(r[0]!['pt'], 'BIGINT');
  assert.equal(Number(r[0]!['ProcessId']), 4242);
  assert.equal(r[0]!['psk'], '1234');
  assert.equal(r[0]!['ts'], '08:00:00.123456');
  assert.equal(r[1]!['DeviceName'], 'wks-3');
  assert.equal(r[1]!['ProcessCommandLine'], '');
  assert.equal(Number(r[1]!['n']), 2);
  const rej = await rows(store, `SELECT record_number, line_number, reason, raw_text FROM _harrier_rejects`);
  assert.equal(rej.length, 1);
  assert.equal(Number(rej[0]!['record_number']), 2);
  assert.equal(rej[0]!['line_number'], null);
  assert.match(String(rej[0]!['reason']), /ProcessId: cannot convert "not-a-number" to long/);
  assert.equal(JSON.parse(String(rej[0]!['raw_text'])).DeviceName, 'wks-2');
});

test('Graph runHuntingQuery JSON (schema/results, lower case) with table from the columns', async (t) => {
  const dir = tempDir(t);
  const store = await memoryStore(t);
  const file = join(dir, 'hunt-result.json');
  const cols = ['Timestamp', 'DeviceId', 'DeviceName', 'ActionType', 'RegistryKey', 'RegistryValueType', 'RegistryValueName', 'RegistryValueData', 'PreviousRegistryKey'];
  const doc = {
    schema: cols.map((name) => ({ name, type: 'String' })),
    results: [Object.fromEntries(cols.map((c) => [c, c === 'Timestamp' ? '2026-11-18T08:00:00Z' : `${c}-v`]))],
  };
  writeFileSync(file, JSON.stringify(doc));
  const [s] = await ingestPaths(store, [file]);
  assert.equal(s!.status, 'stored', s!.message);
  assert.deepEqual(s!.tables, [{ table: 'DeviceRegistryEvents', stored: 1, rejected: 0 }]);
  assert.equal(await scalar(store, `SELECT RegistryValueData FROM DeviceRegistryEvents`), 'RegistryValueData-v');
});

test('a truncated JSON file fails with a clear error, stores nothing, and other files still load', async (t) => {
  const dir = tempDir(t);
  const store = await memoryStore(t);
  const bad = join(dir, 'DeviceProcessEvents-broken.json');
  const text = JSON.stringify(API);
  writeFileSync(bad, text.slice(0, text.length - 40));
  const good = join(dir, 'DeviceProcessEvents-ok.json');
  writeFileSync(good, text);
  const [a, b] = await ingestPaths(store, [bad, good]);
  assert.equal(a!.status, 'failed');
  assert.match(a!.message ?? '', /invalid JSON/);
  assert.match(a!.message ?? '', /DeviceProcessEvents-broken\.json/);
  assert.equal(b!.status, 'stored');
  assert.equal(await count(store, 'DeviceProcessEvents'), 2);
  assert.equal(await scalar(store, `SELECT count(*) FROM _harrier_ingests WHERE file_path LIKE '%broken%'`), 0);
  assert.equal(await scalar(store, `SELECT count(*) FROM _harrier_rejects WHERE file_path LIKE '%broken%'`), 0);
});
