/**
 * ClickHouse definitions of catalog entries whose shared SQL is DuckDB-only: the ones here, and the
 * families in text.ts, numbers-time.ts, ipv6.ts and dynamic.ts. Each is used by a golden query run
 * on both engines (test/engine/clickhouse-golden-queries.ts).
 */
import { aggregate, scalar, type FnDef } from '../../../kql/functions/catalog.js';
import '../../../kql/functions/index.js';
import { addTicks, as, literalNumber, sqlStr, text } from '../../../kql/functions/common.js';
import { extractAllArgs } from '../../../kql/functions/strings.js';
import { PART_UNITS, unitOf } from '../../../kql/functions/datetime.js';
import { CLICKHOUSE_TEXT_FUNCTIONS } from './text.js';
import { CLICKHOUSE_NUMBER_TIME_FUNCTIONS } from './numbers-time.js';
import { CLICKHOUSE_IPV6_FUNCTIONS } from './ipv6.js';
import { CLICKHOUSE_DYNAMIC_FUNCTIONS, CLICKHOUSE_DYNAMIC_MORE, jsonArray, makeCollectionOfDynamic } from './dynamic.js';

/** make_set / make_list of scalar values: a JSON array of the values' JSON texts. */
function makeSet(distinct: boolean, withIf: boolean): FnDef {
  return aggregate((args, cx) => {
    const [x, p, limitArg] = withIf ? args : [args[0], undefined, args[1]];
    const limit = literalNumber(limitArg);
    const v = as(x!, 'dynamic', cx);
    const cond = [`${x!.sql} IS NOT NULL`, ...(p ? [p.sql] : [])].join(' AND ');
    if (x!.type === 'dynamic') return makeCollectionOfDynamic(distinct, v, cond, limit);
    const fn = `${distinct ? 'groupUniqArray' : 'groupArray'}${limit ? `(${Math.trunc(limit)})` : ''}`;
    return jsonArray(`${fn}(assumeNotNull(${v})) FILTER (WHERE ${cond})`);
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
    // Strings are never null: no row passing the filter gives '' (a cast of null to String fails).
    if (x!.type === 'string') return `coalesce(${fn}OrNull(${x!.sql})${filter}, '')`;
    return `CAST(${fn}OrNull(${as(x!, cx.resultType, cx)})${filter} AS ${cx.h('sqlType')(cx.resultType)})`;
  });
}

/** toint/tolong/toreal: strings parse (trimmed; "1.9" truncates to 1 for integers), others cast. */
function toNumber(t: 'int' | 'long' | 'real'): FnDef {
  const ch = t === 'int' ? 'Int32' : t === 'long' ? 'Int64' : 'Float64';
  return scalar(([a], cx) => {
    if (a!.type === 'string' || a!.type === 'dynamic') {
      const str = `nullif(trimBoth(${text(a!, cx)}), '')`;
      if (t === 'real') return `toFloat64OrNull(${str})`;
      return `coalesce(to${ch}OrNull(${str}), accurateCastOrNull(trunc(toFloat64OrNull(${str})), '${ch}'))`;
    }
    if (a!.type === 'real' || a!.type === 'decimal') return t === 'real' ? a!.sql : `accurateCastOrNull(trunc(${a!.sql}), '${ch}')`;
    if (a!.type === 'bool' || a!.type === 'int' || a!.type === 'long') return `CAST(${a!.sql} AS ${cx.h('sqlType')(t)})`;
    throw new Error(`not supported: to${t}() of a ${a!.type} on the ClickHouse engine`);
  });
}

/** startof*(d[, offset]): Kusto weeks start on Sunday (toStartOfWeek mode 0). */
function startOf(unit: 'day' | 'week' | 'month' | 'year'): FnDef {
  const fn = { day: 'toStartOfDay', week: 'toStartOfWeek', month: 'toStartOfMonth', year: 'toStartOfYear' }[unit];
  const interval = { day: 'toIntervalDay', week: 'toIntervalWeek', month: 'toIntervalMonth', year: 'toIntervalYear' }[unit];
  return scalar(([d, offset], cx) => {
    const base = `CAST(${fn}(${d!.sql}${unit === 'week' ? ', 0' : ''}) AS Nullable(DateTime64(7, 'UTC')))`;
    return offset ? `(${base} + ${interval}(${as(offset, 'long', cx)}))` : base;
  });
}

