/** Unit tests for failure grouping, the rate line format and flag parsing. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { groupFailures, messageTemplate } from './group-failures.js';
import { formatRate } from './report.js';
import { parseArgs } from './cli-args.js';

test('message templates keep names, drop values', () => {
  assert.equal(messageTemplate("not supported: function 'geo_distance_2points'"), "not supported: function 'geo_distance_2points'");
  assert.equal(messageTemplate('expected 5, got 6'), 'expected N, got N');
  assert.equal(messageTemplate('expected "abc", got "abd"'), 'expected "…", got "…"');
  assert.equal(messageTemplate("Conversion Error: Could not convert string 'hello world' to INT64"), "Conversion Error: Could not convert string '…' to INT64");
});

test('groups by bucket and template, largest first', () => {
  const g = groupFailures([
    { id: 'a', bucket: 'error:NOT-SUPPORTED', message: "not supported: function 'x'" },
    { id: 'b', bucket: 'mismatch:values', message: 'expected 1, got 2' },
    { id: 'c', bucket: 'mismatch:values', message: 'expected 3, got 4' },
  ]);
  assert.equal(g.length, 2);
  assert.equal(g[0]!.count, 2);
  assert.deepEqual(g[0]!.ids, ['b', 'c']);
});

test('rate line format', () => {
  assert.equal(formatRate('docs core', { passed: 1, total: 3 }), 'docs core: 1/3 (33.3%)');
  assert.equal(formatRate('hunting', { passed: 0, total: 0 }), 'hunting: 0/0 (0.0%)');
});

test('flags', () => {
  const a = parseArgs(['--only', 'docs', '--filter=strcat', '--summary', '--min-core', '80', '--json']);
  assert.equal(a.only, 'docs');
  assert.equal(a.filter, 'strcat');
  assert.equal(a.summary, true);
  assert.equal(a.minCore, 80);
  assert.equal(a.json, true);
  assert.throws(() => parseArgs(['--only', 'x']), /--only/);
  assert.throws(() => parseArgs(['--bogus']), /unknown argument/);
  assert.throws(() => parseArgs(['--min-hunting']), /needs a value/);
});
