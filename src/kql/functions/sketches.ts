/**
 * Sketch functions (hll, tdigest and their merges/readers), weighted percentiles and buildschema,
 * computed by the pure JavaScript UDF `harrier_sketch` (src/engine/udfs-sketch.ts). The sketches
 * hold exact state in a dynamic value ({"hll_exact": [...]}, {"tdigest_exact": [[v, w], ...]}), so
 * dcount_hll and percentile_tdigest are exact where Kusto estimates. tdigest takes numeric values
 * only (datetime/timespan digests are refused).
 */
import { aggregate, defineFunctions, scalar, type FnArg, type FnContext } from './catalog.js';
import { as } from './common.js';

const NUMERIC = new Set(['int', 'long', 'real', 'decimal']);

/** harrier_sketch(op, JSON array of the given JSON-valued SQL expressions), as dynamic. */
const sketch = (op: string, jsonArgs: readonly string[], cx: FnContext) =>
  cx.h('udfJson')('harrier_sketch', op, jsonArgs.map((sql) => ({ sql, t: 'dynamic' as const })));

const dyn = (a: FnArg, cx: FnContext) => as(a, 'dynamic', cx);

/** A JSON value read back as the call's result type. */
function typed(json: string, cx: FnContext, what: string): string {
  switch (cx.resultType) {
    case 'dynamic': case 'real': case 'long': return cx.h('udfJsonAs')(json, cx.resultType);
    case 'int': return cx.h('udfJsonAs')(json, 'long');
    default: throw new Error(`not supported: ${what} returning ${cx.resultType}`);
  }
}

/** The first element of a JSON array. */
const first = (json: string, cx: FnContext) => cx.h('jsonGet')(json, '0', true);
const realJson = (a: FnArg, cx: FnContext) => cx.h('toJson')(as(a, 'real', cx), 'real');

function numeric(a: FnArg, what: string): void {
  if (!NUMERIC.has(a.type)) throw new Error(`not supported: ${what} of a ${a.type} value (numeric values only)`);
}

/** JSON list of [value, weight] pairs over the group's non-null values. */
function pairs(x: FnArg, w: FnArg | undefined, cx: FnContext, cond?: string): string {
  const real = cx.h('sqlType')('real');
  const weight = w ? `CAST(${as(w, 'real', cx)} AS ${real})` : `CAST(1.0 AS ${real})`;
  const filter = [`${x.sql} IS NOT NULL`, ...(w ? [`${weight} IS NOT NULL`] : []), ...(cond ? [cond] : [])].join(' AND ');
  const pair = cx.h('jsonTextsToArray')(`[${cx.h('toJson')(`CAST(${as(x, 'real', cx)} AS ${real})`, 'real')}, ${cx.h('toJson')(weight, 'real')}]`);
  return cx.h('aggJsonArray')(pair, filter);
}

function hllAgg(withIf: boolean) {
  return aggregate(([x, p], cx) => {
    const cond = [`${x!.sql} IS NOT NULL`, ...(withIf ? [p!.sql] : [])].join(' AND ');
    return sketch('hll', [cx.h('aggJsonArray')(dyn(x!, cx), cond)], cx);
  });
}

function merge(kind: 'hll' | 'tdigest', name: string) {
  return scalar((args, cx) => {
    if (args.length < 2) throw new Error(`not supported: ${name}() as an aggregate`);
    return sketch(`${kind}_merge`, args.map((a) => dyn(a, cx)), cx);
  });
}

/** The percentiles of a percentilesw_array call: a dynamic array or the listed constants. */
function percentArgs(ps: readonly FnArg[], cx: FnContext): string[] {
  return ps.map((p) => (p.type === 'dynamic' ? p.sql : realJson(p, cx)));
}

defineFunctions({
  tdigest: aggregate(([x, w], cx) => {
    numeric(x!, 'tdigest()');
    return sketch('tdigest', [pairs(x!, w, cx)], cx);
  }),
  tdigest_merge: merge('tdigest', 'tdigest_merge'),
  merge_tdigest: merge('tdigest', 'merge_tdigest'),
  percentile_tdigest: scalar(([t, p], cx) => typed(first(sketch('percentiles_tdigest', [dyn(t!, cx), realJson(p!, cx)], cx), cx), cx, 'percentile_tdigest()')),
  percentiles_array_tdigest: scalar(([t, ...ps], cx) => sketch('percentiles_tdigest', [dyn(t!, cx), ...percentArgs(ps, cx)], cx)),
  rank_tdigest: scalar(([t, v], cx) => {
    numeric(v!, 'rank_tdigest()');
    return typed(sketch('rank_tdigest', [dyn(t!, cx), realJson(v!, cx)], cx), cx, 'rank_tdigest()');
  }),
  hll: hllAgg(false),
  hll_if: hllAgg(true),
  hll_merge: merge('hll', 'hll_merge'),
  dcount_hll: scalar(([h], cx) => `coalesce(${typed(sketch('dcount_hll', [dyn(h!, cx)], cx), cx, 'dcount_hll()')}, 0)`),
  percentilew: aggregate(([x, w, p], cx) => {
    numeric(x!, 'percentilew()');
    return typed(first(sketch('percentilesw', [pairs(x!, w, cx), realJson(p!, cx)], cx), cx), cx, 'percentilew()');
  }),
  percentilesw_array: aggregate(([x, w, ...ps], cx) => {
    numeric(x!, 'percentilesw_array()');
    return sketch('percentilesw', [pairs(x!, w, cx), ...percentArgs(ps, cx)], cx);
  }),
  percentiles_array: aggregate(([x, ...ps], cx) => {
    numeric(x!, 'percentiles_array()');
    // quantile_disc (nearest rank, like percentile()) over a constant list of fractions.
    const fractions = ps.length === 1 && ps[0]!.type === 'dynamic'
      ? `list_transform(CAST(${ps[0]!.sql} AS DOUBLE[]), v -> v / 100.0)`
      : `[${ps.map((p) => `${as(p, 'real', cx)} / 100.0`).join(', ')}]`;
    return `to_json(quantile_disc(${x!.sql}, ${fractions}))`;
  }),
  buildschema: aggregate(([x], cx) => sketch('buildschema', [cx.h('aggJsonArray')(dyn(x!, cx), `${x!.sql} IS NOT NULL`)], cx)),
});
