/**
 * `--engine chdb`: every hunting query that ran on chDB runs again on the DuckDB engine over the
 * same store, and the two results must hold the same rows (order-free, numbers to 10 significant
 * digits, arrays as sets). A difference turns the outcome into a failure ('other-error',
 * DIFFERS-FROM-DUCKDB), so the chDB rate counts only answers that agree with DuckDB's.
 */
import { openEngine } from '../../src/engine/index.js';
import type { RunOptions } from './engine-client.js';
import type { HuntingQuery } from './hunting-corpus.js';
import type { HuntingOutcome } from './hunting-runner.js';

function canonical(value: unknown, orderedArrays: boolean): unknown {
  if (Array.isArray(value)) {
    const items = value.map((v) => canonical(v, orderedArrays));
    return orderedArrays ? items : items.map((v) => JSON.stringify(v)).sort();
  }
  if (typeof value === 'number' && !Number.isInteger(value)) return Number(value.toPrecision(10));
  // A property bag's keys have no order.
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => [k, canonical(v, orderedArrays)]));
  }
  return value;
}

/**
 * A row as comparable text: numbers to 10 significant digits (engines add floating-point values
 * in different orders), bags with sorted keys, arrays as sorted sets (make_set and make_list
 * leave their order unspecified) unless `orderedArrays`.
 */
export const canonicalRow = (row: readonly unknown[], orderedArrays = false): string => JSON.stringify(row.map((v) => canonical(v, orderedArrays)));

const rowsKey = (rows: readonly (readonly unknown[])[]) => rows.map((r) => canonicalRow(r)).sort();

export async function crossCheckWithDuckdb(outcomes: readonly HuntingOutcome[], queries: readonly HuntingQuery[], db: string | undefined, run: RunOptions): Promise<{ outcomes: HuntingOutcome[]; compared: number; differing: number }> {
  const engine = await openEngine(db ? { db } : {});
  let compared = 0;
  let differing = 0;
  try {
    const out: HuntingOutcome[] = [];
    for (const [i, o] of outcomes.entries()) {
      const { rows, ...rest } = o;
      // A truncated result may hold different rows on each engine; both must be complete to compare.
      if (o.status !== 'ok' || !rows || o.truncated) { out.push(rest); continue; }
      let differs: string | undefined;
      try {
        const ref = await engine.query(queries[i]!.query, { now: run.now, maxRows: run.maxRows, timeoutMs: run.timeoutMs });
        if (ref.truncated) { out.push(rest); continue; }
        compared++;
        const a = rowsKey(rows), b = rowsKey(ref.rows);
        if (a.length !== b.length) differs = `${a.length} rows on chDB, ${b.length} on DuckDB`;
        else {
          const k = a.findIndex((x, j) => x !== b[j]);
          if (k >= 0) differs = `first differing row: chDB ${a[k]!.slice(0, 300)} vs DuckDB ${b[k]!.slice(0, 300)}`;
        }
      } catch (err) {
        differs = `DuckDB failed where chDB ran: ${err instanceof Error ? err.message : String(err)}`;
      }
      if (differs) {
        differing++;
        out.push({ ...rest, status: 'other-error', code: 'DIFFERS-FROM-DUCKDB', message: differs });
      } else out.push(rest);
    }
    return { outcomes: out, compared, differing };
  } finally {
    engine.close();
  }
}
