import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MDE_TABLES, SCHEMA_FILE, getTable, findTable } from '../../src/schema/index.js';

const SHARED = fileURLToPath(new URL('../../../shared/mde-schema/schema.json', import.meta.url));

test('data/mde-schema.json is byte-identical to shared/mde-schema/schema.json', { skip: !existsSync(SHARED) && 'shared/ not beside the clone' }, () => {
  assert.equal(readFileSync(SCHEMA_FILE, 'utf8'), readFileSync(SHARED, 'utf8'));
});

test('every table and column of the shared schema is in the code schema, in order', () => {
  const raw = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as { tables: Record<string, { columns: { name: string; kqlType: string }[] }> };
  assert.deepEqual([...MDE_TABLES.keys()], Object.keys(raw.tables));
  assert.equal(MDE_TABLES.size, 12);
  for (const [name, t] of Object.entries(raw.tables)) {
    const def = getTable(name);
    assert.deepEqual(def.columns.map((c) => c.name), t.columns.map((c) => c.name), name);
    for (const [i, c] of t.columns.entries()) {
      const mine = def.columns[i]!;
      if (mine.type !== 'dynamic') assert.equal(mine.type, c.kqlType, `${name}.${c.name}`);
      else assert.equal(c.kqlType, 'string', `${name}.${c.name} is dynamic only if documented as string`);
    }
  }
});

test('JSON-holding columns are typed dynamic', () => {
  const dyn = (t: string, c: string) => getTable(t).columnByLowerName.get(c.toLowerCase())?.type;
  assert.equal(dyn('DeviceProcessEvents', 'AdditionalFields'), 'dynamic');
  assert.equal(dyn('DeviceInfo', 'LoggedOnUsers'), 'dynamic');
  assert.equal(dyn('DeviceNetworkInfo', 'IPAddresses'), 'dynamic');
  assert.equal(dyn('DeviceNetworkInfo', 'ConnectedNetworks'), 'dynamic');
  assert.equal(dyn('DeviceNetworkInfo', 'DnsAddresses'), 'dynamic');
  assert.equal(dyn('AlertEvidence', 'Categories'), 'dynamic');
  assert.equal(dyn('DeviceProcessEvents', 'ProcessCommandLine'), 'string');
  assert.equal(dyn('DeviceNetworkEvents', 'RemotePort'), 'int');
});

test('table lookup is case-insensitive and unknown names are undefined', () => {
  assert.equal(findTable('devicenetworkevents')?.name, 'DeviceNetworkEvents');
  assert.equal(findTable('NoSuchTable'), undefined);
  assert.throws(() => getTable('NoSuchTable'), /unknown table 'NoSuchTable'/);
});
