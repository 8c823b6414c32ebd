/**
 * The ClickHouse dialect (embedded chDB and ClickHouse servers). Types: datetime → DateTime64 in
 * UTC, timespan → Int64 ticks (100 ns), dynamic → JSON text in a String, every type but string
 * Nullable. Regexes are RE2 as in Kusto, with `.` kept off newlines (ClickHouse's match() lets it
 * match them). Strings are handled as UTF-8 (lowerUTF8, lengthUTF8), as Kusto's are characters.
 *
 * Functions: only the catalog entries listed in `shared.ts` (each proven by a golden test that runs
 * on DuckDB and chDB) and the overrides here compile; any other is refused as not supported.
 */
import type { KqlType } from '../../../schema/kql-types.js';
import { quoteStringFor } from '../../quote.js';
import type { Dialect, DialectHooks, UdfResultType } from '../../dialect.js';
import { CLICKHOUSE_OVERRIDES } from './overrides.js';
import { CLICKHOUSE_SHARED_FUNCTIONS } from './shared.js';
import { jsonArray } from './dynamic.js';

const q = (s: string) => quoteStringFor('clickhouse', s);

/** The non-Nullable ClickHouse type of a KQL type. */
export const CLICKHOUSE_TYPE: Readonly<Record<KqlType, string>> = {
  bool: 'Bool', int: 'Int32', long: 'Int64', real: 'Float64', decimal: 'Float64', string: 'String',
  datetime: "DateTime64(7, 'UTC')", timespan: 'Int64', guid: 'UUID', dynamic: 'String',
};

const sqlType = (t: KqlType) => (t === 'string' ? 'String' : `Nullable(${CLICKHOUSE_TYPE[t]})`);

/** DuckDB-style json_type names, which the shared catalog compares against. */
const JSON_TYPE_NAMES: readonly [string, string][] = [
  ['Array', 'ARRAY'], ['Object', 'OBJECT'], ['String', 'VARCHAR'], ['Int64', 'BIGINT'], ['UInt64', 'UBIGINT'],
  ['Double', 'DOUBLE'], ['Bool', 'BOOLEAN'], ['Null', 'NULL'],
];

const DATE_PART: Readonly<Record<string, string>> = {
  year: 'toYear', quarter: 'toQuarter', month: 'toMonth', week: 'toISOWeek', day: 'toDayOfMonth', dayofyear: 'toDayOfYear',
  hour: 'toHour', minute: 'toMinute', second: 'toSecond', dow: 'toDayOfWeek',
};

const TRUNC: Readonly<Record<string, string>> = {
  year: 'toStartOfYear', quarter: 'toStartOfQuarter', month: 'toStartOfMonth', week: 'toMonday', day: 'toStartOfDay',
  hour: 'toStartOfHour', minute: 'toStartOfMinute', second: 'toStartOfSecond',
};

/**
 * How a JSON-argument UDF's result text is read as each type. The UDFs (executable UDFs on
 * ClickHouse, src/engine/clickhouse/udf-config.ts) answer JSON text, 'null' for no value.
 */
const UDF_RESULT: Readonly<Record<UdfResultType, (json: string) => string>> = {
  dynamic: (j) => j,
  // As DuckDB's json_extract_string: a string's text, other values as JSON text, null as ''.
  string: (j) => hooks.jsonToText!(j),
  real: (j) => `toFloat64OrNull(coalesce(${j}, ''))`,
  // As DuckDB's cast of a double: rounded to the nearest integer, ties to even.
  long: (j) => `accurateCastOrNull(round(toFloat64OrNull(coalesce(${j}, ''))), 'Int64')`,
  int: (j) => `toInt32OrNull(coalesce(${j}, ''))`,
  bool: (j) => `CAST(multiIf(${j} = 'true', true, ${j} = 'false', false, NULL) AS Nullable(Bool))`,
};

