/**
 * Compares a documented output table with an engine result under a ComparePolicy. Promises: a
 * CompareOutcome saying whether the shape (columns, row count) and the values match, with the
 * first difference found as a short `diff` and a `kind` usable for grouping. Never throws.
 */
import type { EncodedValue, ResultColumn } from '../../src/engine/contract.js';
import { matchRows } from './bipartite.js';
import { type CellOptions, compareCell, show } from './compare-values.js';
import type { ComparePolicy } from './compare-policy.js';

export interface ExpectedTable {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

export interface ActualTable {
  readonly columns: readonly ResultColumn[];
  readonly rows: readonly (readonly EncodedValue[])[];
}

export type DiffKind = 'columns' | 'row-count' | 'values' | 'row-order';

export interface CompareOutcome {
  /** Values (and shape) equal. */
  readonly ok: boolean;
  /** Column names/count and row count equal. */
  readonly shapeOk: boolean;
  readonly kind?: DiffKind;
  readonly diff?: string;
}

/** expected column index → actual column index, or a reason why the columns do not line up. */
export function mapColumns(expected: readonly string[], actual: readonly ResultColumn[], byPosition: boolean, anyOrder = false): number[] | string {
  const names = actual.map((c) => c.name);
  if (expected.length !== actual.length) {
    return `column count: expected ${expected.length} ${show(expected)}, got ${actual.length} ${show(names)}`;
  }
  if (byPosition) return expected.map((_, i) => i);
  if (anyOrder && new Set(names).size === names.length && expected.every((e) => names.includes(e))) return expected.map((e) => names.indexOf(e));
  const wrong = expected.findIndex((name, i) => names[i] !== name);
  if (wrong < 0) return expected.map((_, i) => i);
  const sameSet = [...expected].sort().join('\u0000') === [...names].sort().join('\u0000');
  return sameSet
    ? `column order: expected ${show(expected)}, got ${show(names)}`
    : `column names: expected ${show(expected)}, got ${show(names)}`;
}

/** First differing cell of two rows, or undefined when they are equal. */
export function rowMismatch(expected: readonly string[], actual: readonly EncodedValue[], map: readonly number[], columns: readonly ResultColumn[], expectedNames: readonly string[], opts: CellOptions = {}): string | undefined {
  for (let i = 0; i < expected.length; i++) {
    const j = map[i]!;
    const r = compareCell(expected[i]!, actual[j] ?? null, columns[j]?.type ?? 'string', opts);
    if (r !== undefined) return `column ${expectedNames[i]} (${columns[j]?.type}): ${r}`;
  }
  return undefined;
}

export function compareTables(expected: ExpectedTable, actual: ActualTable, policy: ComparePolicy): CompareOutcome {
  const map = mapColumns(expected.columns, actual.columns, policy.byPosition, policy.columnsAnyOrder === true);
  if (typeof map === 'string') return { ok: false, shapeOk: false, kind: 'columns', diff: map };
  const cols = actual.columns;
  const mismatch = (i: number, j: number): string | undefined =>
    rowMismatch(expected.rows[i]!, actual.rows[j]!, map, cols, expected.columns, policy);
  const rowCountOk = expected.rows.length === actual.rows.length;
  if (policy.docRowsSubset) {
    // The doc shows only part of the result: every shown row must be there, in order when ordered.
    if (actual.rows.length < expected.rows.length) return { ok: false, shapeOk: false, kind: 'row-count', diff: `row count: expected at least ${expected.rows.length}, got ${actual.rows.length}` };
    if (policy.ordered) {
      const off = actual.rows.length - expected.rows.length;
      for (let start = 0; start <= off; start++) if (expected.rows.every((_, i) => mismatch(i, start + i) === undefined)) return { ok: true, shapeOk: true };
      return { ok: false, shapeOk: true, kind: 'values', diff: 'the documented rows are not a contiguous run of the result' };
    }
    const sub = matchRows(expected.rows.length, actual.rows.length, (a, b) => mismatch(a, b) === undefined);
    const miss = sub.findIndex((j) => j < 0);
    return miss < 0 ? { ok: true, shapeOk: true } : { ok: false, shapeOk: true, kind: 'values', diff: `expected row ${miss + 1} not found` };
  }

  if (policy.ordered && rowCountOk) {
    for (let i = 0; i < expected.rows.length; i++) {
      const r = mismatch(i, i);
      if (r === undefined) continue;
      const matched = matchRows(expected.rows.length, actual.rows.length, (a, b) => mismatch(a, b) === undefined);
      if (matched.every((j) => j >= 0)) return { ok: false, shapeOk: true, kind: 'row-order', diff: `row order differs (same rows); first at row ${i + 1}` };
      return { ok: false, shapeOk: true, kind: 'values', diff: `row ${i + 1}: ${r}` };
    }
    return { ok: true, shapeOk: true };
  }

  const matched = matchRows(expected.rows.length, actual.rows.length, (a, b) => mismatch(a, b) === undefined);
  const missing = matched.findIndex((j) => j < 0);
  if (missing < 0 && rowCountOk) return { ok: true, shapeOk: true };
  if (!rowCountOk) {
    return { ok: false, shapeOk: false, kind: 'row-count', diff: `row count: expected ${expected.rows.length}, got ${actual.rows.length}` };
  }
  // Explain the first unmatched expected row against the unmatched actual row closest to it.
  const used = new Set(matched.filter((j) => j >= 0));
  let best: { j: number; score: number; r: string } | undefined;
  for (let j = 0; j < actual.rows.length; j++) {
    if (used.has(j)) continue;
    let score = 0;
    for (let c = 0; c < map.length; c++) {
      if (compareCell(expected.rows[missing]![c]!, actual.rows[j]![map[c]!] ?? null, cols[map[c]!]?.type ?? 'string', policy) === undefined) score++;
    }
    if (!best || score > best.score) best = { j, score, r: mismatch(missing, j) ?? '' };
  }
  return { ok: false, shapeOk: true, kind: 'values', diff: `expected row ${missing + 1} not found${best ? `; nearest: ${best.r}` : ''}` };
}
