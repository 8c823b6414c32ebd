import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingestPaths, tableFromCategory, tableFromColumns, tableFromFileName } from '../../src/ingest/index.js';
import { getTable } from '../../src/schema/index.js';
import { count, csv, memoryStore, tempDir } from './helpers.js';

test('table from the file name: case-insensitive prefix, longest match, whole word', () => {
  assert.equal(tableFromFileName('/x/DeviceProcessEvents.csv')?.name, 'DeviceProcessEvents');
  assert.equal(tableFromFileName('devicefileevents-2026-11-18.json')?.name, 'DeviceFileEvents');
  assert.equal(tableFromFileName('DeviceNetworkInfo_export.csv')?.name, 'DeviceNetworkInfo');
  assert.equal(tableFromFileName('DeviceEvents.csv.gz')?.name, 'DeviceEvents');
  assert.equal(tableFromFileName('DeviceEventsExtra.csv'), undefined);
  assert.equal(tableFromFileName('export.csv'), undefined);
});

test('table from a streaming category', () => {
  assert.equal(tableFromCategory('AdvancedHunting-DeviceProcessEvents')?.name, 'DeviceProcessEvents');
  assert.equal(tableFromCategory('advancedhunting-alertinfo')?.name, 'AlertInfo');
  assert.equal(tableFromCategory('AdvancedHunting-EmailEvents'), undefined);
});

test('table from the best column match; a full column set breaks ties; ambiguity is an error', () => {
  assert.equal(tableFromColumns(['Timestamp', 'DeviceName', 'RegistryKey', 'RegistryValueType']).name, 'DeviceRegistryEvents');
  // Every DeviceImageLoadEvents column is also in DeviceProcessEvents: the complete set decides.
  assert.equal(tableFromColumns(getTable('DeviceImageLoadEvents').columns.map((c) => c.name)).name, 'DeviceImageLoadEvents');
  assert.equal(tableFromColumns(getTable('DeviceNetworkEvents').columns.map((c) => c.name.toLowerCase())).name, 'DeviceNetworkEvents');
  assert.throws(() => tableFromColumns(['Timestamp', 'DeviceId', 'DeviceName', 'ActionType']), /cannot tell the table.*DeviceProcessEvents.*--table/);
  assert.throws(() => tableFromColumns(['foo', 'bar']), /no MDE table has any of the columns/);
});

test('ingest: an ambiguous CSV fails with the candidates; --table resolves it', async (t) => {
  const dir = tempDir(t);
  const store = await memoryStore(t);
  const file = join(dir, 'export.csv');
  writeFileSync(file, csv(['Timestamp', 'DeviceName', 'ActionType'], ['2026-11-18T08:00:00Z,wks-1,ConnectionSuccess']));
  const [a] = await ingestPaths(store, [file]);
  assert.equal(a!.status, 'failed');
  assert.match(a!.message ?? '', /cannot tell the table/);
  const [b] = await ingestPaths(store, [file], { table: 'DeviceNetworkEvents' });
  assert.equal(b!.status, 'stored');
  assert.equal(await count(store, 'DeviceNetworkEvents'), 1);
  const [c] = await ingestPaths(store, [file], { table: 'NoSuchTable', force: true });
  assert.match(c!.message ?? '', /unknown table 'NoSuchTable'/);
});
