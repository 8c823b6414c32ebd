import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ingestPaths } from '../../src/ingest/index.js';
import { count, csv, memoryStore, rows, scalar, tempDir } from './helpers.js';

const NET_HEADER = ['Timestamp', 'DeviceId', 'DeviceName', 'ActionType', 'RemoteIP', 'RemotePort', 'Protocol', 'IsInitiatingProcessRemoteSession', 'AdditionalFields'];

test('CSV export: BOM, 7-digit timestamps, offsets, typed columns, dynamic JSON', async (t) => {
  const dir = tempDir(t);
  const store = await memoryStore(t);
  const file = join(dir, 'DeviceNetworkEvents.csv');
  writeFileSync(file, '\uFEFF' + csv(NET_HEADER, [
    '2024-01-15T22:27:03.1234567Z,dev1,host1.contoso.com,ConnectionSuccess,20.1.2.3,443,Tcp,false,"{""direction"":""Outbound"",""n"":[1,2]}"',
    '2024-01-15T22:27:03+02:00,dev1,host1.contoso.com,ConnectionFailed,20.1.2.4,80,Udp,True,',
    '2024-01-16T01:00:00Z,,"host2, quoted",ListeningConnectionCreated,,,Tcp,,',
  ]));
  const [s] = await ingestPaths(store, [file]);
  assert.equal(s!.status, 'stored');
  assert.equal(s!.format, 'csv');
  assert.deepEqual(s!.tables.map((x) => x.table), ['DeviceNetworkEvents']);
  assert.deepEqual([s!.read, s!.stored, s!.rejected], [3, 3, 0]);
  assert.equal(await count(store, 'DeviceNetworkEvents'), 3);

  const r = await rows(store, `SELECT strftime(Timestamp, '%Y-%m-%dT%H:%M:%S.%fZ') AS ts, RemotePort, typeof(RemotePort) AS pt,
      typeof(Timestamp) AS tt, typeof(AdditionalFields) AS at, AdditionalFields->>'direction' AS dir, json_array_length(AdditionalFields->'n') AS nlen,
      IsInitiatingProcessRemoteSession AS remote, DeviceId, DeviceName, RemoteUrl FROM DeviceNetworkEvents ORDER BY Timestamp`);
  // The 7-digit timestamp keeps its microseconds; the +02:00 offset is converted to UTC.
  assert.deepEqual(r.map((x) => x['ts']), ['2024-01-15T20:27:03.000000Z', '2024-01-15T22:27:03.123456Z', '2024-01-16T01:00:00.000000Z']);
  const first = r[1]!;
  assert.equal(first['tt'], 'TIMESTAMP');
  assert.equal(first['pt'], 'INTEGER');
  assert.equal(first['RemotePort'], 443);
  assert.equal(first['at'], 'JSON');
  assert.equal(first['dir'], 'Outbound');
  assert.equal(Number(first['nlen']), 2);
  assert.equal(first['remote'], false);
  assert.equal(r[0]!['remote'], true);
  // Strings are never NULL: empty and absent string columns are ''.
  assert.equal(r[2]!['DeviceId'], '');
  assert.equal(r[2]!['DeviceName'], 'host2, quoted');
  assert.equal(r[2]!['RemoteUrl'], '');
  assert.equal(r[2]!['RemotePort'], null);
  assert.equal(await scalar(store, `SELECT count(*) FROM DeviceNetworkEvents WHERE AdditionalFields IS NULL`), 2);
});

