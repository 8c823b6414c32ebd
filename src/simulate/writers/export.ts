/**
 * CSV and JSON-lines export of a finished store with DuckDB's COPY, one file per table, in the
 * Defender export shapes `harrier ingest` reads: portal CSV (header row of column names, ISO-8601
 * `…Z` timestamps, JSON columns as JSON text) and streaming-API JSON lines
 * `{"time","tenantId","operationName":"Publish","category":"AdvancedHunting-<Table>","properties":{…}}`.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { join } from 'node:path';
import { MDE_TABLES, type TableDef } from '../../schema/index.js';
import { quoteIdent, quoteString } from '../../sql/quote.js';

const ISO = `'%Y-%m-%dT%H:%M:%S.%fZ'`;

function exportExpr(table: TableDef, forJson: boolean): string {
  return table.columns.map((c) => {
    const id = quoteIdent(c.name);
    if (c.type === 'datetime') return `strftime(${id}, ${ISO}) AS ${id}`;
    if (c.type === 'dynamic' && !forJson) return `coalesce(${id}::VARCHAR, '') AS ${id}`;
    return id;
  }).join(', ');
}

export async function exportCsv(c: DuckDBConnection, dir: string): Promise<string[]> {
  const files: string[] = [];
  for (const t of MDE_TABLES.values()) {
    const file = join(dir, `${t.name}.csv`);
    await c.run(`COPY (SELECT ${exportExpr(t, false)} FROM ${quoteIdent(t.name)} ORDER BY ${quoteIdent('Timestamp')}) TO ${quoteString(file)} (FORMAT CSV, HEADER true)`);
    files.push(file);
  }
  return files;
}

export async function exportJsonl(c: DuckDBConnection, dir: string, tenantId: string): Promise<string[]> {
  const files: string[] = [];
  for (const t of MDE_TABLES.values()) {
    const file = join(dir, `${t.name}.jsonl`);
    const props = t.columns.map((col) => {
      const id = quoteIdent(col.name);
      const v = col.type === 'datetime' ? `strftime(${id}, ${ISO})` : id;
      return `${quoteString(col.name)}: ${v}`;
    }).join(', ');
    await c.run(`COPY (SELECT strftime(${quoteIdent('Timestamp')}, ${ISO}) AS time, ${quoteString(tenantId)} AS tenantId, 'Publish' AS operationName,
      ${quoteString(`AdvancedHunting-${t.name}`)} AS category, {${props}} AS properties FROM ${quoteIdent(t.name)} ORDER BY ${quoteIdent('Timestamp')})
      TO ${quoteString(file)} (FORMAT JSON)`);
    files.push(file);
  }
  return files;
}

export async function exportTruthCsv(c: DuckDBConnection, file: string): Promise<void> {
  await c.run(`COPY (SELECT * REPLACE (strftime(Timestamp, ${ISO}) AS Timestamp) FROM _harrier_truth ORDER BY Timestamp, ReportId) TO ${quoteString(file)} (FORMAT CSV, HEADER true)`);
}
