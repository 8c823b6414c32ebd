/**
 * What the IR → SQL compiler needs from a SQL dialect: capability flags and small hooks. The compiler
 * and the function catalog only call these; they never test a dialect's name. A hook a dialect
 * leaves out throws (via `hook()`) instead of producing wrong SQL.
 */
import type { KqlType } from '../schema/kql-types.js';

export interface DialectFlags {
  /** QUALIFY clause (used for innerunique joins and take-any-per-group). */
  readonly qualify: boolean;
  /** SEMI / ANTI JOIN keywords. */
  readonly semiAntiJoin: boolean;
  /** `SELECT * EXCLUDE (...)`. */
  readonly selectExclude: boolean;
  /**
   * Session variables that queries read as plan-time constants (DuckDB's SET VARIABLE and
   * getvariable()): lets a value computed once before the query (a pattern built from a tabular
   * set) be used where the engine needs a constant, e.g. a regex it compiles once.
   */
  readonly sessionConstants: boolean;
}

export interface DialectHooks {
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
  /** Truncate a timestamp to 'year' | 'month' | 'week' | 'day' | 'hour' ... */
  dateTrunc(unit: string, ts: string): string;
  datePart(part: string, ts: string): string;
  /** Current row's lambda-style mapping over a SQL list. */
  listTransform(list: string, param: string, body: string): string;
  listFilter(list: string, param: string, body: string): string;
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

export interface Dialect {
  readonly name: string;
  readonly flags: DialectFlags;
  readonly hooks: Partial<DialectHooks>;
}

/** Calls a hook, throwing when the dialect did not provide it. */
export function hook<K extends keyof DialectHooks>(d: Dialect, name: K): DialectHooks[K] {
  const h = d.hooks[name];
  if (!h) throw new Error(`not supported: dialect ${d.name} has no ${String(name)} hook`);
  return h as DialectHooks[K];
}
