/**
 * What the IR → SQL compiler needs from a SQL dialect: capability flags and small hooks. The compiler
 * and the function catalog only call these; they never test a dialect's name. A hook a dialect
 * leaves out throws (via `hook()`) instead of producing wrong SQL.
 */
import type { KqlType } from '../schema/kql-types.js';
import type { RelKind } from '../kql/ir/relational.js';
import type { FnDef } from '../kql/functions/catalog.js';
import type { QuotingStyle } from './quote.js';

export interface DialectFlags {
  /** QUALIFY clause (used for innerunique joins and take-any-per-group). */
  readonly qualify: boolean;
  /** Joins compile (their null and duplicate-key semantics are proven on this engine). */
  readonly joins: boolean;
  /**
   * A join's ON may hold no equality between the two sides (a lookup plugin's distance test, a
   * cross join); else the compiler gives both sides a constant key to equate.
   */
  readonly keylessJoins: boolean;
  /** `(VALUES (…), (…)) AS t(a, b)` for datatables (else a UNION ALL of one-row SELECTs). */
  readonly valuesTable: boolean;
  /** LATERAL joins (mv-apply per outer row); else mv-apply runs partitioned by the outer row's position. */
  readonly lateral: boolean;
  /** Shared subtrees as `name AS MATERIALIZED (…)` CTEs (else plain CTEs). */
  readonly materializedCte: boolean;
  /**
   * Session variables that queries read as plan-time constants (DuckDB's SET VARIABLE and
   * getvariable()): lets a value computed once before the query (a pattern built from a tabular
   * set) be used where the engine needs a constant, e.g. a regex it compiles once.
   */
  readonly sessionConstants: boolean;
}

/** A value passed to one of Harrier's JSON-argument UDFs: its SQL and KQL type. */
export interface UdfValue {
  readonly sql: string;
  readonly t: KqlType;
}

/** The types a JSON-argument UDF's result is read back as. */
export type UdfResultType = 'dynamic' | 'string' | 'real' | 'long' | 'int' | 'bool';

