/**
 * Checks the harness against the real corpus without an engine: category and core counts match
 * the corpus README, and every documented table compares equal to itself once its cells are
 * encoded the way the engine encodes values (so every doc cell format is understood).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import type { EncodedValue, ResultColumn } from '../../src/engine/contract.js';
import { CATEGORIES, EXPECTED_CORE_COUNT, categoryOf, isCore } from './categories.js';
import { policyFor } from './compare-policy.js';
import { compareTables } from './compare-results.js';
import { LenientNumber, type LenientValue, parseLenientJson } from './lenient-json.js';
import { type DocExample, docsExamplesPath, loadDocExamples, locateShared } from './load-corpus.js';
import { isNullCell, parseDateTimeTicks, parseDocBool, parseDocNumber, parseTimespanTicks } from './normalize.js';

const shared = locateShared();
const skip = !existsSync(docsExamplesPath(shared)) && 'shared corpus not found';

function isoFromTicks(t: bigint): string {
  const ms = t / 10_000n;
  const frac = (t % 10_000_000n + 10_000_000n) % 10_000_000n;
  const base = new Date(Number(ms)).toISOString().slice(0, 19);
  return frac === 0n ? `${base}Z` : `${base}.${frac.toString().padStart(7, '0')}Z`;
}

function timespanFromTicks(t: bigint): string {
  const neg = t < 0n;
  let v = neg ? -t : t;
  const frac = v % 10_000_000n;
  v /= 10_000_000n;
  const s = v % 60n; v /= 60n;
  const m = v % 60n; v /= 60n;
  const h = v % 24n; const d = v / 24n;
  const p = (x: bigint): string => x.toString().padStart(2, '0');
  return `${neg ? '-' : ''}${d > 0n ? `${d}.` : ''}${p(h)}:${p(m)}:${p(s)}${frac ? `.${frac.toString().padStart(7, '0')}` : ''}`;
}

function toEncoded(v: LenientValue): EncodedValue {
  if (v instanceof LenientNumber) return v.value;
  if (Array.isArray(v)) return v.map(toEncoded);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toEncoded(x)]));
  return v;
}

/** Guesses a column's type from its cells and encodes them like the engine would. */
function encodeColumn(cells: readonly string[]): { type: ResultColumn['type']; values: EncodedValue[] } {
  const filled = cells.filter((c) => !isNullCell(c));
  const all = (p: (c: string) => boolean): boolean => filled.length > 0 && filled.every(p);
  if (all((c) => parseDateTimeTicks(c) !== undefined)) return { type: 'datetime', values: cells.map((c) => (isNullCell(c) ? null : isoFromTicks(parseDateTimeTicks(c)!))) };
  if (all((c) => /:/.test(c) && parseTimespanTicks(c) !== undefined)) return { type: 'timespan', values: cells.map((c) => (isNullCell(c) ? null : timespanFromTicks(parseTimespanTicks(c)!))) };
  if (all((c) => /^(true|false)$/i.test(c) && parseDocBool(c) !== undefined)) return { type: 'bool', values: cells.map((c) => (isNullCell(c) ? null : parseDocBool(c)!)) };
  if (all((c) => parseDocNumber(c) !== undefined)) {
    return { type: 'real', values: cells.map((c) => { const n = parseDocNumber(c); return isNullCell(c) || !n ? null : n.integerText && Math.abs(n.value) > 2 ** 53 ? n.integerText : n.value; }) };
  }
  if (all((c) => /^[[{]/.test(c.trim()) && parseLenientJson(c.trim()) !== undefined)) return { type: 'dynamic', values: cells.map((c) => (isNullCell(c) ? null : toEncoded(parseLenientJson(c.trim())!))) };
  return { type: 'string', values: cells.map((c) => (c.trim() === '' ? '' : c)) };
}

function echo(ex: DocExample): { columns: ResultColumn[]; rows: EncodedValue[][] } {
  const encoded = ex.columns.map((_, i) => encodeColumn(ex.rows.map((r) => r[i] ?? '')));
  return {
    columns: ex.columns.map((name, i) => ({ name, type: encoded[i]!.type })),
    rows: ex.rows.map((_, r) => encoded.map((c) => c.values[r]!)),
  };
}

test('categories and the core subset match the corpus README', { skip }, () => {
  const examples = loadDocExamples(shared);
  assert.equal(examples.length, 749);
  const counts = Object.fromEntries(CATEGORIES.map((c) => [c, examples.filter((e) => categoryOf(e.source) === c).length]));
  assert.deepEqual(counts, { 'tabular-operator': 99, 'scalar-function': 556, 'aggregation-function': 34, plugin: 30, other: 30 });
  assert.equal(examples.filter((e) => isCore(e.source)).length, EXPECTED_CORE_COUNT);
});

test('every documented table equals itself encoded as the engine would encode it', { skip }, () => {
  const failures: string[] = [];
  for (const ex of loadDocExamples(shared)) {
    const r = compareTables(ex, echo(ex), policyFor(ex.query, ex.note, ex.id));
    if (!r.ok) failures.push(`${ex.id}: ${r.diff}`);
  }
  assert.deepEqual(failures, []);
});

test('sort detection agrees with the corpus notes on unsorted multi-row examples', { skip }, () => {
  const disagree = loadDocExamples(shared)
    .filter((e) => e.rows.length > 1 && /no sort in query/.test(e.note ?? '') && policyFor(e.query, undefined).ordered)
    .map((e) => e.id);
  assert.deepEqual(disagree, []);
});
