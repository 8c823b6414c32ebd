/** Unit tests for hunting-corpus.ts and the hunting pass-rate arithmetic. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { type HuntingQuery, classifyHuntingOutcome, huntingQueriesPath, loadHuntingQueries, selectHuntingQueries, usesNetworkExternaldata } from './hunting-corpus.js';
import { huntingTotals } from './hunting-report.js';
import { locateShared } from './load-corpus.js';

const q = (over: Partial<HuntingQuery>): HuntingQuery => ({ id: 'x', repo: '', path: '', name: '', dialect: 'advanced-hunting', tables: [], otherTables: [], query: '', ...over });

test('selection: not sentinel, MDE tables only', () => {
  const sel = selectHuntingQueries([
    q({ id: 'a' }), q({ id: 'b', dialect: 'sentinel' }), q({ id: 'c', otherTables: ['SigninLogs'] }), q({ id: 'd', dialect: 'unknown' }), q({ id: 'e', dialect: 'mixed' }),
  ]);
  assert.deepEqual(sel.map((x) => x.id), ['a', 'd', 'e']);
});

test('selection on the real corpus', { skip: !existsSync(huntingQueriesPath(locateShared())) && 'shared corpus not found' }, () => {
  const all = loadHuntingQueries(locateShared());
  assert.equal(all.length, 846);
  const sel = selectHuntingQueries(all);
  assert.equal(sel.length, 564);
  assert.ok(sel.filter((x) => usesNetworkExternaldata(x.query)).length > 0);
});

test('network externaldata detection', () => {
  assert.ok(usesNetworkExternaldata('let x = externaldata(a:string)[@"https://example.org/list.csv"] with (format="csv");'));
  assert.ok(!usesNetworkExternaldata('// externaldata(a:string)["https://x"]\nDeviceInfo | take 1'));
  assert.ok(!usesNetworkExternaldata('DeviceNetworkEvents | where RemoteUrl startswith "https://"'));
});

test('outcome classification', () => {
  const err = (code: string, message = 'm') => ({ kind: 'error' as const, ms: 1, error: { name: 'QueryError', message, diagnostics: [{ code, severity: 'error', message }] } });
  assert.equal(classifyHuntingOutcome({ kind: 'ok', ms: 1, result: { columns: [], rows: [], truncated: false, warnings: [], timings: { parseMs: 0, translateMs: 0, executeMs: 0, totalMs: 0 } } }).status, 'ok');
  assert.equal(classifyHuntingOutcome(err('KQL-BIND', "The name 'Foo' does not refer to any known column")).status, 'bind-error');
  assert.equal(classifyHuntingOutcome(err('KQL-PARSE')).status, 'bind-error');
  assert.equal(classifyHuntingOutcome(err('NOT-SUPPORTED', 'not supported: operator fork')).status, 'not-supported');
  assert.equal(classifyHuntingOutcome(err('SQL-EXEC', 'Binder Error: ...')).status, 'sql-error');
  assert.equal(classifyHuntingOutcome(err('INTERNAL', 'oops')).status, 'other-error');
  assert.equal(classifyHuntingOutcome({ kind: 'timeout', ms: 1 }).status, 'timeout');
  assert.equal(classifyHuntingOutcome({ kind: 'crash', ms: 1, message: 'exit' }).status, 'crash');
});

test('pass rate excludes bind errors and network externaldata', () => {
  const t = huntingTotals([
    { id: '1', name: '', status: 'ok', ms: 1 }, { id: '2', name: '', status: 'ok', ms: 1 },
    { id: '3', name: '', status: 'bind-error', ms: 1 }, { id: '4', name: '', status: 'network', ms: 0 },
    { id: '5', name: '', status: 'not-supported', ms: 1 }, { id: '6', name: '', status: 'timeout', ms: 1 },
  ]);
  assert.deepEqual(t.rate, { passed: 2, total: 4 });
});
