/**
 * ClickHouse definitions of catalog entries whose shared SQL is DuckDB-only. Where only part of an
 * entry is portable, the override runs the shared definition for that part and refuses the rest.
 */
import { aggregate, lookupFunction, scalar, type FnArg, type FnDef } from '../../../kql/functions/catalog.js';
import '../../../kql/functions/index.js';
import { as, literalNumber } from '../../../kql/functions/common.js';

function shared(name: string): FnDef {
  const def = lookupFunction(name);
  if (!def) throw new Error(`internal: no catalog entry ${name}`);
  return def;
}

/**
 * in / !in / in~ / has_any / has_all with constant members (literals, dynamic([...]) constants,
 * scalar expressions): the shared code expands those into portable SQL. Tabular sets and per-row
 * dynamic arrays need DuckDB lists and are refused here.
 */
function constantMembersOnly(name: string): FnDef {
  const def = shared(name);
  return scalar((args, cx) => {
    const [, ...rest] = args;
    const per = rest.find((a: FnArg) => a.setSql !== undefined || (a.type === 'dynamic' && a.ir.k !== 'lit'));
    if (per) throw new Error(`not supported: ${name.slice(3)} with a tabular or per-row dynamic set on the ClickHouse engine`);
    return def.sql(args, cx);
  });
}

/** make_set / make_list of scalar values: a JSON array of the values' JSON texts. */
function makeSet(distinct: boolean, withIf: boolean): FnDef {
  return aggregate((args, cx) => {
    const [x, p, limitArg] = withIf ? args : [args[0], undefined, args[1]];
    if (x!.type === 'dynamic' && distinct) throw new Error('not supported: make_set of dynamic values on the ClickHouse engine');
    const limit = literalNumber(limitArg);
    const v = as(x!, 'dynamic', cx);
    const cond = [`${x!.sql} IS NOT NULL`, ...(p ? [p.sql] : [])].join(' AND ');
    const fn = `${distinct ? 'groupUniqArray' : 'groupArray'}${limit ? `(${Math.trunc(limit)})` : ''}`;
    return `concat('[', arrayStringConcat(${fn}(assumeNotNull(${v})) FILTER (WHERE ${cond}), ','), ']')`;
  });
}

/**
 * min/max (and -if): ClickHouse returns the type's default (1970-01-01 for the non-Nullable
 * Timestamp column) over no rows; Kusto returns null. -OrNull keeps Kusto's null.
 */
function extreme(fn: 'min' | 'max', withIf: boolean): FnDef {
  return aggregate(([x, p], cx) => {
    const filter = withIf ? ` FILTER (WHERE ${p!.sql})` : '';
    if (x!.type === 'string' && !withIf) return fn === 'min' ? `coalesce(minOrNull(nullif(${x!.sql}, '')), '')` : `coalesce(maxOrNull(${x!.sql}), '')`;
    return `CAST(${fn}OrNull(${as(x!, cx.resultType, cx)})${filter} AS ${cx.h('sqlType')(cx.resultType)})`;
  });
}

export const CLICKHOUSE_OVERRIDES: Readonly<Record<string, FnDef>> = {
  'op:In': constantMembersOnly('op:In'),
  'op:NotIn': constantMembersOnly('op:NotIn'),
  'op:InCs': constantMembersOnly('op:InCs'),
  'op:NotInCs': constantMembersOnly('op:NotInCs'),
  'op:HasAny': constantMembersOnly('op:HasAny'),
  'op:HasAll': constantMembersOnly('op:HasAll'),
  min: extreme('min', false),
  max: extreme('max', false),
  minif: extreme('min', true),
  maxif: extreme('max', true),
  make_set: makeSet(true, false),
  make_set_if: makeSet(true, true),
  make_list: makeSet(false, false),
  make_list_if: makeSet(false, true),
};