test('CSV: bad rows go to _harrier_rejects with line numbers; counts reconcile', async (t) => {
  const dir = tempDir(t);
  const store = await memoryStore(t);
  const file = join(dir, 'DeviceNetworkEvents-2026-11-18.csv');
  writeFileSync(file, csv(NET_HEADER, [
    '2024-01-15T22:27:03Z,dev1,host1,ConnectionSuccess,20.1.2.3,443,Tcp,false,',      // line 2 ok
    '2024-01-15T22:27:04Z,dev1,host1,ConnectionSuccess,20.1.2.3,https,Tcp,false,',    // line 3 RemotePort not numeric
    '2024-01-15T22:27:05Z,dev1,host1',                                                 // line 4 ragged
    'yesterday at noon,dev1,host1,ConnectionSuccess,20.1.2.3,443,Tcp,false,',          // line 5 bad timestamp
    '2024-01-15T22:27:06Z,dev2,host2,ConnectionSuccess,20.1.2.9,22,Tcp,false,,extra',  // line 6 too many cells
    '2024-01-15T22:27:07Z,dev2,host2,ConnectionFailed,20.1.2.9,3389,Tcp,false,',       // line 7 ok
  ]));
  const [s] = await ingestPaths(store, [file]);
  assert.equal(s!.status, 'stored');
  assert.deepEqual([s!.read, s!.stored, s!.rejected], [6, 2, 4]);
  assert.equal(s!.read, s!.stored + s!.rejected);
  assert.equal(await count(store, 'DeviceNetworkEvents'), 2);
  const rej = await rows(store, `SELECT line_number, reason, raw_text, table_name, ingest_id FROM _harrier_rejects ORDER BY line_number`);
  assert.deepEqual(rej.map((x) => Number(x['line_number'])), [3, 4, 5, 6]);
  assert.match(String(rej[0]!['reason']), /RemotePort/);
  assert.match(String(rej[1]!['reason']), /MISSING COLUMNS/);
  assert.match(String(rej[2]!['reason']), /Timestamp/);
  assert.match(String(rej[3]!['reason']), /TOO MANY COLUMNS/);
  assert.equal(rej[2]!['raw_text'], 'yesterday at noon,dev1,host1,ConnectionSuccess,20.1.2.3,443,Tcp,false,');
  assert.ok(rej.every((x) => x['table_name'] === 'DeviceNetworkEvents' && Number(x['ingest_id']) === s!.ingestId));
  const ing = await rows(store, `SELECT rows_read, rows_stored, rows_rejected, sha256, format FROM _harrier_ingests`);
  assert.deepEqual(ing.map((x) => [Number(x['rows_read']), Number(x['rows_stored']), Number(x['rows_rejected']), x['format']]), [[6, 2, 4, 'csv']]);
  assert.equal(ing[0]!['sha256'], s!.sha256);
});

test('CSV: rejects name the physical line even after quoted fields that span lines (CRLF, gzip)', async (t) => {
  const dir = tempDir(t);
  const store = await memoryStore(t);
  const lines = [
    'Timestamp,DeviceName,ProcessCommandLine,ProcessId',
    '2026-11-18T08:00:00Z,wks-1,"powershell -c ""a""', 'second line', 'third line",1', // lines 2-4: one record
    '2026-11-18T08:00:01Z,wks-1,ok,2', // line 5
    '2026-11-18T08:00:02Z,wks-1,bad,notanumber', // line 6: record 3
    '2026-11-18T08:00:03Z,wks-1,"x', 'y",4', // lines 7-8
    '2026-11-18T08:00:04Z,wks-1,z,alsobad', // line 9: record 5
  ];
  const text = lines.join('\r\n') + '\r\n';
  writeFileSync(join(dir, 'DeviceProcessEvents.csv'), text);
  writeFileSync(join(dir, 'DeviceProcessEvents-2.csv.gz'), gzipSync(Buffer.from(text.replace('08:00:00Z', '08:00:00.5Z'))));
  // The slow path (a bad timestamp) after a multi-line record.
  writeFileSync(join(dir, 'DeviceProcessEvents-3.csv'), [...lines.slice(0, 5), 'not a time,wks-1,q,9', ''].join('\n'));
  const summaries = await ingestPaths(store, [dir]);
  const counts = Object.fromEntries(summaries.map((x) => [x.file.replace(/.*[\\/]/, ''), [x.read, x.stored, x.rejected]]));
  assert.deepEqual(counts, { 'DeviceProcessEvents.csv': [5, 3, 2], 'DeviceProcessEvents-2.csv.gz': [5, 3, 2], 'DeviceProcessEvents-3.csv': [3, 2, 1] });
  const rej = await rows(store, `SELECT file_path, line_number, record_number, raw_text FROM _harrier_rejects ORDER BY file_path, line_number`);
  assert.deepEqual(rej.map((x) => [String(x['file_path']).replace(/.*[\\/]/, ''), Number(x['line_number']), Number(x['record_number'])]), [
    ['DeviceProcessEvents-2.csv.gz', 6, 3], ['DeviceProcessEvents-2.csv.gz', 9, 5],
    ['DeviceProcessEvents-3.csv', 6, 3],
    ['DeviceProcessEvents.csv', 6, 3], ['DeviceProcessEvents.csv', 9, 5],
  ]);
  // The line number finds the raw text in the file.
  for (const r of rej.filter((x) => String(x['file_path']).endsWith('DeviceProcessEvents.csv'))) {
    assert.equal(lines[Number(r['line_number']) - 1], r['raw_text']);
  }
});

test('CSV: only bad timestamps among good rows (slow path) still stores the good rows', async (t) => {
  const dir = tempDir(t);
  const store = await memoryStore(t);
  const file = join(dir, 'DeviceNetworkEvents.csv');
  writeFileSync(file, csv(['Timestamp', 'DeviceName', 'RemotePort'], [
    '2024-01-15T22:27:03Z,a,1', '2024-13-45T00:00:00Z,b,2', '2024-01-15T22:27:03Z,c,3', '', 'not a date,d,4',
  ]));
  const [s] = await ingestPaths(store, [file]);
  assert.deepEqual([s!.read, s!.stored, s!.rejected], [4, 2, 2]);
  assert.deepEqual((await rows(store, `SELECT line_number FROM _harrier_rejects ORDER BY 1`)).map((x) => Number(x['line_number'])), [3, 6]);
  assert.deepEqual((await rows(store, `SELECT DeviceName FROM DeviceNetworkEvents ORDER BY 1`)).map((x) => x['DeviceName']), ['a', 'c']);
});

