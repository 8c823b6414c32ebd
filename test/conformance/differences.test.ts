/**
 * The "differences from the DuckDB engine" section of the chDB summaries: every failure the
 * reference run passed is listed under its reason, failures both engines share are left out, and
 * a missing reference run is said plainly.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { differencesSection, failedIdsIn } from './report.js';

test('lists the failures the reference engine passed, grouped by reason, with every id', () => {
  const failed = [
    { id: 'a#1', bucket: 'error:NOT-SUPPORTED', message: 'not supported: mv-apply on the ClickHouse engine' },
    { id: 'a#2', bucket: 'error:NOT-SUPPORTED', message: 'not supported: mv-apply on the ClickHouse engine' },
    { id: 'b#1', bucket: 'error:NOT-SUPPORTED', message: 'not supported: function tdigest() on the ClickHouse engine' },
    { id: 'both#1', bucket: 'error:NOT-SUPPORTED', message: 'not supported: graph operators' },
  ];
  const md = differencesSection(failed, new Set(['both#1']), 'DuckDB').join('\n');
  assert.match(md, /## Differences from the DuckDB engine: 3 pass there and fail here/);
  assert.match(md, /- \*\*2\*\* · not supported: mv-apply on the ClickHouse engine: a#1, a#2/);
  assert.match(md, /- \*\*1\*\* · not supported: function tdigest\(\) on the ClickHouse engine: b#1/);
  assert.doesNotMatch(md, /both#1/);
});

test('says when there is no reference run, and reads a reference failure list', (t) => {
  assert.match(differencesSection([], undefined, 'DuckDB').join('\n'), /no DuckDB run in \.conformance\//);
  const dir = mkdtempSync(join(tmpdir(), 'harrier-diff-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'docs-failures.jsonl');
  writeFileSync(file, `${JSON.stringify({ id: 'x#1', status: 'error' })}\n${JSON.stringify({ id: 'y#2', status: 'mismatch' })}\n`);
  assert.deepEqual([...failedIdsIn(file)!].sort(), ['x#1', 'y#2']);
  assert.equal(failedIdsIn(join(dir, 'none.jsonl')), undefined);
});