export interface DialectHooks {
  /** A KQL string literal (never NULL); may contain NUL. */
  stringLiteral(value: string): string;
  /** A dynamic literal from its JSON text. */
  dynamicLiteral(json: string): string;
  /**
   * SQL for one result column, shaped so the engine's decoder understands it (see the engine's
   * encoder for the dialect). `nanos`: the query may hold sub-microsecond datetimes.
   */
  outputCast(sql: string, t: KqlType, nanos: boolean): string;
  /** SQL listing the distinct object keys of JSON column `bag` over the rows of `fromSql` (bag_unpack). */
  bagKeys(bag: string, fromSql: string): string;
  /** SQL for the rows i = 0..count of one BIGINT column named `i` (range operator). */
  seriesRows(count: string, alias: string): string;
  /** A non-string value as text (NULL stays NULL). */
  castText(sql: string): string;
  /** Unicode case folding. */
  lower(s: string): string;
  upper(s: string): string;
  /** Length in characters. */
  strLength(s: string): string;
  strContains(s: string, needle: string): string;
  strStartsWith(s: string, prefix: string): string;
  strEndsWith(s: string, suffix: string): string;
  /** Text escaped for use as a literal inside a regex. */
  regexEscape(s: string): string;
  /** Rounds half away from zero to an integer-valued double. */
  roundHalfAway(x: string): string;
  /** The join keyword of a semi or anti join that keeps the rows of the side named first. */
  semiAntiJoin(kind: 'semi' | 'anti'): string;
  /** prev()/next(): the value `offset` rows before/after in the window `spec` (PARTITION BY … ORDER BY …). */
  shiftRows(kind: 'lag' | 'lead', x: string, offset: string, deflt: string | undefined, spec: string): string;
  /**
   * The position of each row in its input stream, for engines whose sort is not stable
   * (ClickHouse): appended as the last sort key so ties keep their serialized order, as Kusto's
   * sort and window functions keep it. Absent: the engine's own order is kept (DuckDB).
   */
  rowPosition?(): string;
  /**
   * A union branch's column, converted to the union's column type (ClickHouse makes a Variant of
   * branches whose types differ, e.g. count()'s UInt64 and Int64). Absent: the engine unifies them.
   */
  unionColumn?(sql: string, t: KqlType): string;
  /**
   * Each row of `fromSql` twice, with a boolean column `flag` false then true (partitioned
   * mv-apply's placeholder rows; dialects without LATERAL joins).
   */
  withPlaceholderRows?(fromSql: string, alias: string, flag: string): string;
  /** Equality that holds for two nulls (SQL's IS NOT DISTINCT FROM). */
  nullSafeEqual(a: string, b: string): string;
  /** Bitwise AND and right shift of integers. */
  bitAnd(a: string, b: string): string;
  shiftRight(a: string, bits: string): string;
  /**
   * `summarize arg_max(by, …) by keys` alone, where every key is a string (never null): SELECT
   * `cols` from the rows of `fromSql` (aliased `alias`) holding each group's max (min) of `by`,
   * one row per group — a row whose `by` is null only when the whole group's is. Absent: the
   * compiler uses QUALIFY row_number().
   */
  topRowPerGroup?(args: { cols: readonly string[]; fromSql: string; alias: string; keys: readonly string[]; by: string; max: boolean }): string;
  /**
   * row_window_session: the session start of each row, folding (start, previous) over the rows of
   * `frame` (an OVER clause up to the current row): a new session starts when the value is more
   * than `maxSpan` ticks after the session's start or `maxGap` ticks after the previous value.
   */
  windowSessionStart?(value: string, maxSpan: string, maxGap: string, frame: string): string;
  /** Integer division of BIGINTs (as the dialect's own operator rounds it). */
  intDiv(a: string, b: string): string;
  /** Datetime `ts` plus `micros` microseconds. */
  addMicros(ts: string, micros: string): string;
  /** SQL type used to hold values of a KQL type in expressions. */
  sqlType(t: KqlType): string;
  /** Conversion that yields NULL instead of failing. */
  tryCast(sql: string, t: KqlType): string;
  regexMatch(s: string, re: string): string;
  regexExtract(s: string, re: string, group: number): string;
  regexExtractAll(s: string, re: string, group: number): string;
  regexReplace(s: string, re: string, replacement: string): string;
  /** JSON value at a key (string SQL) or index (integer SQL) of a JSON value; NULL when absent. */
  jsonGet(json: string, keyOrIndex: string, isIndex: boolean): string;
  /** KQL tostring(dynamic): strings unquoted, other values as compact JSON text, null → ''. */
  jsonToText(json: string): string;
  /** Parse text as JSON; non-JSON text becomes a JSON string value (like parse_json). */
  jsonParse(text: string): string;
  /** Scalar SQL value of a KQL type → JSON. */
  toJson(sql: string, t: KqlType): string;
  /** JSON → list of JSON elements (arrays); NULL for non-arrays. */
  jsonArrayElements(json: string): string;
  /** JSON → list of its array elements' JSON texts; a non-array (or NULL) becomes a one-element list of itself. */
  jsonElementsOrSelf(json: string): string;
  jsonArrayLength(json: string): string;
  /** 'array' | 'object' | 'string' | 'number' | 'boolean' | 'null' style name of a JSON value. */
  jsonType(json: string): string;
  /** SQL list → JSON array. */
  listToJson(list: string): string;
  epochMicros(ts: string): string;
  /** Ticks → Kusto timespan text `[-][d.]hh:mm:ss[.fffffff]`. */
  formatTimespan(ticks: string): string;
  /** Timestamp → Kusto datetime text `yyyy-MM-ddTHH:mm:ss.fffffffZ`. */
  formatDatetime(ts: string): string;
  timestampFromMicros(micros: string): string;
  /** A datetime from nanoseconds since the epoch, keeping Kusto's 100 ns ticks (src/sql/ticks.ts). */
  timestampFromNanos(nanos: string): string;
  /** Truncate a timestamp to 'year' | 'month' | 'week' | 'day' | 'hour' ... */
  dateTrunc(unit: string, ts: string): string;
  datePart(part: string, ts: string): string;
  /** Current row's lambda-style mapping over a SQL list. */
  listTransform(list: string, param: string, body: string): string;
  listFilter(list: string, param: string, body: string): string;
  /** Whether `body` (over `param`) holds for some / every element of a SQL list. */
  listAny(list: string, param: string, body: string): string;
  listAll(list: string, param: string, body: string): string;
  listContains(list: string, x: string): string;
  /** In a SELECT list: one row per element of a SQL list. */
  unnest(list: string): string;
  /** A SQL list of `expr` over the rows of a subquery (whose one column is `v`). */
  subqueryList(expr: string, fromSql: string): string;
  /**
   * mv-expand: the SQL list of JSON values one value expands to — an array's elements, a bag's
   * {key: value} objects (or [key, value] arrays with `bagAsArray`), nothing for null, else itself.
   */
  mvExpandList(json: string, bagAsArray: boolean): string;
  /**
   * mv-expand: SELECT the `keep` columns of `fromSql` and, per row, one row per position of the
   * longest of `lists` (the first `limit`), with list i's element there (NULL past its end) as
   * "__mv{i}" and, with `index`, the position from 0 as "__mvidx".
   */
  mvExpandRows(args: { fromSql: string; alias: string; keep: readonly string[]; lists: readonly string[]; limit?: number; index: boolean }): string;
  /** make-series: the group's values of `x` as a SQL list ordered by `orderBy` (nulls kept). */
  aggListOrdered(x: string, orderBy: string): string;
  /** The 1-based position of `x` in a SQL list; NULL when absent. */
  listPosition(list: string, x: string): string;
  /** The SQL list 0, 1, …, n − 1. */
  rangeList(n: string): string;
  /** A SQL list of JSON values (the dialect's dynamic representation) → one JSON array value. */
  jsonTextsToArray(list: string): string;
  /**
   * A call of one of Harrier's JSON-argument UDFs (harrier_geo, harrier_geo_shapes, harrier_series,
   * harrier_sketch; src/engine/udfs.ts): `udf(op, JSON array of the values)`, its JSON-text result
   * as a dynamic value.
   */
  udfJson(udf: string, op: string, values: readonly UdfValue[]): string;
  /** Aggregate: a JSON array of the group's JSON values `json` on the rows where `cond` holds ([] for none). */
  aggJsonArray(json: string, cond: string): string;
  /** Such a UDF's JSON result read as type `t`: null when it is not one ('' for strings). */
  udfJsonAs(json: string, t: UdfResultType): string;
  /** Aggregates that need non-standard SQL. */
  aggListDistinct(x: string, limit?: string): string;
  aggList(x: string, limit?: string): string;
  aggArgMax(value: string, by: string): string;
  aggArgMin(value: string, by: string): string;
  aggAnyValue(x: string): string;
  /** Struct of named values and field access, for tuple aggregates. */
  structPack(fields: readonly { name: string; sql: string }[]): string;
  /** Statement storing an uncorrelated scalar query's value in a session variable (flag sessionConstants). */
  setSessionConstant(name: string, valueSql: string): string;
  /** Reads a session variable as a constant. */
  getSessionConstant(name: string): string;
  /** Statement dropping a session variable. */
  resetSessionConstant(name: string): string;
  structGet(struct: string, name: string): string;
}

