/** Unit tests for compare-results.ts and compare-policy.ts: tables, row order, column matching. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ResultColumn } from '../../src/engine/contract.js';
import { type ComparePolicy, policyFor } from './compare-policy.js';
import { matchRows } from './bipartite.js';
import { compareTables } from './compare-results.js';

const cols = (...spec: string[]): ResultColumn[] => spec.map((s) => {
  const [name, type] = s.split(':');
  return { name: name!, type: (type ?? 'string') as ResultColumn['type'] };
});
const ordered: ComparePolicy = { ordered: true, byPosition: false, informativeValues: false, unorderedArrays: false, reasons: [] };
const multiset: ComparePolicy = { ...ordered, ordered: false };

test('multiset rows: any order passes; ordered rows: order matters', () => {
  const expected = { columns: ['x', 'y'], rows: [['1', 'a'], ['2', 'b']] };
  const swapped = { columns: cols('x:long', 'y'), rows: [[2, 'b'], [1, 'a']] };
  assert.equal(compareTables(expected, swapped, multiset).ok, true);
  const r = compareTables(expected, swapped, ordered);
  assert.equal(r.ok, false);
  assert.equal(r.kind, 'row-order');
  assert.equal(r.shapeOk, true);
});

test('multiset with duplicates needs the same multiplicities', () => {
  const expected = { columns: ['x'], rows: [['1'], ['1'], ['2']] };
  assert.equal(compareTables(expected, { columns: cols('x:long'), rows: [[1], [2], [1]] }, multiset).ok, true);
  const r = compareTables(expected, { columns: cols('x:long'), rows: [[1], [2], [2]] }, multiset);
  assert.equal(r.ok, false);
  assert.equal(r.kind, 'values');
  assert.match(r.diff ?? '', /expected row 2 not found/);
});

test('row count and column differences', () => {
  const expected = { columns: ['x'], rows: [['1']] };
  assert.equal(compareTables(expected, { columns: cols('x:long'), rows: [] }, multiset).kind, 'row-count');
  assert.equal(compareTables(expected, { columns: cols('y:long'), rows: [[1]] }, multiset).kind, 'columns');
  assert.equal(compareTables(expected, { columns: cols('x:long', 'y'), rows: [[1, '']] }, multiset).kind, 'columns');
  assert.equal(compareTables(expected, { columns: cols('y:long'), rows: [[1]] }, { ...multiset, byPosition: true }).ok, true);
  const order = compareTables({ columns: ['a', 'b'], rows: [] }, { columns: cols('b', 'a'), rows: [] }, multiset);
  assert.match(order.diff ?? '', /column order/);
});

test('typed values are compared by the actual column type', () => {
  const expected = { columns: ['t', 'd'], rows: [['2021-01-01 00:00:00.0000000', '1.00:00:00']] };
  const actual = { columns: cols('t:datetime', 'd:timespan'), rows: [['2021-01-01T00:00:00Z', '1.00:00:00']] };
  assert.equal(compareTables(expected, actual, ordered).ok, true);
});

test('fuzzy multiset matching finds a perfect assignment when greedy would not', () => {
  // expected 0 matches actual 0 and 1; expected 1 matches only actual 0.
  const m = matchRows(2, 2, (i, j) => (i === 0 ? true : j === 0));
  assert.deepEqual(m, [1, 0]);
});

test('policy from notes and query text', () => {
  assert.equal(policyFor('T | sort by x', undefined).ordered, true);
  assert.equal(policyFor('T | sort by x', 'no sort in query: compare rows order-insensitively').ordered, false);
  assert.equal(policyFor('print 1', 'doc column name "result" is illustrative (query has no alias)').byPosition, true);
  assert.equal(policyFor('print 1', 'doc column "ID" differs in case from query column "Id"').byPosition, true);
  assert.equal(policyFor('print 1', 'approximate/implementation-specific function (hash/dcount/percentile/hll/tdigest)').informativeValues, true);
  assert.equal(policyFor('T | take 1', 'uses take/limit/take_any: row choice not guaranteed by the language').informativeValues, true);
  assert.equal(policyFor('print 1', 'multi-line cell(s): <br> in the docs table converted to \\n').informativeValues, false);
});

test('set functions and known doc errors', () => {
  assert.equal(policyFor('print s = set_union(a, b)', undefined).unorderedArrays, true);
  assert.equal(policyFor('print s = pack_array(1)', undefined).unorderedArrays, false);
  assert.equal(policyFor('X | join kind=rightanti Y on Key', undefined, 'join-rightanti#1').byPosition, true);
  assert.equal(policyFor('print 1', undefined, 'toguid-function#1').informativeValues, true);
  const both = policyFor('T', undefined, 'mv-apply-operator#5');
  assert.ok(both.byPosition && both.informativeValues);
});

test('known doc errors: column-order, rows-elided, rejected', () => {
  const col = (name: string, type = 'long') => ({ name, type }) as never;
  const scan = policyFor('T | sort by a | scan with (step s: true;)', undefined, 'scan-operator#5');
  assert.ok(scan.columnsAnyOrder && !scan.ordered);
  assert.equal(compareTables({ columns: ['b', 'a'], rows: [['2', '1']] }, { columns: [col('a'), col('b')], rows: [[1, 2]] }, scan).ok, true);
  assert.equal(compareTables({ columns: ['b', 'a'], rows: [['1', '2']] }, { columns: [col('a'), col('b')], rows: [[1, 2]] }, scan).ok, false);
  const elided = policyFor('range x from 1 to 3 step 1 | order by x asc', undefined, 'range-operator#2');
  assert.ok(elided.docRowsSubset && elided.ordered);
  const actual = { columns: [col('x')], rows: [[1], [2], [3]] };
  assert.equal(compareTables({ columns: ['x'], rows: [['2'], ['3']] }, actual, elided).ok, true);
  assert.equal(compareTables({ columns: ['x'], rows: [['3'], ['2']] }, actual, elided).ok, false);
  assert.equal(compareTables({ columns: ['x'], rows: [['4']] }, actual, elided).ok, false);
  assert.equal(policyFor('print x', undefined, 'make-timespan-function#1').docQueryRejected, true);
  assert.equal(policyFor('print x', undefined, 'strcat-function#1').docQueryRejected, undefined);
});

test('a rejected doc example is a doc-error only when the engine refuses it with a binder diagnostic', async () => {
  const { runDocExample } = await import('./docs-runner.js');
  const ex = { id: 'make-timespan-function#1', source: 'data-explorer/kusto/query/make-timespan-function.md', query: 'print make_timespan(1, 2.5)', columns: ['t'], rows: [['1']] };
  const client = (code: string) => ({ query: async () => ({ kind: 'error', ms: 1, error: { name: 'QueryError', message: 'm', diagnostics: [{ code, severity: 'error', message: 'm' }] } }) }) as never;
  const bind = await runDocExample(ex as never, client('KQL-BIND'), { timeoutMs: 1000 } as never);
  assert.equal(bind.status, 'doc-error');
  assert.equal(bind.passed, true);
  const other = await runDocExample(ex as never, client('NOT-SUPPORTED'), { timeoutMs: 1000 } as never);
  assert.equal(other.status, 'error');
  assert.equal(other.passed, false);
  const plain = await runDocExample({ ...ex, id: 'strcat-function#1' } as never, client('KQL-BIND'), { timeoutMs: 1000 } as never);
  assert.equal(plain.status, 'error');
});
