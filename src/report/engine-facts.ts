/**
 * Store facts (src/report/store-facts.ts) for a store Harrier reaches through a KQL engine rather
 * than a DuckDB file — a chDB data folder or a ClickHouse server: each MDE table's row count and
 * time range come from KQL run on that engine, and the ingested files from the DuckDB journal the
 * ClickHouse ingest keeps (when there is one).
 */
import { existsSync } from 'node:fs';
import type { KqlEngine } from '../engine/contract.js';
import { MDE_TABLES } from '../schema/index.js';
import type { TableStats } from '../store/table-stats.js';
import { readStoreFacts, type StoreFacts } from './store-facts.js';

/** A datetime as the engine returns it (7 fraction digits) at the stats' microsecond precision. */
function micros(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  const m = /^(.*T\d{2}:\d{2}:\d{2})(?:\.(\d+))?Z$/.exec(String(v));
  if (!m) return String(v);
  return `${m[1]}.${(m[2] ?? '').padEnd(6, '0').slice(0, 6)}Z`;
}

export interface EngineStoreOptions {
  /** How the report names the store (a folder, or a server URL without credentials). */
  readonly path: string;
  /** The CLI arguments that reach the store again, for the report's reproduce commands. */
  readonly locator: readonly string[];
  /** The ingest journal (a DuckDB file) recording the source files, when there is one. */
  readonly journal?: string;
}

export async function readEngineStoreFacts(engine: KqlEngine, o: EngineStoreOptions): Promise<StoreFacts> {
  const stats: TableStats[] = [];
  for (const t of MDE_TABLES.values()) {
    const r = await engine.query(`${t.name} | summarize n = count(), earliest = min(Timestamp), latest = max(Timestamp)`, { maxRows: 1 });
    const row = r.rows[0] ?? [0, null, null];
    const rows = Number(row[0]);
    stats.push({ table: t.name, rows, firstTimestamp: rows > 0 ? micros(row[1]) : null, lastTimestamp: rows > 0 ? micros(row[2]) : null });
  }
  const journal = o.journal && existsSync(o.journal) ? await readStoreFacts(o.journal) : undefined;
  return { path: o.path, stats, sources: journal?.sources ?? [], simulated: false, locator: o.locator };
}
