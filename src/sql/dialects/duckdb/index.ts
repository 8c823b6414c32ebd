/**
 * The DuckDB dialect: datetime → TIMESTAMP (µs), timespan → BIGINT ticks (100 ns, so arithmetic
 * is plain integer math), dynamic → JSON, regexes are RE2 like Kusto's.
 */
import type { KqlType } from '../../../schema/kql-types.js';
import { quoteIdent, quoteString, quoteStringFor } from '../../quote.js';
import type { Dialect, DialectHooks, UdfResultType } from '../../dialect.js';
import { outputCast } from '../../../engine/encode.js';
import { timestampFromNanos } from '../../ticks.js';

const SQL_TYPE: Readonly<Record<KqlType, string>> = {
  bool: 'BOOLEAN', int: 'INTEGER', long: 'BIGINT', real: 'DOUBLE', decimal: 'DOUBLE', string: 'VARCHAR',
  datetime: 'TIMESTAMP', timespan: 'BIGINT', guid: 'UUID', dynamic: 'JSON',
};

/** How a JSON-argument UDF's result text is read as each type (TRY_CAST: anything else is null). */
const UDF_RESULT: Readonly<Record<UdfResultType, (json: string) => string>> = {
  dynamic: (j) => j,
  string: (j) => `coalesce(json_extract_string(${j}, '$'), '')`,
  real: (j) => `TRY_CAST(CAST(${j} AS VARCHAR) AS DOUBLE)`,
  long: (j) => `TRY_CAST(TRY_CAST(CAST(${j} AS VARCHAR) AS DOUBLE) AS BIGINT)`,
  int: (j) => `TRY_CAST(CAST(${j} AS VARCHAR) AS INTEGER)`,
  bool: (j) => `TRY_CAST(CAST(${j} AS VARCHAR) AS BOOLEAN)`,
};

