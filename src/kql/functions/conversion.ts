/** Conversions: never throw, NULL when the value does not convert (strings: '' instead). */
import { defineFunctions, scalar, type FnArg, type FnContext } from './catalog.js';
import { as, text } from './common.js';

function toNumber(t: 'int' | 'long' | 'real' | 'decimal') {
  return scalar(([a], cx: FnContext) => {
    if (a!.type === 'string' || a!.type === 'dynamic') {
      const s = `nullif(trim(${text(a!, cx)}), '')`;
      if (t === 'real' || t === 'decimal') return `TRY_CAST(${s} AS DOUBLE)`;
      // Kusto truncates "1.9" → 1 for toint/tolong; DuckDB's cast of '1.9' to an integer rounds, so
      // text with a fraction or exponent goes through DOUBLE and trunc, other text casts exactly.
      const it = t === 'int' ? 'INTEGER' : 'BIGINT';
      return `CASE WHEN regexp_matches(${s}, '[.eE]') THEN TRY_CAST(trunc(TRY_CAST(${s} AS DOUBLE)) AS ${it}) ELSE TRY_CAST(${s} AS ${it}) END`;
    }
    if (a!.type === 'bool') return `CAST(${a!.sql} AS ${cx.h('sqlType')(t)})`;
    if (a!.type === 'datetime') return t === 'real' ? `CAST(${cx.h('epochMicros')(a!.sql)} * 10 AS DOUBLE)` : `(${cx.h('epochMicros')(a!.sql)} * 10 + 504911232000000000)`;
    if ((t === 'int' || t === 'long') && (a!.type === 'real' || a!.type === 'decimal')) return `TRY_CAST(trunc(${a!.sql}) AS ${cx.h('sqlType')(t)})`;
    return `TRY_CAST(${a!.sql} AS ${cx.h('sqlType')(t)})`;
  });
}

function toBool(a: FnArg, cx: FnContext): string {
  if (a.type === 'bool') return a.sql;
  if (a.type === 'string' || a.type === 'dynamic') {
    const s = `lower(trim(${text(a, cx)}))`;
    return `CASE WHEN ${s} IN ('true', '1') THEN TRUE WHEN ${s} IN ('false', '0') THEN FALSE END`;
  }
  return `TRY_CAST(${a.sql} AS BOOLEAN)`;
}

function toDatetime(a: FnArg, cx: FnContext): string {
  if (a.type === 'datetime') return a.sql;
  if (a.type === 'string' || a.type === 'dynamic') {
    const s = `nullif(trim(${text(a, cx)}), '')`;
    // TIMESTAMPTZ first: a cast to TIMESTAMP drops an explicit UTC offset instead of applying it
    // (the session time zone is UTC, so text without an offset reads as UTC either way).
    return `coalesce(TRY_CAST(TRY_CAST(${s} AS TIMESTAMPTZ) AS TIMESTAMP), TRY_CAST(${s} AS TIMESTAMP), try_strptime(${s}, ['%m/%d/%Y %H:%M:%S', '%m/%d/%Y %H:%M', '%m/%d/%Y', '%m-%d-%Y', '%m-%d-%Y %H:%M:%S', '%a, %d %b %Y %H:%M:%S GMT', '%d %b %Y %H:%M:%S']))`;
  }
  if (a.type === 'long' || a.type === 'int') return cx.h('timestampFromMicros')(`(${a.sql} - 504911232000000000) // 10`);
  return `NULL::TIMESTAMP`;
}

defineFunctions({
  tostring: scalar(([a], cx) => text(a!, cx)),
  toint: toNumber('int'),
  tolong: toNumber('long'),
  toreal: toNumber('real'),
  todouble: toNumber('real'),
  todecimal: toNumber('decimal'),
  tobool: scalar(([a], cx) => toBool(a!, cx)),
  toboolean: scalar(([a], cx) => toBool(a!, cx)),
  todatetime: scalar(([a], cx) => toDatetime(a!, cx)),
  toguid: scalar(([a], cx) => `TRY_CAST(${text(a!, cx)} AS UUID)`),
  'conv.cast': scalar(([a], cx) => as(a!, cx.resultType, cx)),
});
