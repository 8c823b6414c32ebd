/**
 * Reports DuckDB's progress of a long-running statement on a connection (polled every 200 ms) as a
 * 0..1 fraction. Only used for the main load query of a large file.
 */
import type { DuckDBConnection } from '@duckdb/node-api';

export async function withProgress<T>(conn: DuckDBConnection, work: Promise<T>, report?: (fraction: number) => void): Promise<T> {
  if (!report) return work;
  const timer = setInterval(() => {
    try {
      const p = conn.progress;
      const pct = Number(p.percentage);
      if (Number.isFinite(pct) && pct >= 0) report(Math.min(1, pct / 100));
    } catch {
      // Progress is best-effort.
    }
  }, 200);
  try {
    const result = await work;
    report(1);
    return result;
  } finally {
    clearInterval(timer);
  }
}
