/**
 * Golden queries: test/kql/golden/<name>.kql with <name>.expected.json ({columns, rows}). The
 * expected results were checked against the documented outputs in the KQL reference (source
 * noted in each file). Rows compare in order when the query sorts, else as a multiset.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { getEngine } from './helpers.js';

const DIR = join(import.meta.dirname, 'golden');
const ORDERED = /\b(sort|order|top|serialize)\b/;

after(async () => (await getEngine()).close());

describe('golden queries', () => {
  for (const file of readdirSync(DIR).filter((f) => f.endsWith('.kql')).sort()) {
    it(file, async () => {
      const query = readFileSync(join(DIR, file), 'utf8');
      const expected = JSON.parse(readFileSync(join(DIR, file.replace(/\.kql$/, '.expected.json')), 'utf8')) as { columns: unknown; rows: unknown[][] };
      const r = await (await getEngine()).query(query);
      assert.deepEqual(r.columns, expected.columns);
      const key = (rows: readonly (readonly unknown[])[]) => rows.map((x) => JSON.stringify(x));
      if (ORDERED.test(query)) assert.deepEqual(key(r.rows), key(expected.rows));
      else assert.deepEqual(key(r.rows).sort(), key(expected.rows).sort());
    });
  }
});