test('CSV: unknown columns are kept in AdditionalFields, or dropped loudly when the table has none', async (t) => {
  const dir = tempDir(t);
  const store = await memoryStore(t);
  const net = join(dir, 'DeviceNetworkEvents.csv');
  writeFileSync(net, csv(['Timestamp', 'DeviceName', 'AdditionalFields', 'Sensor', 'Site'], [
    '2024-01-15T22:27:03Z,a,"{""k"":1}",s1,paris', '2024-01-15T22:27:04Z,b,,s2,',
  ]));
  const reg = join(dir, 'DeviceRegistryEvents.csv');
  writeFileSync(reg, csv(['Timestamp', 'DeviceName', 'RegistryKey', 'Mystery'], ['2024-01-15T22:27:03Z,a,HKLM\\Software,42']));
  const [a, b] = await ingestPaths(store, [net, reg]);
  assert.match(a!.notes.join('\n'), /kept in AdditionalFields: Sensor, Site/);
  const af = await rows(store, `SELECT CAST(AdditionalFields AS VARCHAR) AS af FROM DeviceNetworkEvents ORDER BY DeviceName`);
  assert.deepEqual(af.map((x) => JSON.parse(String(x['af']))), [{ k: 1, Sensor: 's1', Site: 'paris' }, { Sensor: 's2' }]);
  assert.equal(b!.status, 'stored');
  assert.match(b!.notes.join('\n'), /DROPPED 1 column\(s\).*Mystery/);
  const notes = await scalar(store, `SELECT notes FROM _harrier_ingests WHERE table_name = 'DeviceRegistryEvents'`);
  assert.match(String(notes), /DROPPED.*Mystery/);
  assert.equal(await count(store, 'DeviceRegistryEvents'), 1);
});

test('re-ingesting the same file is skipped; --force loads it again', async (t) => {
  const dir = tempDir(t);
  const store = await memoryStore(t);
  const file = join(dir, 'DeviceNetworkEvents.csv');
  writeFileSync(file, csv(['Timestamp', 'DeviceName'], ['2024-01-15T22:27:03Z,a', '2024-01-15T22:27:04Z,b']));
  const [first] = await ingestPaths(store, [file]);
  assert.equal(first!.status, 'stored');
  const [again] = await ingestPaths(store, [dir]);
  assert.equal(again!.status, 'skipped');
  assert.match(again!.message ?? '', /already ingested/);
  assert.equal(await count(store, 'DeviceNetworkEvents'), 2);
  const [forced] = await ingestPaths(store, [file], { force: true });
  assert.equal(forced!.status, 'stored');
  assert.equal(await count(store, 'DeviceNetworkEvents'), 4);
  assert.equal(await count(store, '_harrier_ingests'), 2);
});

test('CSV: gzip-compressed export, tab delimiter, and non-JSON text in a dynamic column kept as a JSON string', async (t) => {
  const { gzipSync } = await import('node:zlib');
  const dir = tempDir(t);
  const store = await memoryStore(t);
  const file = join(dir, 'DeviceInfo.csv.gz');
  const text = ['Timestamp\tDeviceName\tLoggedOnUsers\tOSBuild', '2026-11-18T08:00:00Z\twks-1\t[{"UserName":"jdoe"}]\t19045', '2026-11-18T08:00:01Z\twks-2\tjdoe\tbad', ''].join('\n');
  writeFileSync(file, gzipSync(text));
  const [s] = await ingestPaths(store, [file]);
  assert.equal(s!.status, 'stored', s!.message);
  assert.deepEqual([s!.read, s!.stored, s!.rejected], [2, 1, 1]);
  assert.equal(await scalar(store, `SELECT LoggedOnUsers->0->>'UserName' FROM DeviceInfo`), 'jdoe');
  assert.equal(Number(await scalar(store, `SELECT line_number FROM _harrier_rejects`)), 3);

  const file2 = join(dir, 'DeviceInfo-2.csv');
  writeFileSync(file2, csv(['Timestamp', 'DeviceName', 'LoggedOnUsers'], ['2026-11-18T08:00:02Z,wks-3,not json at all']));
  await ingestPaths(store, [file2]);
  assert.equal(await scalar(store, `SELECT CAST(LoggedOnUsers AS VARCHAR) FROM DeviceInfo WHERE DeviceName = 'wks-3'`), '"not json at all"');
});
