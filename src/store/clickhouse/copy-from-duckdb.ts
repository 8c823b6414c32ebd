/**
 * Copies MDE tables from a Harrier DuckDB store into ClickHouse tables of the same schema, through
 * one Parquet file per table in a private temporary folder (DuckDB writes it; chDB reads it on the
 * trusted write connection, a server receives it as an INSERT body; query connections never read
 * files). Values convert
 * exactly: timestamps stay microsecond-exact, dynamic columns travel as their JSON text.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { MDE_TABLES } from '../../schema/index.js';
import { quoteIdentFor, quoteStringFor } from '../../sql/quote.js';
import type { ChConnection } from '../../engine/clickhouse/connection.js';
import { clickhouseStoreDdl } from './ddl.js';

export interface CopySummary {
  readonly table: string;
  readonly rows: number;
}

/** Copies every MDE table with rows (or only table `only`); returns the row counts copied. */
export async function copyDuckdbToClickHouse(
  duck: DuckDBConnection,
  ch: ChConnection,
  opts: { only?: string } = {},
): Promise<CopySummary[]> {
  for (const ddl of clickhouseStoreDdl()) await ch.command(ddl);
  const dir = mkdtempSync(join(tmpdir(), 'harrier-ch-'));
  const out: CopySummary[] = [];
  try {
    for (const table of MDE_TABLES.values()) {
      if (opts.only !== undefined && table.name !== opts.only) continue;
      const cols = table.columns.map((c) => {
        const id = quoteIdentFor('duckdb', c.name);
        // JSON, UUID and DECIMAL travel as text/double; ClickHouse casts by position on insert.
        if (c.type === 'dynamic' || c.type === 'guid') return `CAST(${id} AS VARCHAR) AS ${id}`;
        if (c.type === 'decimal') return `CAST(${id} AS DOUBLE) AS ${id}`;
        return id;
      });
      const source = `SELECT ${cols.join(', ')} FROM ${quoteIdentFor('duckdb', table.name)}`;
      const count = Number((await duck.runAndReadAll(`SELECT count(*) FROM (${source})`)).getRows()[0]![0]);
      if (count === 0) continue;
      const file = join(dir, `${table.name}.parquet`);
      await duck.run(`COPY (${source}) TO ${quoteStringFor('duckdb', file)} (FORMAT parquet)`);
      await ch.insertParquet(table.name, file);
      out.push({ table: table.name, rows: count });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
