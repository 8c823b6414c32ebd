/**
 * DDL for the store: one table per MDE table (names, columns and order exactly as in the schema,
 * strings NOT NULL DEFAULT '') and the bookkeeping tables that make ingestion auditable.
 */
import { DUCKDB_STORAGE_TYPE, MDE_TABLES, type TableDef } from '../schema/index.js';
import { quoteIdent } from '../sql/quote.js';

export const INGESTS_TABLE = '_harrier_ingests';
export const REJECTS_TABLE = '_harrier_rejects';

export function createTableSql(table: TableDef): string {
  const cols = table.columns.map((c) => {
    const sqlType = DUCKDB_STORAGE_TYPE[c.type];
    const notNull = c.type === 'string' ? ` NOT NULL DEFAULT ''` : '';
    return `  ${quoteIdent(c.name)} ${sqlType}${notNull}`;
  });
  return `CREATE TABLE IF NOT EXISTS ${quoteIdent(table.name)} (\n${cols.join(',\n')}\n)`;
}

export const BOOKKEEPING_DDL: readonly string[] = [
  `CREATE SEQUENCE IF NOT EXISTS _harrier_ingest_seq START 1`,
  `CREATE TABLE IF NOT EXISTS ${INGESTS_TABLE} (
  ingest_id BIGINT PRIMARY KEY DEFAULT nextval('_harrier_ingest_seq'),
  file_path VARCHAR NOT NULL,
  file_size BIGINT NOT NULL DEFAULT 0,
  sha256 VARCHAR NOT NULL,
  -- the table loaded; several, comma-separated, for a streaming file that mixes categories
  table_name VARCHAR NOT NULL,
  format VARCHAR NOT NULL,
  rows_read BIGINT NOT NULL,
  rows_stored BIGINT NOT NULL,
  rows_rejected BIGINT NOT NULL,
  started_at TIMESTAMP NOT NULL,
  finished_at TIMESTAMP NOT NULL,
  notes VARCHAR NOT NULL DEFAULT ''
)`,
  // Stores created before file_size existed gain it (0 = unknown: such rows are always hash-checked).
  `ALTER TABLE ${INGESTS_TABLE} ADD COLUMN IF NOT EXISTS file_size BIGINT DEFAULT 0`,
  `CREATE TABLE IF NOT EXISTS ${REJECTS_TABLE} (
  ingest_id BIGINT NOT NULL,
  file_path VARCHAR NOT NULL,
  -- '' when the record could not be routed to a table
  table_name VARCHAR NOT NULL,
  -- 1-based position of the record in the file (JSON results, Parquet rows); NULL for CSV
  record_number BIGINT,
  -- 1-based line (CSV, JSON lines; a CSV header is line 1; DuckDB counts a quoted multi-line CSV field as one line); NULL when not known
  line_number BIGINT,
  reason VARCHAR NOT NULL,
  raw_text VARCHAR NOT NULL
)`,
];

export function storeDdl(): string[] {
  return [...[...MDE_TABLES.values()].map(createTableSql), ...BOOKKEEPING_DDL];
}
