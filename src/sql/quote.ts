/**
 * The only way user-controlled text enters SQL: identifiers and string literals are always quoted
 * and escaped here. Every SQL generator and the ingest pipeline call these; adversarial tests loop
 * over them on every engine.
 *
 * Engines disagree on escapes: DuckDB takes a backslash literally, ClickHouse reads `\'` as an
 * escaped quote — so DuckDB-style quoting of `x\' OR 1=1 --` would end a ClickHouse literal early.
 * The quoting style therefore follows the dialect being compiled. It is set for the duration of one
 * synchronous compilation with `withQuoting` (a dynamic scope, like AsyncLocalStorage without the
 * async part): the catalog's many call sites need no dialect argument, and none can fall back to
 * the wrong style while a ClickHouse query is being built. Outside such a scope the style is DuckDB's.
 */

export type QuotingStyle = 'duckdb' | 'clickhouse';

let active: QuotingStyle = 'duckdb';

/** Runs `fn` (synchronous) with `style` quoting, restoring the previous style afterwards. */
export function withQuoting<T>(style: QuotingStyle, fn: () => T): T {
  const previous = active;
  active = style;
  try {
    const result = fn();
    if (result instanceof Promise) throw new Error('internal: withQuoting takes synchronous work only');
    return result;
  } finally {
    active = previous;
  }
}

export function currentQuoting(): QuotingStyle {
  return active;
}

/**
 * Double-quoted SQL identifier. DuckDB: embedded quotes doubled, NUL refused (DuckDB rejects it).
 * ClickHouse: backslashes and quotes escaped with a backslash (it processes escapes in quoted
 * identifiers as in strings).
 */
export function quoteIdent(name: string): string {
  return quoteIdentFor(active, name);
}

export function quoteIdentFor(style: QuotingStyle, name: string): string {
  if (name.includes('\u0000')) throw new Error('identifier contains a NUL character');
  if (style === 'clickhouse') return `"${name.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * Single-quoted SQL string literal. DuckDB: quotes doubled, no other escapes exist (NUL refused:
 * callers splice it in with chr(0)). ClickHouse: backslash, quote and NUL escaped with a backslash.
 */
export function quoteString(value: string): string {
  return quoteStringFor(active, value);
}

export function quoteStringFor(style: QuotingStyle, value: string): string {
  if (style === 'clickhouse') {
    return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'").replaceAll('\u0000', '\\0')}'`;
  }
  if (value.includes('\u0000')) throw new Error('string literal contains a NUL character');
  return `'${value.replaceAll("'", "''")}'`;
}
