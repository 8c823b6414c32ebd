/**
 * Helpers shared by the function families: argument coercions that keep Kusto's rules (strings
 * never null, dynamic values compared by their scalar content, conversions that never throw).
 */
import type { KqlType } from '../../schema/kql-types.js';
import { quoteString } from '../../sql/quote.js';
import type { FnArg, FnContext } from './catalog.js';

/** Argument as text: dynamic → its string form, others cast; never NULL. */
export function text(a: FnArg, cx: FnContext): string {
  if (a.type === 'string') return a.sql;
  if (a.type === 'dynamic') return cx.h('jsonToText')(a.sql);
  if (a.type === 'datetime') return cx.h('formatDatetime')(a.sql);
  if (a.type === 'timespan') return cx.h('formatTimespan')(a.sql);
  if (a.type === 'bool') return `coalesce(CASE WHEN ${a.sql} THEN 'true' ELSE 'false' END, '')`;
  return `coalesce(${cx.h('castText')(a.sql)}, '')`;
}

/** Argument converted to a KQL type, NULL when not convertible. */
export function as(a: FnArg, t: KqlType, cx: FnContext): string {
  if (a.type === t) return a.sql;
  if (t === 'string') return text(a, cx);
  if (t === 'dynamic') return cx.h('toJson')(a.sql, a.type);
  const numeric = (x: KqlType) => x === 'int' || x === 'long' || x === 'real' || x === 'decimal';
  if (a.type === 'dynamic') {
    const s = cx.h('jsonToText')(a.sql);
    if (t === 'datetime') return cx.h('tryCast')(`nullif(${s}, '')`, 'datetime');
    if (t === 'timespan') return `NULL::BIGINT`;
    return cx.h('tryCast')(`nullif(${s}, '')`, t);
  }
  if (numeric(a.type) && numeric(t)) return `CAST(${a.sql} AS ${cx.h('sqlType')(t)})`;
  return cx.h('tryCast')(a.sql, t);
}

/** The common comparison type of two arguments (dynamic yields to the other side). */
export function commonType(a: FnArg, b: FnArg): KqlType {
  if (a.type === b.type) return a.type;
  if (a.type === 'dynamic') return b.type;
  if (b.type === 'dynamic') return a.type;
  const rank: KqlType[] = ['int', 'long', 'decimal', 'real'];
  if (rank.includes(a.type) && rank.includes(b.type)) return rank[Math.max(rank.indexOf(a.type), rank.indexOf(b.type))]!;
  return a.type;
}

/** Literal string value of an argument, when it is a constant string. */
export function literalString(a: FnArg): string | undefined {
  return a.ir.k === 'lit' && typeof a.ir.value === 'string' && a.ir.type === 'string' ? a.ir.value : undefined;
}

export function literalNumber(a: FnArg | undefined): number | undefined {
  if (!a || a.ir.k !== 'lit' || a.ir.value === null) return undefined;
  const n = Number(a.ir.value);
  return Number.isFinite(n) ? n : undefined;
}

export const sqlStr = quoteString;

/** Escape text for use inside an RE2 pattern. */
export function escapeRegex(s: string): string {
  return s.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}

/** Ticks (100 ns) → microseconds, as SQL. */
export const ticksToMicros = (ticks: string, cx: FnContext): string => `CAST(${cx.h('intDiv')(`(${ticks})`, '10')} AS ${cx.h('sqlType')('long')})`;

/** Datetime `ts` shifted by `ticks` (100 ns; the sub-microsecond part is dropped). */
export const addTicks = (ts: string, ticks: string, cx: FnContext, sign: '+' | '-' = '+'): string =>
  cx.h('addMicros')(ts, sign === '+' ? ticksToMicros(ticks, cx) : `-${ticksToMicros(ticks, cx)}`);