const hooks: DialectHooks = {
  // NUL cannot appear inside a DuckDB literal; it is spliced in with chr(0).
  stringLiteral: (v) => v.split('\u0000').map((part) => quoteStringFor('duckdb', part)).join(' || chr(0) || '),
  dynamicLiteral: (json) => `CAST(${quoteStringFor('duckdb', json)} AS JSON)`,
  outputCast,
  bagKeys: (bag, fromSql) => `SELECT DISTINCT k FROM (SELECT unnest(json_keys(${bag})) AS k FROM (${fromSql}) AS b WHERE json_type(${bag}) = 'OBJECT') AS keys ORDER BY k LIMIT 1000`,
  seriesRows: (count, alias) => `generate_series(0, ${count}) AS ${alias}(i)`,
  intDiv: (a, b) => `(${a} // ${b})`,
  // A struct list folded with list_reduce; quadratic in the rows of one partition/restart group.
  windowSessionStart: (v, span, gap, frame) => {
    const ticks = (x: string, y: string) => `((epoch_us(${x}) - epoch_us(${y})) * 10)`;
    const step = `CASE WHEN ${ticks('__x.p', '__acc.s')} > ${span} OR ${ticks('__x.p', '__acc.p')} > ${gap} THEN __x.p ELSE __acc.s END`;
    return `CASE WHEN ${v} IS NULL THEN NULL ELSE list_reduce(list({'s': ${v}, 'p': ${v}}) FILTER (WHERE ${v} IS NOT NULL) ${frame}, (__acc, __x) -> {'s': ${step}, 'p': __x.p}).s END`;
  },
  nullSafeEqual: (a, b) => `${a} IS NOT DISTINCT FROM ${b}`,
  bitAnd: (a, b) => `(${a} & ${b})`,
  shiftRight: (a, n) => `(${a} >> ${n})`,
  semiAntiJoin: (kind) => (kind === 'semi' ? 'SEMI JOIN' : 'ANTI JOIN'),
  shiftRows: (kind, x, offset, deflt, spec) => `${kind}(${x}, ${offset}${deflt ? `, ${deflt}` : ''}) OVER (${spec})`,
  castText: (x) => `CAST(${x} AS VARCHAR)`,
  lower: (x) => `lower(${x})`,
  upper: (x) => `upper(${x})`,
  strLength: (x) => `length(${x})`,
  strContains: (s, n) => `contains(${s}, ${n})`,
  strStartsWith: (s, n) => `starts_with(${s}, ${n})`,
  strEndsWith: (s, n) => `ends_with(${s}, ${n})`,
  regexEscape: (s) => `regexp_escape(${s})`,
  roundHalfAway: (x) => `round(${x})`,
  addMicros: (ts, us) => `${ts} + to_microseconds(${us})`,
  sqlType: (t) => SQL_TYPE[t],
  tryCast: (s, t) => `TRY_CAST(${s} AS ${SQL_TYPE[t]})`,
  regexMatch: (s, re) => `regexp_matches(${s}, ${re})`,
  regexExtract: (s, re, g) => `nullif(regexp_extract(${s}, ${re}, ${g}), '')`,
  regexExtractAll: (s, re, g) => `regexp_extract_all(${s}, ${re}, ${g})`,
  regexReplace: (s, re, r) => `regexp_replace(${s}, ${re}, ${r}, 'g')`,
  // Paths are built as JSONPath text with the key quoted, so any key text stays data.
  jsonGet: (j, key, isIndex) => (isIndex
    ? `json_extract(${j}, CASE WHEN ${key} < 0 THEN '$[#' || (${key}) || ']' ELSE '$[' || (${key}) || ']' END)`
    : `json_extract(${j}, '$."' || replace(replace(${key}, '\\', '\\\\'), '"', '\\"') || '"')`),
  jsonToText: (j) => `coalesce(CASE WHEN json_type(${j}) = 'VARCHAR' THEN json_extract_string(${j}, '$') WHEN json_type(${j}) = 'NULL' THEN '' ELSE CAST(${j} AS VARCHAR) END, '')`,
  jsonParse: (s) => `CASE WHEN json_valid(${s}) THEN CAST(${s} AS JSON) ELSE to_json(${s}) END`,
  toJson: (s, t) => (t === 'dynamic' ? s : t === 'datetime' ? `to_json(strftime(${s}, '%Y-%m-%dT%H:%M:%S.%f') || '0Z')` : t === 'timespan' ? `CASE WHEN ${s} IS NOT NULL THEN to_json(${hooks.formatTimespan(s)}) END` : t === 'guid' ? `to_json(CAST(${s} AS VARCHAR))` : `to_json(${s})`),
  jsonArrayElements: (j) => `CASE WHEN json_type(${j}) = 'ARRAY' THEN CAST(${j} AS JSON[]) END`,
  jsonElementsOrSelf: (j) => `coalesce(${hooks.jsonArrayElements(j)}, [${j}])`,
  jsonArrayLength: (j) => `CASE WHEN json_type(${j}) = 'ARRAY' THEN CAST(json_array_length(${j}) AS BIGINT) END`,
  jsonType: (j) => `json_type(${j})`,
  listToJson: (l) => `to_json(${l})`,
  epochMicros: (ts) => `epoch_us(${ts})`,
  formatTimespan: (t) => `CASE WHEN ${t} IS NULL THEN '' ELSE (CASE WHEN ${t} < 0 THEN '-' ELSE '' END || CASE WHEN abs(${t}) >= 864000000000 THEN CAST(abs(${t}) // 864000000000 AS VARCHAR) || '.' ELSE '' END || lpad(CAST((abs(${t}) // 36000000000) % 24 AS VARCHAR), 2, '0') || ':' || lpad(CAST((abs(${t}) // 600000000) % 60 AS VARCHAR), 2, '0') || ':' || lpad(CAST((abs(${t}) // 10000000) % 60 AS VARCHAR), 2, '0') || CASE WHEN abs(${t}) % 10000000 <> 0 THEN '.' || lpad(CAST(abs(${t}) % 10000000 AS VARCHAR), 7, '0') ELSE '' END) END`,
  formatDatetime: (ts) => `coalesce(strftime(${ts}, '%Y-%m-%dT%H:%M:%S.%f') || '0Z', '')`,
  timestampFromNanos,
  timestampFromMicros: (us) => `make_timestamp(CAST(${us} AS BIGINT))`,
  dateTrunc: (unit, ts) => `date_trunc(${quoteString(unit)}, ${ts})`,
  datePart: (part, ts) => `CAST(date_part(${quoteString(part)}, ${ts}) AS BIGINT)`,
  listTransform: (l, p, b) => `list_transform(${l}, ${p} -> ${b})`,
  listFilter: (l, p, b) => `list_filter(${l}, ${p} -> ${b})`,
  listAny: (l, p, b) => `(len(list_filter(${l}, ${p} -> ${b})) > 0)`,
  listAll: (l, p, b) => `(len(list_filter(${l}, ${p} -> NOT ${b})) = 0)`,
  listContains: (l, x) => `list_contains(${l}, ${x})`,
  unnest: (l) => `unnest(${l})`,
  subqueryList: (expr, fromSql) => `(SELECT list(${expr}) FROM (${fromSql}) AS s)`,
  mvExpandList: (j, bagAsArray) => `CASE WHEN json_type(${j}) = 'ARRAY' THEN CAST(${j} AS JSON[]) WHEN json_type(${j}) = 'OBJECT' THEN list_transform(json_keys(${j}), k -> ${bagAsArray ? `json_array(k, ` : `json_object(k, `}json_extract(${j}, '$."' || replace(replace(k, '\\\\', '\\\\\\\\'), '"', '\\\\"') || '"'))) WHEN ${j} IS NULL OR json_type(${j}) = 'NULL' THEN []::JSON[] ELSE [${j}] END`,
  // Several unnests in one SELECT zip their lists, padding the shorter with NULL.
  mvExpandRows: ({ fromSql, alias, keep, lists, limit, index }) => {
    const cut = (l: string) => (limit ? `list_slice(${l}, 1, ${limit})` : l);
    const cols = [...keep, ...lists.map((l, i) => `unnest(${cut(l)}) AS "__mv${i}"`)];
    if (index) cols.push(`unnest(range(0, greatest(${lists.map((l) => `len(${cut(l)})`).join(', ')}))) AS "__mvidx"`);
    return `SELECT ${cols.join(', ')} FROM (${fromSql}) AS ${alias}`;
  },
  aggListOrdered: (x, by) => `list(${x} ORDER BY ${by})`,
  listPosition: (l, x) => `list_position(${l}, ${x})`,
  rangeList: (n) => `range(${n})`,
  jsonTextsToArray: (l) => `to_json(${l})`,
  udfJson: (udf, op, values) => `CAST(${udf}(${quoteString(op)}, CAST(to_json([${values.map((v) => `to_json(${v.sql})`).join(', ')}]) AS VARCHAR)) AS JSON)`,
  udfJsonAs: (j, t) => UDF_RESULT[t](j),
  aggJsonArray: (j, cond) => `coalesce(to_json(list(${j}) FILTER (WHERE ${cond})), '[]'::JSON)`,
  aggListDistinct: (x, limit) => (limit ? `to_json(list_slice(list(DISTINCT ${x}), 1, ${limit}))` : `to_json(list(DISTINCT ${x}))`),
  aggList: (x, limit) => (limit ? `to_json(list_slice(list(${x}), 1, ${limit}))` : `to_json(list(${x}))`),
  aggArgMax: (v, by) => `arg_max(${v}, ${by})`,
  aggArgMin: (v, by) => `arg_min(${v}, ${by})`,
  aggAnyValue: (x) => `any_value(${x})`,
  structPack: (fields) => `struct_pack(${fields.map((f) => `${quoteIdent(f.name)} := ${f.sql}`).join(', ')})`,
  structGet: (s, name) => `struct_extract(${s}, ${quoteString(name)})`,
  // Names come from the compiler's counter (never from user text); quoted all the same.
  setSessionConstant: (name, valueSql) => `SET VARIABLE ${quoteIdent(name)} = (${valueSql})`,
  getSessionConstant: (name) => `getvariable(${quoteString(name)})`,
  resetSessionConstant: (name) => `RESET VARIABLE ${quoteIdent(name)}`,
};

export const duckdbDialect: Dialect = Object.freeze({
  name: 'duckdb',
  label: 'DuckDB',
  relations: 'all',
  quoting: 'duckdb',
  flags: Object.freeze({ qualify: true, sessionConstants: true, joins: true, keylessJoins: true, lateral: true, valuesTable: true, materializedCte: true }),
  hooks,
  // The shared catalog is written for DuckDB.
  functions: Object.freeze({ shared: 'all', overrides: Object.freeze({}) }),
});