/** bag_pack(k1, v1, …): a JSON object of the values' JSON texts (a null value is JSON null). */
const packBag = scalar((args, cx) => {
  const members: string[] = [];
  for (let i = 0; i + 1 < args.length; i += 2) members.push(`concat(toJSONString(${text(args[i]!, cx)}), ':', ifNull(${as(args[i + 1]!, 'dynamic', cx)}, 'null'))`);
  return members.length ? `concat('{', arrayStringConcat([${members.join(', ')}], ','), '}')` : `'{}'`;
});

/**
 * extract_all(re[, groups], s): the matches' groups (whole matches for a pattern without groups)
 * as a JSON array — of strings for one group, of arrays for several; null when nothing matches.
 */
const extractAll = scalar((args, cx) => {
  const { src, pattern, count, groups, explicit: s } = extractAllArgs(args, cx);
  const re2 = sqlStr(`(?-s)${pattern}`);
  if (count === 0) {
    if (groups.some((x) => x !== 0)) throw new Error('not supported: extract_all of a group the regex does not have');
    const all = `extractAll(${src}, ${re2})`;
    return `if(length(${all}) = 0, NULL, toJSONString(${s ? `arrayMap(m -> [m], ${all})` : all}))`;
  }
  if (groups.some((x) => !Number.isInteger(x) || x < 1 || x > count)) throw new Error('not supported: extract_all of the whole match or a missing group on the ClickHouse engine');
  const rows = `extractAllGroupsVertical(${src}, ${re2})`;
  const body = groups.length === 1 && !s ? `arrayMap(r -> r[${groups[0]}], ${rows})` : `arrayMap(r -> [${groups.map((x) => `r[${x}]`).join(', ')}], ${rows})`;
  return `if(length(${rows}) = 0, NULL, toJSONString(${body}))`;
});

/** A datetime part as Kusto's int; `fn` is a ClickHouse date function (UTC values). */
const part = (fn: string) => scalar(([d], cx) => `CAST(${fn}(${d!.sql}) AS ${cx.h('sqlType')('int')})`);

/**
 * min_of/max_of ignore nulls (Kusto, DuckDB's least/greatest); ClickHouse's least/greatest return
 * null when any argument is null, so the arguments fold pairwise skipping nulls.
 */
function extremeOf(fn: 'least' | 'greatest'): FnDef {
  return scalar((args, cx) => args.map((a) => as(a, cx.resultType, cx)).reduce((x, y) => `multiIf(${x} IS NULL, ${y}, ${y} IS NULL, ${x}, ${fn}(${x}, ${y}))`));
}

