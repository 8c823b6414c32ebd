/** The same arguments give byte-identical table contents; another seed gives other data. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { MDE_TABLE_NAMES } from '../../src/schema/index.js';
import { openReadOnly, rows, simulateSmall } from './helpers.js';

async function tableHashes(path: string): Promise<Record<string, string>> {
  const { c, close } = await openReadOnly(path);
  try {
    const out: Record<string, string> = {};
    for (const t of [...MDE_TABLE_NAMES, '_harrier_truth']) {
      const order = t.startsWith('Alert') ? 'Timestamp' : 'ReportId';
      const r = await rows(c, `SELECT count(*), coalesce(md5(string_agg(x::VARCHAR, chr(10) ORDER BY ${order})), '') FROM "${t}" x`);
      out[t] = `${r[0]![0]}:${r[0]![1]}`;
    }
    return out;
  } finally {
    close();
  }
}

test('same arguments → identical table contents and HR watchlist; other seed → different', async () => {
  const opts = { devices: 12, hours: 30 };
  const a = await simulateSmall(opts, 'a.duckdb');
  const b = await simulateSmall(opts, 'b.duckdb');
  const ha = await tableHashes(a.files[0]!);
  const hb = await tableHashes(b.files[0]!);
  assert.deepEqual(ha, hb);
  assert.ok(Number(ha['DeviceNetworkEvents']!.split(':')[0]) > 1000);
  assert.equal(readFileSync(a.files[1]!, 'utf8'), readFileSync(b.files[1]!, 'utf8'));
  // Materializing in many small batches gives the same contents as one batch.
  const batched = await simulateSmall({ ...opts, batchEvents: 4_000 }, 'batched.duckdb');
  assert.deepEqual(await tableHashes(batched.files[0]!), ha);
  const other = await simulateSmall({ ...opts, seed: 8 }, 'c.duckdb');
  const hc = await tableHashes(other.files[0]!);
  assert.notEqual(hc['DeviceProcessEvents'], ha['DeviceProcessEvents']);
});
