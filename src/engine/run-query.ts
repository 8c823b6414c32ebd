/**
 * What every Harrier KQL engine (DuckDB, ClickHouse) does around executing SQL: the defaults, the
 * cancelled diagnostic, one-query-at-a-time on a single connection, and the result assembly (row
 * cap, per-column encoding, timings).
 */
import { QueryError, type Diagnostic, type EncodedValue, type QueryOptions, type QueryResult, type ResultColumn, type RenderInfo } from './contract.js';
import type { KqlType } from '../schema/kql-types.js';

export const DEFAULT_MAX_ROWS = 10_000;
export const DEFAULT_TIMEOUT_MS = 600_000;
export const CANCELLED: Diagnostic = { code: 'CANCELLED', severity: 'error', message: 'query cancelled' };

/** Runs queries one after another: each engine holds one connection. */
export function serialized(run: (text: string, opts?: QueryOptions) => Promise<QueryResult>): (text: string, opts?: QueryOptions) => Promise<QueryResult> {
  let queue: Promise<unknown> = Promise.resolve();
  return (text, opts) => {
    const p = queue.then(() => run(text, opts));
    queue = p.catch(() => undefined);
    return p;
  };
}

export interface ExecutedQuery {
  readonly columns: readonly ResultColumn[];
  readonly render?: RenderInfo | undefined;
  readonly parseMs: number;
  readonly translateMs: number;
}

/** The contract result: rows beyond `maxRows` (0 = no cap) cut and flagged, values encoded by `decode`. */
export function assembleResult(
  tr: ExecutedQuery, rows: readonly (readonly unknown[])[], maxRows: number,
  decode: (v: unknown, t: KqlType) => EncodedValue, start: number, executeMs: number,
): QueryResult {
  const truncated = maxRows > 0 && rows.length > maxRows;
  const kept = truncated ? rows.slice(0, maxRows) : rows;
  return {
    columns: tr.columns, rows: kept.map((r) => tr.columns.map((c, i) => decode(r[i], c.type))), truncated, render: tr.render, warnings: [],
    timings: { parseMs: tr.parseMs, translateMs: tr.translateMs, executeMs, totalMs: performance.now() - start },
  };
}

/** The refusal a Harrier UDF or dialect hook wrapped in an engine error ("not supported: …"), if any. */
export function refusalIn(msg: string): Diagnostic | undefined {
  const refused = /(not supported: [^\n]*)/.exec(msg)?.[1];
  return refused ? { code: 'NOT-SUPPORTED', severity: 'error', message: refused } : undefined;
}

export function throwIfCancelled(opts: QueryOptions): void {
  if (opts.signal?.aborted) throw new QueryError([CANCELLED]);
}
