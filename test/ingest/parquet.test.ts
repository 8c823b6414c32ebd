import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ingestPaths } from '../../src/ingest/index.js';
import { quoteString } from '../../src/sql/quote.js';
import { memoryStore, rows, tempDir } from './helpers.js';

test('Parquet: typed, nested and text columns land in the store types; table from the file name', async (t) => {
  const dir = tempDir(t);
  const store = await memoryStore(t);
  const file = join(dir, 'DeviceLogonEvents.parquet');
  // Written by DuckDB itself: a real TIMESTAMP, a STRUCT for AdditionalFields, ports as text (one bad).
  await store.connection.run(`COPY (
    SELECT * FROM (VALUES
      (TIMESTAMP '2026-11-18 08:00:00.123456', 'wks-1', 'RemoteInteractive', '3389', {'Source': 'rdp', 'n': 2}, true, 'extra-1'),
      (TIMESTAMP '2026-11-18 08:00:01', 'wks-2', 'Network', 'n/a', NULL, false, NULL),
      (TIMESTAMP '2026-11-18 08:00:02', NULL, 'Interactive', NULL, NULL, NULL, 'extra-3')
    ) v(Timestamp, DeviceName, LogonType, RemotePort, AdditionalFields, IsLocalAdmin, Workstation)
  ) TO ${quoteString(file)} (FORMAT parquet)`);
  const [s] = await ingestPaths(store, [file]);
  assert.equal(s!.status, 'stored', s!.message);
  assert.equal(s!.format, 'parquet');
  assert.deepEqual([s!.read, s!.stored, s!.rejected], [3, 2, 1]);
  const r = await rows(store, `SELECT DeviceName, RemotePort, typeof(RemotePort) AS pt, IsLocalAdmin, AdditionalFields->>'Source' AS src,
      AdditionalFields->>'Workstation' AS ws, strftime(Timestamp, '%H:%M:%S.%f') AS ts FROM DeviceLogonEvents ORDER BY Timestamp`);
  assert.deepEqual(r, [
    { DeviceName: 'wks-1', RemotePort: 3389, pt: 'INTEGER', IsLocalAdmin: true, src: 'rdp', ws: 'extra-1', ts: '08:00:00.123456' },
    { DeviceName: '', RemotePort: null, pt: 'INTEGER', IsLocalAdmin: null, src: null, ws: 'extra-3', ts: '08:00:02.000000' },
  ]);
  const rej = await rows(store, `SELECT record_number, reason, raw_text FROM _harrier_rejects`);
  assert.equal(Number(rej[0]!['record_number']), 2);
  assert.match(String(rej[0]!['reason']), /RemotePort: cannot convert "n\/a" to int/);
  assert.equal(JSON.parse(String(rej[0]!['raw_text'])).DeviceName, 'wks-2');
  assert.match(s!.notes.join('\n'), /kept in AdditionalFields: Workstation/);
});
