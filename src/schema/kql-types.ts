/**
 * KQL scalar types used by the MDE schema and the engine, and how each is stored in DuckDB.
 * The mapping follows DESIGN.md: strings are never NULL, datetimes are UTC TIMESTAMPs,
 * dynamic values are DuckDB JSON.
 */
export const KQL_TYPES = ['bool', 'int', 'long', 'real', 'decimal', 'string', 'datetime', 'timespan', 'guid', 'dynamic'] as const;
export type KqlType = (typeof KQL_TYPES)[number];

export const DUCKDB_STORAGE_TYPE: Readonly<Record<KqlType, string>> = Object.freeze({
  bool: 'BOOLEAN',
  int: 'INTEGER',
  long: 'BIGINT',
  real: 'DOUBLE',
  decimal: 'DECIMAL(38,18)',
  string: 'VARCHAR',
  datetime: 'TIMESTAMP',
  timespan: 'INTERVAL',
  guid: 'UUID',
  dynamic: 'JSON',
});

export function isKqlType(value: string): value is KqlType {
  return (KQL_TYPES as readonly string[]).includes(value);
}
