/**
 * Aggregate functions. count()/dcount() of nothing is 0; make_set/make_list of nothing is [];
 * nulls are ignored like Kusto; dcount is exact (Kusto's is an estimate).
 */
import { aggregate, defineFunctions, type FnArg, type FnContext } from './catalog.js';
import { as, literalNumber } from './common.js';

const whereIf = (p: FnArg | undefined) => (p ? ` FILTER (WHERE ${p.sql})` : '');
const cast = (cx: FnContext, sql: string) => `CAST(${sql} AS ${cx.h('sqlType')(cx.resultType)})`;
/** Values that count: Kusto ignores null and, for strings, nothing else. */
const notNull = (a: FnArg) => `${a.sql} IS NOT NULL`;

function makeSet(distinct: boolean, withIf: boolean) {
  return aggregate((args, cx) => {
    const [x, p, limitArg] = withIf ? args : [args[0], undefined, args[1]];
    const limit = literalNumber(limitArg);
    const v = as(x!, 'dynamic', cx);
    const cond = [notNull(x!), ...(p ? [p.sql] : [])].join(' AND ');
    let agg = `list(${distinct ? 'DISTINCT ' : ''}${v}) FILTER (WHERE ${cond})`;
    // Arrays are taken apart one level: make_set unions their elements and make_list concatenates
    // them, as Kusto does (the docs' examples: make_set of arrays, make_list over the rings of
    // geo_h3cell_rings, and pack_array() wrapping each polygon to build a MultiPolygon).
    if (x!.type === 'dynamic') {
      const elements = `flatten(list(CASE WHEN json_type(${v}) = 'ARRAY' THEN CAST(${v} AS JSON[]) ELSE [${v}] END) FILTER (WHERE ${cond}))`;
      agg = distinct ? `list_distinct(${elements})` : elements;
    }
    return `coalesce(to_json(${limit ? `list_slice(${agg}, 1, ${limit})` : agg}), '[]'::JSON)`;
  });
}

const count = aggregate(() => `count(*)`);
const dcount = aggregate(([x, p], cx) => `count(DISTINCT ${x!.type === 'dynamic' ? `CAST(${x!.sql} AS VARCHAR)` : x!.sql})${p && p.type === 'bool' ? whereIf(p) : ''}`);

defineFunctions({
  count,
  countif: aggregate(([p]) => `count(*) FILTER (WHERE ${p!.sql})`),
  dcount,
  count_distinct: dcount,
  dcountif: aggregate(([x, p]) => `count(DISTINCT ${x!.type === 'dynamic' ? `CAST(${x!.sql} AS VARCHAR)` : x!.sql}) FILTER (WHERE ${p!.sql})`),
  count_distinctif: aggregate(([x, p]) => `count(DISTINCT ${x!.sql}) FILTER (WHERE ${p!.sql})`),
  sum: aggregate(([x], cx) => cast(cx, `sum(${as(x!, cx.resultType === 'timespan' ? 'timespan' : cx.resultType, cx)})`)),
  sumif: aggregate(([x, p], cx) => cast(cx, `sum(${as(x!, cx.resultType, cx)}) FILTER (WHERE ${p!.sql})`)),
  avg: aggregate(([x], cx) => (x!.type === 'timespan' ? `CAST(round(avg(${x!.sql})) AS BIGINT)` : `avg(${as(x!, 'real', cx)})`)),
  avgif: aggregate(([x, p], cx) => `avg(${as(x!, 'real', cx)}) FILTER (WHERE ${p!.sql})`),
  min: aggregate(([x], cx) => (x!.type === 'string' ? `coalesce(min(nullif(${x!.sql}, '')), '')` : `min(${as(x!, cx.resultType, cx)})`)),
  max: aggregate(([x], cx) => (x!.type === 'string' ? `coalesce(max(${x!.sql}), '')` : `max(${as(x!, cx.resultType, cx)})`)),
  minif: aggregate(([x, p], cx) => `min(${as(x!, cx.resultType, cx)}) FILTER (WHERE ${p!.sql})`),
  maxif: aggregate(([x, p], cx) => `max(${as(x!, cx.resultType, cx)}) FILTER (WHERE ${p!.sql})`),
  stdev: aggregate(([x], cx) => `stddev_samp(${as(x!, 'real', cx)})`),
  stdevp: aggregate(([x], cx) => `stddev_pop(${as(x!, 'real', cx)})`),
  variance: aggregate(([x], cx) => `var_samp(${as(x!, 'real', cx)})`),
  variancep: aggregate(([x], cx) => `var_pop(${as(x!, 'real', cx)})`),
  make_set: makeSet(true, false),
  makeset: makeSet(true, false),
  make_set_if: makeSet(true, true),
  make_list: makeSet(false, false),
  makelist: makeSet(false, false),
  make_list_if: makeSet(false, true),
  make_list_with_nulls: aggregate(([x], cx) => `coalesce(to_json(list(${as(x!, 'dynamic', cx)})), '[]'::JSON)`),
  take_any: aggregate(([x], cx) => cx.h('aggAnyValue')(x!.sql)),
  any: aggregate(([x], cx) => cx.h('aggAnyValue')(x!.sql)),
  percentile: aggregate(([x, p], cx) => cast(cx, `quantile_disc(${x!.sql}, ${as(p!, 'real', cx)} / 100.0)`)),
  binary_all_and: aggregate(([x]) => `bit_and(${x!.sql})`),
  binary_all_or: aggregate(([x]) => `bit_or(${x!.sql})`),
  binary_all_xor: aggregate(([x]) => `bit_xor(${x!.sql})`),
});

defineFunctions({
  stdevif: aggregate(([x, p], cx) => `stddev_samp(${as(x!, 'real', cx)}) FILTER (WHERE ${p!.sql})`),
  varianceif: aggregate(([x, p], cx) => `var_samp(${as(x!, 'real', cx)}) FILTER (WHERE ${p!.sql})`),
  variancepif: aggregate(([x, p], cx) => `var_pop(${as(x!, 'real', cx)}) FILTER (WHERE ${p!.sql})`),
  stdevpif: aggregate(([x, p], cx) => `stddev_pop(${as(x!, 'real', cx)}) FILTER (WHERE ${p!.sql})`),
  covariance: aggregate(([x, y], cx) => `covar_samp(${as(x!, 'real', cx)}, ${as(y!, 'real', cx)})`),
  covariancep: aggregate(([x, y], cx) => `covar_pop(${as(x!, 'real', cx)}, ${as(y!, 'real', cx)})`),
  covarianceif: aggregate(([x, y, p], cx) => `covar_samp(${as(x!, 'real', cx)}, ${as(y!, 'real', cx)}) FILTER (WHERE ${p!.sql})`),
  covariancepif: aggregate(([x, y, p], cx) => `covar_pop(${as(x!, 'real', cx)}, ${as(y!, 'real', cx)}) FILTER (WHERE ${p!.sql})`),
});
