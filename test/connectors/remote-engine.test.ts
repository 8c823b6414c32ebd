/** The remote engines (Defender via Graph, Log Analytics, ADX via azure-kusto-data) against loopback fakes. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { QueryError } from '../../src/engine/contract.js';
import { openRemoteEngine, portabilityProblems, ConnectorError } from '../../src/connectors/index.js';
import { columnsFromSchema, encodeValue } from '../../src/connectors/normalize.js';
import { FakeRemote, makeEvents } from './fake-remote.js';

const START = Date.UTC(2026, 10, 1);

async function fakeWithData(t: { after: (fn: () => Promise<void>) => void }): Promise<FakeRemote> {
  const fake = new FakeRemote();
  await fake.start();
  t.after(() => fake.stop());
  fake.events.set('DeviceProcessEvents', makeEvents('DeviceProcessEvents', START, 3_600_000, 3, ['ws-01.contoso.local']));
  return fake;
}

test('defender: the KQL goes unchanged to runHuntingQuery and comes back in the JSON contract', async (t) => {
  const fake = await fakeWithData(t);
  const engine = openRemoteEngine({ engine: 'defender', env: fake.env });
  const kql = 'DeviceProcessEvents\n| where FileName endswith ".exe"';
  const r = await engine.query(kql, { maxRows: 2 });
  const req = fake.graphRequests()[0]!;
  assert.equal(req.method, 'POST');
  assert.deepEqual(JSON.parse(req.body), { Query: kql });
  assert.deepEqual(r.columns.slice(0, 2), [{ name: 'Timestamp', type: 'datetime' }, { name: 'DeviceName', type: 'string' }]);
  assert.equal(r.rows.length, 2);
  assert.equal(r.truncated, true);
  assert.equal(r.rows[0]![0], '2026-11-01T00:00:00.1234567Z');
  // Legacy casing (Schema/Name/Type/Results) reads the same.
  fake.legacyCasing = true;
  const legacy = await engine.query(kql, { maxRows: 0 });
  assert.deepEqual(legacy.columns, r.columns);
  assert.equal(legacy.rows.length, 3);
  engine.close();
});

test('not portable: refused with NOT-PORTABLE, nothing sent', async (t) => {
  const fake = await fakeWithData(t);
  const engine = openRemoteEngine({ engine: 'defender', env: fake.env });
  await assert.rejects(engine.query('SecurityEvent | where TimeGenerated > ago(1d)'), (e: unknown) => e instanceof QueryError && e.diagnostics[0]!.code === 'NOT-PORTABLE');
  assert.equal(fake.graphRequests().length, 0);
  assert.equal(portabilityProblems('DeviceFileEvents | invoke FileProfile(SHA1)', 'loganalytics').length, 1);
  assert.equal(portabilityProblems('DeviceFileEvents | invoke FileProfile(SHA1)', 'defender').length, 0);
  assert.equal(portabilityProblems('externaldata(x:string) ["/tmp/a.csv"]', 'adx').length, 1);
  assert.equal(portabilityProblems('externaldata(x:string) [h"https://example.org/a.csv"]', 'adx').length, 0);
});

test('loganalytics: POST workspaces/{id}/query, tables[0] decoded, Sentinel TimeGenerated accepted', async (t) => {
  const fake = await fakeWithData(t);
  fake.laAnswer = { tables: [{ name: 'PrimaryResult', columns: [{ name: 'TimeGenerated', type: 'datetime' }, { name: 'Computer', type: 'string' }, { name: 'n', type: 'long' }, { name: 'Props', type: 'dynamic' }, { name: 'Flag', type: 'bool' }],
    rows: [['2026-11-01T10:00:00Z', 'ws-01', 5, '{"a":1}', true], ['2026-11-01T11:00:00.5Z', null, null, null, null]] }] };
  const engine = openRemoteEngine({ engine: 'loganalytics', env: fake.env, workspace: 'ws-guid-1' });
  const kql = 'SecurityEvent | where TimeGenerated > ago(1d) | summarize n = count() by Computer';
  const r = await engine.query(kql);
  const req = fake.requests.find((x) => x.url.startsWith('/la/'))!;
  assert.equal(req.url, '/la/v1/workspaces/ws-guid-1/query');
  assert.deepEqual(JSON.parse(req.body), { query: kql });
  assert.deepEqual(r.rows, [['2026-11-01T10:00:00Z', 'ws-01', 5, { a: 1 }, true], ['2026-11-01T11:00:00.5000000Z', '', null, null, null]]);
  const form = new URLSearchParams(fake.tokenRequests()[0]!.body);
  assert.equal(form.get('scope'), 'https://api.loganalytics.io/.default');
  assert.throws(() => openRemoteEngine({ engine: 'loganalytics', env: fake.env }), ConnectorError);
});

test('adx: azure-kusto-data speaks Kusto REST v2 to the cluster and the primary result is decoded', async (t) => {
  const fake = await fakeWithData(t);
  fake.adxFrames = [
    { FrameType: 'DataSetHeader', IsProgressive: false, Version: 'v2.0' },
    { FrameType: 'DataTable', TableId: 0, TableKind: 'QueryProperties', TableName: '@ExtendedProperties', Columns: [{ ColumnName: 'TableId', ColumnType: 'int' }, { ColumnName: 'Key', ColumnType: 'string' }, { ColumnName: 'Value', ColumnType: 'dynamic' }], Rows: [] },
    { FrameType: 'DataTable', TableId: 1, TableKind: 'PrimaryResult', TableName: 'PrimaryResult', Columns: [{ ColumnName: 'Timestamp', ColumnType: 'datetime' }, { ColumnName: 'DeviceName', ColumnType: 'string' }, { ColumnName: 'Count', ColumnType: 'long' }, { ColumnName: 'Extra', ColumnType: 'dynamic' }],
      Rows: [['2026-11-01T00:00:00.1234567Z', 'ws-01', 3, { k: 'v' }]] },
    { FrameType: 'DataTable', TableId: 2, TableKind: 'QueryCompletionInformation', TableName: 'QueryCompletionInformation', Columns: [{ ColumnName: 'Level', ColumnType: 'int' }], Rows: [] },
    { FrameType: 'DataSetCompletion', HasErrors: false, Cancelled: false },
  ];
  const engine = openRemoteEngine({ engine: 'adx', env: fake.env, cluster: fake.base, database: 'Hunting' });
  const kql = 'DeviceProcessEvents | summarize Count = count() by DeviceName';
  const r = await engine.query(kql);
  engine.close();
  const req = fake.requests.find((x) => x.url === '/v2/rest/query')!;
  assert.equal(req.method, 'POST');
  const body = JSON.parse(req.body) as { db: string; csl: string };
  assert.equal(body.db, 'Hunting');
  assert.equal(body.csl, kql);
  assert.match(String(req.headers['authorization']), /^Bearer fake-access-token-/);
  assert.deepEqual(r.columns.map((c) => c.type), ['datetime', 'string', 'long', 'dynamic']);
  assert.deepEqual(r.rows, [['2026-11-01T00:00:00.1234567Z', 'ws-01', 3, { k: 'v' }]]);
  const form = new URLSearchParams(fake.tokenRequests()[0]!.body);
  assert.equal(form.get('scope'), `${fake.base}/.default`);
});

test('schema names and types are matched case-insensitively', () => {
  assert.deepEqual(columnsFromSchema([{ Name: 'A', Type: 'Int64' }, { name: 'B', type: 'Object' }, { NAME: 'C', TYPE: 'system.datetime' }]),
    [{ name: 'A', type: 'long' }, { name: 'B', type: 'dynamic' }, { name: 'C', type: 'datetime' }]);
  assert.equal(encodeValue('string', null), '');
  assert.equal(encodeValue('long', '9007199254740993'), '9007199254740993');
  assert.equal(encodeValue('datetime', '2026-11-01T02:00:00+02:00'), '2026-11-01T00:00:00Z');
});
