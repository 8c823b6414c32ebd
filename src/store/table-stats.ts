/** Row count and Timestamp range of every MDE table in a store, in schema order. */
import type { DuckDBConnection } from '@duckdb/node-api';
import { MDE_TABLES } from '../schema/index.js';
import { quoteIdent, quoteString } from '../sql/quote.js';

export interface TableStats {
  readonly table: string;
  readonly rows: number;
  /** ISO-8601 UTC, microsecond precision; null for an empty table. */
  readonly firstTimestamp: string | null;
  readonly lastTimestamp: string | null;
}

const ISO = `'%Y-%m-%dT%H:%M:%S.%fZ'`;

export async function tableStats(connection: DuckDBConnection): Promise<TableStats[]> {
  const parts = [...MDE_TABLES.values()].map((t, i) => {
    const ts = quoteIdent('Timestamp');
    return `SELECT ${i} AS ord, ${quoteString(t.name)} AS t, count(*) AS n, strftime(min(${ts}), ${ISO}), strftime(max(${ts}), ${ISO}) FROM ${quoteIdent(t.name)}`;
  });
  const reader = await connection.runAndReadAll(`${parts.join(' UNION ALL ')} ORDER BY ord`);
  return reader.getRows().map((r) => ({
    table: String(r[1]),
    rows: Number(r[2]),
    firstTimestamp: r[3] == null ? null : String(r[3]),
    lastTimestamp: r[4] == null ? null : String(r[4]),
  }));
}