export const CLICKHOUSE_OVERRIDES: Readonly<Record<string, FnDef>> = {
  ...CLICKHOUSE_TEXT_FUNCTIONS,
  ...CLICKHOUSE_NUMBER_TIME_FUNCTIONS,
  ...CLICKHOUSE_IPV6_FUNCTIONS,
  ...CLICKHOUSE_DYNAMIC_FUNCTIONS,
  ...CLICKHOUSE_DYNAMIC_MORE,
  toint: toNumber('int'),
  tolong: toNumber('long'),
  toreal: toNumber('real'),
  todouble: toNumber('real'),
  todecimal: toNumber('real'),
  startofday: startOf('day'),
  startofweek: startOf('week'),
  startofmonth: startOf('month'),
  startofyear: startOf('year'),
  // split(s, d[, i]): a JSON array of the pieces (or of piece i only, [] when out of range).
  split: scalar(([s, d, idx], cx) => {
    const parts = `splitByString(${text(d!, cx)}, ${text(s!, cx)})`;
    if (!idx) return `toJSONString(${parts})`;
    const i = as(idx, 'long', cx);
    return `if(${i} >= 0 AND ${i} < length(${parts}), toJSONString([${parts}[${i} + 1]]), '[]')`;
  }),
  extract_all: extractAll,
  bag_pack: packBag,
  pack: packBag,
  pack_dictionary: packBag,
  pack_array: scalar((args, cx) => jsonArray(`[${args.map((a) => `ifNull(${as(a, 'dynamic', cx)}, 'null')`).join(', ')}]`)),
  replace_string: scalar(([s, from, to], cx) => `if(${text(from!, cx)} = '', ${text(s!, cx)}, replaceAll(${text(s!, cx)}, ${text(from!, cx)}, ${text(to!, cx)}))`),
  // Calendar units add months (clamped to the month's last day, as Kusto and DuckDB); the others
  // add microseconds (sub-microsecond amounts are dropped, as on DuckDB's TIMESTAMP).
  datetime_add: scalar(([p, n, d], cx) => {
    const unit = unitOf(p!);
    const amount = as(n!, 'long', cx);
    if (unit === 'year' || unit === 'quarter' || unit === 'month') return `addMonths(${d!.sql}, ${unit === 'year' ? `${amount} * 12` : unit === 'quarter' ? `${amount} * 3` : amount})`;
    if (unit === 'nanosecond') throw new Error('not supported: datetime_add of nanoseconds on the ClickHouse engine');
    return `(${addTicks(d!.sql, `${amount} * ${PART_UNITS[unit]!.ticks!}`, cx)})`;
  }),
  // Boundaries crossed between b and a (Kusto counts calendar boundaries; weeks start on Sunday).
  datetime_diff: scalar(([p, a, b], cx) => {
    const unit = unitOf(p!);
    if (unit === 'week') return `intDiv(dateDiff('day', toStartOfWeek(${b!.sql}, 0), toStartOfWeek(${a!.sql}, 0)), 7)`;
    if (unit === 'nanosecond') return `(toUnixTimestamp64Nano(CAST(${a!.sql} AS Nullable(DateTime64(9, 'UTC')))) - toUnixTimestamp64Nano(CAST(${b!.sql} AS Nullable(DateTime64(9, 'UTC')))))`;
    return `CAST(dateDiff(${cx.h('stringLiteral')(unit)}, ${b!.sql}, ${a!.sql}) AS ${cx.h('sqlType')('long')})`;
  }),
  hourofday: part('toHour'),
  dayofmonth: part('toDayOfMonth'),
  dayofyear: part('toDayOfYear'),
  monthofyear: part('toMonth'),
  getmonth: part('toMonth'),
  getyear: part('toYear'),
  weekofyear: part('toISOWeek'),
  // Kusto: days since the preceding Sunday, as a timespan (mode 2: Sunday = 0).
  dayofweek: scalar(([d]) => `(toInt64(toDayOfWeek(${d!.sql}, 2)) * 864000000000)`),
  // Characters, not bytes; a start before 0 counts from 0, as the shared definition does.
  substring: scalar(([s, start, len], cx) => {
    const st = `greatest(${as(start!, 'long', cx)}, 0)`;
    const str = text(s!, cx);
    return `coalesce(${len ? `substringUTF8(${str}, ${st} + 1, greatest(${as(len, 'long', cx)}, 0))` : `substringUTF8(${str}, ${st} + 1)`}, '')`;
  }),
  min_of: extremeOf('least'),
  max_of: extremeOf('greatest'),
  min: extreme('min', false),
  max: extreme('max', false),
  minif: extreme('min', true),
  maxif: extreme('max', true),
  make_set: makeSet(true, false),
  makeset: makeSet(true, false),
  makelist: makeSet(false, false),
  make_set_if: makeSet(true, true),
  make_list: makeSet(false, false),
  make_list_if: makeSet(false, true),
};
