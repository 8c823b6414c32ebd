/**
 * Loads a Parquet file with read_parquet (row numbers from file_row_number) through the shared SQL
 * conversion path. Nested columns (STRUCT/LIST/MAP) become JSON; other values are converted from
 * their text form, so a Parquet file written by any tool lands in the store's exact types.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { TableDef } from '../schema/index.js';
import { quoteIdent, quoteString } from '../sql/quote.js';
import type { RejectContext } from './bookkeeping.js';
import { loadStaged, type StagedField } from './load-staged.js';
import { extrasNotes } from './column-map.js';
import type { LoadResult } from './load-result.js';
import { IngestFileError } from './types.js';

export interface ParquetColumn {
  readonly name: string;
  readonly type: string;
}

function source(path: string): string {
  return `read_parquet(${quoteString(path)}, file_row_number = true)`;
}

export async function describeParquet(conn: DuckDBConnection, path: string): Promise<ParquetColumn[]> {
  try {
    const rows = (await conn.runAndReadAll(`DESCRIBE SELECT * EXCLUDE (file_row_number) FROM ${source(path)}`)).getRows();
    return rows.map((r) => ({ name: String(r[0]), type: String(r[1]) }));
  } catch (err) {
    throw new IngestFileError(`cannot read Parquet: ${(err as Error).message.replace(/\s+/g, ' ').trim()}`);
  }
}

function field(col: ParquetColumn): StagedField {
  const ref = quoteIdent(col.name);
  const nested = /^(STRUCT|MAP|UNION)|\[\]$|\[\d+\]$/.test(col.type);
  const text = col.type === 'VARCHAR' ? ref : nested ? `CAST(to_json(${ref}) AS VARCHAR)` : `CAST(${ref} AS VARCHAR)`;
  return { name: col.name, text, json: col.type === 'JSON' ? ref : `to_json(${ref})` };
}

export async function loadParquet(conn: DuckDBConnection, path: string, table: TableDef, columns: readonly ParquetColumn[], ctx: RejectContext): Promise<LoadResult> {
  const r = await loadStaged(conn, table, {
    relation: `SELECT _p.file_row_number + 1 AS _rec, CAST(NULL AS BIGINT) AS _line, _p AS _src, _p.* EXCLUDE (file_row_number) FROM ${source(path)} AS _p`,
    fields: columns.map(field),
    rawText: 'CAST(to_json(_src) AS VARCHAR)',
  }, ctx);
  return {
    read: r.stored + r.rejected,
    tables: [{ table: table.name, stored: r.stored, rejected: r.rejected }],
    notes: extrasNotes(table, r.mapping),
  };
}