const hooks: Partial<DialectHooks> & Pick<DialectHooks, 'formatDatetime' | 'formatTimespan'> = {
  stringLiteral: (v) => q(v),
  dynamicLiteral: (json) => q(json),
  outputCast: (sql, t) => {
    switch (t) {
      // Text the engine decodes: ClickHouse's JSON output would print Int64 beyond 2^53 unquoted.
      case 'datetime': return `toString(CAST(${sql} AS Nullable(DateTime64(7, 'UTC'))))`;
      case 'long': case 'timespan': return `toString(CAST(${sql} AS Nullable(Int64)))`;
      case 'int': return `CAST(${sql} AS Nullable(Int32))`;
      case 'real': case 'decimal': return `CAST(${sql} AS Nullable(Float64))`;
      case 'bool': return `CAST(${sql} AS Nullable(Bool))`;
      case 'string': return `coalesce(toString(${sql}), '')`;
      case 'guid': case 'dynamic': return `toString(${sql})`;
    }
  },
  // numbers() takes a non-Nullable count; a null bound gives no rows.
  bagKeys: (bag, fromSql) => `SELECT DISTINCT k FROM (SELECT arrayJoin(JSONExtractKeys(coalesce(${bag}, ''))) AS k FROM (${fromSql}) AS b WHERE JSONType(coalesce(${bag}, 'null')) = 'Object') AS keys ORDER BY k LIMIT 1000`,
  seriesRows: (count, alias) => `(SELECT toInt64(number) AS i FROM numbers(toUInt64(greatest(ifNull(${count}, -1) + 1, 0)))) AS ${alias}`,
  intDiv: (a, b) => `intDiv(${a}, ${b})`,
  nullSafeEqual: (a, b) => `(${a} <=> ${b})`,
  withPlaceholderRows: (sql, alias, flag) => `SELECT *, ${flag} FROM (${sql}) AS ${alias} ARRAY JOIN [false, true] AS ${flag}`,
  bitAnd: (a, b) => `bitAnd(${a}, ${b})`,
  shiftRight: (a, n) => `bitShiftRight(${a}, ${n})`,
  rowPosition: () => 'rowNumberInAllBlocks()',
  unionColumn: (sql, t) => `CAST(${sql} AS ${sqlType(t)})`,
  // As DuckDB's list_reduce: the frame's non-null values (groupArray skips nulls) folded from the
  // first, in microseconds × 10 as the DuckDB engine measures them.
  windowSessionStart: (v, span, gap, frame) => {
    const ticks = (x: string, y: string) => `((toUnixTimestamp64Micro(${x}) - toUnixTimestamp64Micro(${y})) * 10)`;
    const vals = `groupArray(${v}) ${frame}`;
    const step = `if(${ticks('__x', '__acc.1')} > ${span} OR ${ticks('__x', '__acc.2')} > ${gap}, tuple(__x, __x), tuple(__acc.1, __x))`;
    return `if(${v} IS NULL, NULL, arrayFold((__acc, __x) -> ${step}, arraySlice(${vals}, 2), tuple(${vals}[1], ${vals}[1])).1)`;
  },
  // The group's extreme first (two columns read), then only its rows are read whole: ~20× faster
  // than a window over every row on 5M rows (bench/engines.ts). Groups whose by-values are all
  // null keep one of their rows, as Kusto's arg_max does.
  topRowPerGroup: ({ cols, fromSql, alias, keys, by, max }) => {
    const k = keys.join(', ');
    const best = `(${k}, ${by}) IN (SELECT ${k}, ${max ? 'max' : 'min'}(${by}) FROM (${fromSql}) AS ${alias} GROUP BY ${k})`;
    const allNull = `(${k}) IN (SELECT ${k} FROM (${fromSql}) AS ${alias} GROUP BY ${k} HAVING countIf(${by} IS NOT NULL) = 0)`;
    return `SELECT ${cols.join(', ')} FROM (${fromSql}) AS ${alias} WHERE ${best} OR ${allNull} LIMIT 1 BY ${k}`;
  },
  semiAntiJoin: (kind) => (kind === 'semi' ? 'LEFT SEMI JOIN' : 'LEFT ANTI JOIN'),
  // lagInFrame/leadInFrame read within the frame, so the frame is the whole partition; toNullable
  // makes a row outside it null (else the type's default), as lag/lead.
  shiftRows: (kind, x, offset, deflt, spec) => `${kind}InFrame(toNullable(${x}), toInt64(assumeNotNull(${offset}))${deflt ? `, ${deflt}` : ''}) OVER (${spec} ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)`,
  castText: (x) => `toString(${x})`,
  lower: (x) => `lowerUTF8(${x})`,
  upper: (x) => `upperUTF8(${x})`,
  strLength: (x) => `lengthUTF8(${x})`,
  strContains: (s, n) => `(positionUTF8(${s}, ${n}) > 0)`,
  strStartsWith: (s, n) => `startsWith(${s}, ${n})`,
  strEndsWith: (s, n) => `endsWith(${s}, ${n})`,
  // Pattern and replacement are RE2 text, quoted as ClickHouse literals by q().
  regexEscape: (s) => `replaceRegexpAll(${s}, ${q('([\\\\^$.*+?()\\[\\]{}|])')}, ${q('\\\\\\1')})`,
  roundHalfAway: (x) => `(sign(${x}) * floor(abs(${x}) + 0.5))`,
  addMicros: (ts, us) => `(${ts} + toIntervalMicrosecond(${us}))`,
  sqlType,
  tryCast: (s, t) => (t === 'string' ? `coalesce(toString(${s}), '')`
    : t === 'datetime' ? `parseDateTime64BestEffortOrNull(toString(${s}), 7, 'UTC')`
    : `accurateCastOrNull(${s}, ${q(CLICKHOUSE_TYPE[t])})`),
  regexMatch: (s, re) => `match(${s}, concat('(?-s)', ${re}))`,
  regexExtract: (s, re, g) => `nullif(regexpExtract(${s}, concat('(?-s)', ${re}), ${g}), '')`,
  regexReplace: (s, re, r) => `replaceRegexpAll(${s}, concat('(?-s)', ${re}), ${r})`,
  // KQL indexes are 0-based (negative from the end); ClickHouse's JSON paths 1-based.
  jsonGet: (j, key, isIndex) => (isIndex
    ? `nullif(JSONExtractRaw(coalesce(${j}, ''), toInt64(if(${key} < 0, ${key}, ${key} + 1))), '')`
    : `nullif(JSONExtractRaw(coalesce(${j}, ''), ${key}), '')`),
  jsonToText: (j) => `multiIf(${j} IS NULL, '', JSONType(${j}) = 'String', JSONExtractString(${j}), JSONType(${j}) = 'Null', '', ${j})`,
  jsonParse: (s) => `if(isValidJSON(${s}), ${s}, toJSONString(${s}))`,
  toJson: (s, t) => (t === 'dynamic' ? s
    : t === 'datetime' ? `if(${s} IS NULL, NULL, toJSONString(${hooks.formatDatetime(s)}))`
    : t === 'timespan' ? `if(${s} IS NULL, NULL, toJSONString(${hooks.formatTimespan(s)}))`
    : t === 'bool' ? `if(${s} IS NULL, NULL, if(${s}, 'true', 'false'))`
    // Integers as their digits: toJSONString would quote an Int64 (output_format_json_quote_64bit_integers).
    : t === 'int' || t === 'long' ? `if(${s} IS NULL, NULL, toString(${s}))`
    : `if(${s} IS NULL, NULL, toJSONString(assumeNotNull(${t === 'guid' ? `toString(${s})` : s})))`),
  jsonElementsOrSelf: (j) => `if(JSONType(coalesce(${j}, 'null')) = 'Array', JSONExtractArrayRaw(coalesce(${j}, '')), [coalesce(${j}, 'null')])`,
  jsonArrayLength: (j) => `if(JSONType(coalesce(${j}, 'null')) = 'Array', toInt64(JSONLength(${j})), NULL)`,
  jsonType: (j) => `transform(toString(JSONType(${j})), [${JSON_TYPE_NAMES.map(([c]) => q(c)).join(', ')}], [${JSON_TYPE_NAMES.map(([, d]) => q(d)).join(', ')}], '')`,
  listToJson: (l) => `toJSONString(${l})`,
  epochMicros: (ts) => `toUnixTimestamp64Micro(${ts})`,
  formatTimespan: (t) => `if(${t} IS NULL, '', concat(if(${t} < 0, '-', ''), if(abs(${t}) >= 864000000000, concat(toString(intDiv(abs(${t}), 864000000000)), '.'), ''), leftPad(toString(intDiv(abs(${t}), 36000000000) % 24), 2, '0'), ':', leftPad(toString(intDiv(abs(${t}), 600000000) % 60), 2, '0'), ':', leftPad(toString(intDiv(abs(${t}), 10000000) % 60), 2, '0'), if(abs(${t}) % 10000000 <> 0, concat('.', leftPad(toString(abs(${t}) % 10000000), 7, '0')), '')))`,
  // Microseconds and a trailing 0, as the DuckDB engine formats them.
  formatDatetime: (ts) => `coalesce(formatDateTime(CAST(${ts} AS Nullable(DateTime64(6, 'UTC'))), '%Y-%m-%dT%H:%i:%S.%f') || '0Z', '')`,
  // DateTime64(7) holds the ticks exactly.
  timestampFromNanos: (ns) => `CAST(fromUnixTimestamp64Nano(toInt64(${ns}), 'UTC') AS Nullable(DateTime64(7, 'UTC')))`,
  timestampFromMicros: (us) => `fromUnixTimestamp64Micro(toInt64(${us}), 'UTC')`,
  dateTrunc: (unit, ts) => {
    const fn = TRUNC[unit];
    if (!fn) throw new Error(`not supported: truncating a datetime to ${unit} on the ClickHouse engine`);
    return `CAST(${fn}(${ts}) AS Nullable(DateTime64(7, 'UTC')))`;
  },
  datePart: (part, ts) => {
    // DuckDB's 'microseconds' part: the seconds and their fraction, in microseconds.
    if (part === 'microseconds') return `toInt64(toSecond(${ts}) * 1000000 + toUnixTimestamp64Micro(${ts}) % 1000000)`;
    const fn = DATE_PART[part];
    if (!fn) throw new Error(`not supported: datetime part ${part} on the ClickHouse engine`);
    return `toInt64(${fn}(${ts}))`;
  },
  listTransform: (l, p, b) => `arrayMap(${p} -> ${b}, ${l})`,
  listFilter: (l, p, b) => `arrayFilter(${p} -> ${b}, ${l})`,
  listAny: (l, p, b) => `arrayExists(${p} -> ${b}, ${l})`,
  listAll: (l, p, b) => `arrayAll(${p} -> ${b}, ${l})`,
  listContains: (l, x) => `has(${l}, ${x})`,
  unnest: (l) => `arrayJoin(${l})`,
  subqueryList: (expr, fromSql) => `(SELECT groupArray(${expr}) FROM (${fromSql}) AS s)`,
  mvExpandList: (j, bagAsArray) => {
    const t = `JSONType(coalesce(${j}, 'null'))`;
    const pair = bagAsArray ? `concat('[', toJSONString(__kv.1), ',', __kv.2, ']')` : `concat('{', toJSONString(__kv.1), ':', __kv.2, '}')`;
    return `multiIf(${t} = 'Array', JSONExtractArrayRaw(coalesce(${j}, '')), ${t} = 'Object', arrayMap(__kv -> ${pair}, JSONExtractKeysAndValuesRaw(coalesce(${j}, ''))), ${t} = 'Null', CAST([] AS Array(String)), [coalesce(${j}, 'null')])`;
  },
  // ARRAY JOIN over the positions of the longest list; shorter lists read NULL past their end.
  mvExpandRows: ({ fromSql, alias, keep, lists, limit, index }) => {
    const cut = (l: string) => (limit ? `arraySlice(${l}, 1, ${limit})` : l);
    const listed = `SELECT *, ${lists.map((l, i) => `${cut(l)} AS __mvl${i}`).join(', ')} FROM (${fromSql}) AS ${alias}`;
    const cols = [...keep, ...lists.map((_, i) => `if(__mvidx < length(__mvl${i}), __mvl${i}[__mvidx + 1], NULL) AS "__mv${i}"`)];
    if (index) cols.push('__mvidx AS "__mvidx"');
    return `SELECT ${cols.join(', ')} FROM (${listed}) AS ${alias}_rows ARRAY JOIN range(toUInt64(greatest(${lists.map((_, i) => `length(__mvl${i})`).join(', ')}))) AS __mvidx`;
  },
  // groupArray skips nulls but keeps a tuple holding one.
  aggListOrdered: (x, by) => `arrayMap(__t -> __t.2, arraySort(__t -> __t.1, groupArray(tuple(${by}, ${x}))))`,
  listPosition: (l, x) => `nullIf(indexOf(${l}, ${x}), 0)`,
  rangeList: (n) => `range(toUInt64(greatest(${n}, 0)))`,
  jsonTextsToArray: (l) => jsonArray(`arrayMap(__j -> ifNull(__j, 'null'), ${l})`),
  // Values as JSON texts ('null' for null) joined into the array text the UDF parses.
  udfJson: (udf, op, values) => `${udf}(${q(op)}, ${hooks.jsonTextsToArray!(`[${values.map((v) => hooks.toJson!(v.sql, v.t)).join(', ')}]`)})`,
  udfJsonAs: (j, t) => UDF_RESULT[t](j),
  // groupArray skips nulls itself; assumeNotNull keeps its elements plain Strings.
  aggJsonArray: (j, cond) => jsonArray(`groupArray(assumeNotNull(${j})) FILTER (WHERE ${cond})`),
  aggListDistinct: (x, limit) => `toJSONString(${limit ? `groupUniqArray(${limit})` : 'groupUniqArray'}(${x}))`,
  aggList: (x, limit) => `toJSONString(${limit ? `groupArray(${limit})` : 'groupArray'}(${x}))`,
  aggAnyValue: (x) => `any(${x})`,
  // Tuple aggregates (arg_max with other aggregates): rows whose by-value is null never win; when
  // every by-value is null, any row's tuple (Kusto still returns a row).
  aggArgMax: (v, by) => `if(countIf(${by} IS NOT NULL) > 0, argMaxIf(${v}, ${by}, ${by} IS NOT NULL), any(${v}))`,
  aggArgMin: (v, by) => `if(countIf(${by} IS NOT NULL) > 0, argMinIf(${v}, ${by}, ${by} IS NOT NULL), any(${v}))`,
  structPack: (fields) => `tuple(${fields.map((f) => f.sql).join(', ')})`,
  structGet: (s, name) => {
    const m = /^f(\d+)$/.exec(name);
    if (!m) throw new Error(`internal: tuple field ${name}`);
    return `tupleElement(${s}, ${Number(m[1]) + 1})`;
  },
};

export const clickhouseDialect: Dialect = Object.freeze({
  name: 'clickhouse',
  label: 'ClickHouse',
  relations: new Set(['scan', 'values', 'range', 'filter', 'project', 'aggregate', 'sort', 'take', 'join', 'union', 'shared', 'mvexpand', 'series', 'seqscan', 'apply', 'applysource'] as const),
  quoting: 'clickhouse',
  flags: Object.freeze({ qualify: true, sessionConstants: false, joins: true, keylessJoins: false, lateral: false, valuesTable: false, materializedCte: false }),
  hooks,
  functions: Object.freeze({ shared: CLICKHOUSE_SHARED_FUNCTIONS, overrides: Object.freeze(CLICKHOUSE_OVERRIDES) }),
});
