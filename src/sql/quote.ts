/**
 * The only way user-controlled text enters SQL: identifiers and string literals are always quoted
 * and escaped here. Every SQL generator and the ingest pipeline call these; adversarial tests loop
 * over them.
 */

/** Double-quoted SQL identifier; embedded quotes doubled. NUL is refused (DuckDB rejects it anyway). */
export function quoteIdent(name: string): string {
  if (name.includes('\u0000')) throw new Error('identifier contains a NUL character');
  return `"${name.replaceAll('"', '""')}"`;
}

/** Single-quoted SQL string literal; embedded quotes doubled. DuckDB does not treat backslash specially. */
export function quoteString(value: string): string {
  if (value.includes('\u0000')) throw new Error('string literal contains a NUL character');
  return `'${value.replaceAll("'", "''")}'`;
}
