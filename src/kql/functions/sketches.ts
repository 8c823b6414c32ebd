/**
 * Sketch functions (hll, tdigest and their merges/readers), weighted percentiles and buildschema,
 * computed by the pure JavaScript UDF `harrier_sketch` (src/engine/udfs-sketch.ts). The sketches
 * hold exact state in a dynamic value ({"hll_exact": [...]}, {"tdigest_exact": [[v, w], ...]}), so
 * dcount_hll and percentile_tdigest are exact where Kusto estimates. tdigest takes numeric values
 * only (datetime/timespan digests are refused).
 */
import { quoteString } from '../../sql/quote.js';
import { aggregate, defineFunctions, scalar, type FnArg, type FnContext } from './catalog.js';
import { as } from './common.js';

const NUMERIC = new Set(['int', 'long', 'real', 'decimal']);

/** harrier_sketch(op, JSON array of the given JSON-valued SQL expressions), as JSON. */
const sketch = (op: string, jsonArgs: readonly string[]) =>
  `CAST(harrier_sketch(${quoteString(op)}, CAST(to_json([${jsonArgs.map((a) => `CAST(${a} AS JSON)`).join(', ')}]) AS VARCHAR)) AS JSON)`;

const dyn = (a: FnArg, cx: FnContext) => as(a, 'dynamic', cx);

/** A JSON value read back as the call's result type. */
function typed(json: string, cx: FnContext, what: string): string {
  switch (cx.resultType) {
    case 'dynamic': return json;
    case 'real': return `TRY_CAST(CAST(${json} AS VARCHAR) AS DOUBLE)`;
    case 'long': case 'int': return `TRY_CAST(TRY_CAST(CAST(${json} AS VARCHAR) AS DOUBLE) AS BIGINT)`;
    default: throw new Error(`not supported: ${what} returning ${cx.resultType}`);
  }
}

function numeric(a: FnArg, what: string): void {
  if (!NUMERIC.has(a.type)) throw new Error(`not supported: ${what} of a ${a.type} value (numeric values only)`);
}

/** JSON list of [value, weight] pairs over the group's non-null values. */
function pairs(x: FnArg, w: FnArg | undefined, cx: FnContext, cond?: string): string {
  const weight = w ? `CAST(${as(w, 'real', cx)} AS DOUBLE)` : '1.0::DOUBLE';
  const filter = [`${x.sql} IS NOT NULL`, ...(w ? [`${weight} IS NOT NULL`] : []), ...(cond ? [cond] : [])].join(' AND ');
  return `coalesce(to_json(list([CAST(${as(x, 'real', cx)} AS DOUBLE), ${weight}]) FILTER (WHERE ${filter})), '[]'::JSON)`;
}

function hllAgg(withIf: boolean) {
  return aggregate(([x, p], cx) => {
    const cond = [`${x!.sql} IS NOT NULL`, ...(withIf ? [p!.sql] : [])].join(' AND ');
    return sketch('hll', [`coalesce(to_json(list(${dyn(x!, cx)}) FILTER (WHERE ${cond})), '[]'::JSON)`]);
  });
}

function merge(kind: 'hll' | 'tdigest', name: string) {
  return scalar((args, cx) => {
    if (args.length < 2) throw new Error(`not supported: ${name}() as an aggregate`);
    return sketch(`${kind}_merge`, args.map((a) => dyn(a, cx)));
  });
}

/** The percentiles of a percentilesw_array call: a dynamic array or the listed constants. */
function percentArgs(ps: readonly FnArg[], cx: FnContext): string[] {
  return ps.map((p) => (p.type === 'dynamic' ? p.sql : `to_json(${as(p, 'real', cx)})`));
}

defineFunctions({
  tdigest: aggregate(([x, w], cx) => {
    numeric(x!, 'tdigest()');
    return sketch('tdigest', [pairs(x!, w, cx)]);
  }),
  tdigest_merge: merge('tdigest', 'tdigest_merge'),
  merge_tdigest: merge('tdigest', 'merge_tdigest'),
  percentile_tdigest: scalar(([t, p], cx) => typed(`json_extract(${sketch('percentiles_tdigest', [dyn(t!, cx), `to_json(${as(p!, 'real', cx)})`])}, '$[0]')`, cx, 'percentile_tdigest()')),
  percentiles_array_tdigest: scalar(([t, ...ps], cx) => sketch('percentiles_tdigest', [dyn(t!, cx), ...percentArgs(ps, cx)])),
  rank_tdigest: scalar(([t, v], cx) => {
    numeric(v!, 'rank_tdigest()');
    return typed(sketch('rank_tdigest', [dyn(t!, cx), `to_json(${as(v!, 'real', cx)})`]), cx, 'rank_tdigest()');
  }),
  hll: hllAgg(false),
  hll_if: hllAgg(true),
  hll_merge: merge('hll', 'hll_merge'),
  dcount_hll: scalar(([h], cx) => `coalesce(${typed(sketch('dcount_hll', [dyn(h!, cx)]), cx, 'dcount_hll()')}, 0)`),
  percentilew: aggregate(([x, w, p], cx) => {
    numeric(x!, 'percentilew()');
    return typed(`json_extract(${sketch('percentilesw', [pairs(x!, w, cx), `to_json(${as(p!, 'real', cx)})`])}, '$[0]')`, cx, 'percentilew()');
  }),
  percentilesw_array: aggregate(([x, w, ...ps], cx) => {
    numeric(x!, 'percentilesw_array()');
    return sketch('percentilesw', [pairs(x!, w, cx), ...percentArgs(ps, cx)]);
  }),
  percentiles_array: aggregate(([x, ...ps], cx) => {
    numeric(x!, 'percentiles_array()');
    // quantile_disc (nearest rank, like percentile()) over a constant list of fractions.
    const fractions = ps.length === 1 && ps[0]!.type === 'dynamic'
      ? `list_transform(CAST(${ps[0]!.sql} AS DOUBLE[]), v -> v / 100.0)`
      : `[${ps.map((p) => `${as(p, 'real', cx)} / 100.0`).join(', ')}]`;
    return `to_json(quantile_disc(${x!.sql}, ${fractions}))`;
  }),
  buildschema: aggregate(([x], cx) => sketch('buildschema', [`coalesce(to_json(list(${dyn(x!, cx)}) FILTER (WHERE ${x!.sql} IS NOT NULL)), '[]'::JSON)`])),
});
