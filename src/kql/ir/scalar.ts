/**
 * Scalar IR: readonly, frozen expression nodes, each carrying its KQL type. Functions and operators
 * are `call` nodes keyed by the catalog key of the binder's resolved symbol (e.g. 'tolower',
 * 'op:Has'), so compiling never looks at source spellings.
 */
import type { KqlType } from './types.js';
import type { Rel } from './relational.js';

/**
 * Literal payloads: long/int as decimal text, datetime as epoch microseconds text (with `+<d>` when
 * the literal has a non-zero 100 ns tick below the microsecond, see DATETIME_TICK), timespan as
 * ticks text, dynamic as JSON text.
 */
export type LiteralValue = null | boolean | number | string;

export interface ColumnRef { readonly k: 'col'; readonly name: string; readonly type: KqlType }
/** A datetime literal payload: epoch µs and an optional 100 ns tick digit. */
export const DATETIME_TICK = /^(-?\d+)(?:\+(\d))?$/;

export interface Literal { readonly k: 'lit'; readonly value: LiteralValue; readonly type: KqlType }
export interface Call { readonly k: 'call'; readonly fn: string; readonly args: readonly Scalar[]; readonly type: KqlType }
/** A row function over the serialized order (row_number, prev, next, row_cumsum...). */
export interface RowFn {
  readonly k: 'row';
  readonly fn: string;
  readonly args: readonly Scalar[];
  readonly order: readonly SortKey[];
  readonly type: KqlType;
  /** Restart groups (from a restart argument, hoisted into a column by the lowering). */
  readonly partition?: Scalar;
}
/** toscalar(): the first column of the first row of a tabular expression. */
export interface ScalarSubquery { readonly k: 'subquery'; readonly rel: Rel; readonly type: KqlType }
/** The `*` argument of arg_max/arg_min/take_any/pack_all: all input columns. */
export interface Star { readonly k: 'star'; readonly type: KqlType }
/** A lambda parameter reference, for list functions compiled to dialect lambdas. */
export interface LambdaParam { readonly k: 'param'; readonly name: string; readonly type: KqlType }

export type Scalar = ColumnRef | Literal | Call | RowFn | ScalarSubquery | Star | LambdaParam;
export type ScalarKind = Scalar['k'];

export interface SortKey {
  readonly expr: Scalar;
  readonly desc: boolean;
  readonly nullsFirst: boolean;
}

export const col = (name: string, type: KqlType): ColumnRef => Object.freeze({ k: 'col', name, type });
export const lit = (value: LiteralValue, type: KqlType): Literal => Object.freeze({ k: 'lit', value, type });
export const call = (fn: string, args: readonly Scalar[], type: KqlType): Call =>
  Object.freeze({ k: 'call', fn, args: Object.freeze([...args]), type });
export const rowFn = (fn: string, args: readonly Scalar[], order: readonly SortKey[], type: KqlType, partition?: Scalar): RowFn =>
  Object.freeze({ k: 'row', fn, args: Object.freeze([...args]), order, type, ...(partition ? { partition } : {}) });
export const subquery = (rel: Rel, type: KqlType): ScalarSubquery => Object.freeze({ k: 'subquery', rel, type });
export const star = (): Star => Object.freeze({ k: 'star', type: 'dynamic' });
export const sortKey = (expr: Scalar, desc: boolean, nullsFirst: boolean): SortKey => Object.freeze({ expr, desc, nullsFirst });

/** Column names an expression reads (for splitting dependent extend items). */
export function referencedColumns(e: Scalar, out = new Set<string>()): Set<string> {
  switch (e.k) {
    case 'col': out.add(e.name); break;
    case 'call': case 'row': for (const a of e.args) referencedColumns(a, out); break;
    default: break;
  }
  if (e.k === 'row') for (const o of e.order) referencedColumns(o.expr, out);
  return out;
}