/**
 * Which catalog entries (src/kql/functions) compile for a dialect. The shared catalog writes
 * DuckDB-flavoured SQL; another dialect lists the entries proven (by golden tests run on both
 * engines) to mean the same there, and replaces others with its own definitions. Any other
 * function is refused as not supported on that engine instead of yielding SQL of unknown meaning.
 */
export interface DialectFunctions {
  readonly shared: 'all' | ReadonlySet<string>;
  readonly overrides: Readonly<Record<string, FnDef>>;
}

export interface Dialect {
  readonly name: string;
  /**
   * Relational nodes the compiler may emit for this dialect ('all', or those proven by golden
   * tests); any other is refused as not supported on the engine.
   */
  readonly relations: 'all' | ReadonlySet<RelKind>;
  /** What users call the engine in messages ('DuckDB', 'ClickHouse'). */
  readonly label: string;
  /** How string literals and identifiers are escaped (src/sql/quote.ts). */
  readonly quoting: QuotingStyle;
  readonly flags: DialectFlags;
  readonly hooks: Partial<DialectHooks>;
  readonly functions: DialectFunctions;
}

/** Calls a hook, throwing when the dialect did not provide it. */
export function hook<K extends keyof DialectHooks>(d: Dialect, name: K): DialectHooks[K] {
  const h = d.hooks[name];
  if (!h) throw new Error(`not supported: dialect ${d.name} has no ${String(name)} hook`);
  return h as DialectHooks[K];
}

/**
 * The catalog entry for function `name` on dialect `d`, or undefined when the dialect cannot run it
 * (the caller refuses the query as not supported).
 */
export function dialectFunction(d: Dialect, name: string, lookup: (name: string) => FnDef | undefined): FnDef | undefined {
  const own = Object.hasOwn(d.functions.overrides, name) ? d.functions.overrides[name] : undefined;
  if (own) return own;
  if (d.functions.shared === 'all' || d.functions.shared.has(name)) return lookup(name);
  return undefined;
}
