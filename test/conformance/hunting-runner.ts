/**
 * Runs the selected hunting queries on the populated store and classifies each
 * (hunting-corpus.ts). Queries using network externaldata are not sent to the engine. Promises:
 * one HuntingOutcome per query, in corpus order, whatever the engine does.
 */
import type { EngineClient, RunOptions } from './engine-client.js';
import { type HuntingQuery, type HuntingStatus, classifyHuntingOutcome, usesNetworkExternaldata } from './hunting-corpus.js';

export interface HuntingOutcome {
  readonly id: string;
  readonly name: string;
  readonly status: HuntingStatus;
  readonly ms: number;
  readonly code?: string;
  readonly message?: string;
  readonly rowCount?: number;
  readonly truncated?: boolean;
  /** The rows, when the caller asked to keep them (cross-engine comparison). */
  readonly rows?: readonly (readonly unknown[])[];
}

export async function runHuntingQuery(q: HuntingQuery, client: EngineClient, run: RunOptions, keepRows = false): Promise<HuntingOutcome> {
  if (usesNetworkExternaldata(q.query)) {
    return { id: q.id, name: q.name, status: 'network', ms: 0, code: 'NETWORK-EXTERNALDATA', message: 'externaldata over http(s): not run' };
  }
  const out = await client.query(q.query, run);
  const v = classifyHuntingOutcome(out);
  const extra = out.kind === 'ok' ? { rowCount: out.result.rows.length, truncated: out.result.truncated, ...(keepRows ? { rows: out.result.rows } : {}) } : {};
  return { id: q.id, name: q.name, status: v.status, ms: out.ms, ...(v.code ? { code: v.code } : {}), ...(v.message ? { message: v.message } : {}), ...extra };
}

export async function runHunting(
  queries: readonly HuntingQuery[],
  client: EngineClient,
  run: RunOptions,
  onEach?: (o: HuntingOutcome, index: number) => void,
  keepRows = false,
): Promise<HuntingOutcome[]> {
  const out: HuntingOutcome[] = [];
  for (const [i, q] of queries.entries()) {
    const o = await runHuntingQuery(q, client, run, keepRows);
    out.push(o);
    onEach?.(o, i);
  }
  return out;
}
