/**
 * What the report needs to know about a store before hunting: each MDE table's row count and
 * time coverage, the ingested source files with their SHA-256 (`_harrier_ingests`), and whether
 * the store was simulated (`_harrier_truth` exists). Reads on a read-only connection.
 */
import { openStore } from '../store/index.js';
import { tableStats, type TableStats } from '../store/table-stats.js';
import { INGESTS_TABLE } from '../store/ddl.js';
import { TRUTH_TABLE } from '../simulate/truth.js';
import { quoteIdent, quoteString } from '../sql/quote.js';
import type { SourceFile } from './model.js';

export interface StoreFacts {
  readonly path: string;
  readonly stats: readonly TableStats[];
  readonly sources: readonly SourceFile[];
  readonly simulated: boolean;
  /** The CLI arguments that reach the store again (default `--db <path>`). */
  readonly locator?: readonly string[];
}

export async function readStoreFacts(db: string): Promise<StoreFacts> {
  const store = await openStore(db, { readOnly: true, ensureSchema: false });
  try {
    const c = store.connection;
    const stats = await tableStats(c);
    const has = async (table: string) =>
      Number((await c.runAndReadAll(`SELECT count(*) FROM information_schema.tables WHERE table_name = ${quoteString(table)}`)).getRows()[0]![0]) > 0;
    const simulated = await has(TRUTH_TABLE);
    let sources: SourceFile[] = [];
    if (await has(INGESTS_TABLE)) {
      const r = await c.runAndReadAll(`SELECT file_path, sha256, table_name, format, rows_stored, strftime(finished_at, '%Y-%m-%dT%H:%M:%SZ')
        FROM ${quoteIdent(INGESTS_TABLE)} ORDER BY ingest_id`);
      sources = r.getRows().map((x) => ({
        path: String(x[0]), sha256: String(x[1]), tables: String(x[2]), format: String(x[3]), rowsStored: Number(x[4]), ingestedAt: String(x[5]),
      }));
    }
    return { path: db, stats, sources, simulated };
  } finally {
    store.close();
  }
}
