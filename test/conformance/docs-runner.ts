/**
 * Runs the documentation examples through the engine and judges each one. Promises: one
 * DocOutcome per example, in corpus order, whatever the engine does (errors, hangs and crashes
 * become outcomes). Status: pass | pass-informative (shape matched, values informative only) |
 * doc-error (a known doc error of kind `rejected`: the engine refused the query as Microsoft's binder does) |
 * mismatch | error | timeout | crash | unavailable.
 */
import type { QueryResult } from '../../src/engine/contract.js';
import { type Category, type NonCoreReason, categoryOf, nonCoreReason } from './categories.js';
import { type ComparePolicy, policyFor } from './compare-policy.js';
import { compareTables } from './compare-results.js';
import type { EngineClient, RunOptions } from './engine-client.js';
import type { DocExample } from './load-corpus.js';

export type DocStatus = 'pass' | 'pass-informative' | 'doc-error' | 'mismatch' | 'error' | 'timeout' | 'crash' | 'unavailable';

export interface DocOutcome {
  readonly id: string;
  readonly category: Category;
  readonly core: boolean;
  readonly nonCore?: NonCoreReason;
  readonly status: DocStatus;
  readonly passed: boolean;
  readonly ms: number;
  readonly policy: ComparePolicy;
  /** For mismatches: the first difference; for pass-informative: the ignored value difference. */
  readonly diff?: string;
  readonly diffKind?: string;
  readonly errorCode?: string;
  readonly errorMessage?: string;
  readonly actual?: { readonly columns: QueryResult['columns']; readonly rows: QueryResult['rows'] };
}

/** The fixed clock for the docs run (the corpus has no now()/ago() queries, but pin it anyway). */
export const DOCS_NOW = new Date('2024-01-01T00:00:00Z');

export function isPassing(status: DocStatus): boolean {
  return status === 'pass' || status === 'pass-informative' || status === 'doc-error';
}

/** Judges one engine answer for one example (pure; exported for tests). */
export function judgeDocResult(ex: DocExample, result: QueryResult, policy: ComparePolicy): Pick<DocOutcome, 'status' | 'diff' | 'diffKind'> {
  const cmp = compareTables(ex, result, policy);
  if (cmp.ok) return { status: 'pass' };
  if (policy.informativeValues && cmp.shapeOk) return { status: 'pass-informative', diff: cmp.diff, diffKind: cmp.kind };
  return { status: 'mismatch', diff: cmp.diff, diffKind: cmp.kind };
}

export async function runDocExample(ex: DocExample, client: EngineClient, run: RunOptions): Promise<DocOutcome> {
  const category = categoryOf(ex.source);
  const nonCore = nonCoreReason(ex.source);
  const policy = policyFor(ex.query, ex.note, ex.id);
  const base = { id: ex.id, category, core: nonCore === undefined, ...(nonCore ? { nonCore } : {}), policy };
  const out = await client.query(ex.query, run);
  switch (out.kind) {
    case 'ok': {
      let judged: Pick<DocOutcome, 'status' | 'diff' | 'diffKind'>;
      try {
        judged = judgeDocResult(ex, out.result, policy);
      } catch (e) {
        judged = { status: 'mismatch', diff: `harness could not compare: ${(e as Error).message}`, diffKind: 'harness' };
      }
      const actual = { columns: out.result.columns, rows: out.result.rows.slice(0, 50) };
      return { ...base, ...judged, passed: isPassing(judged.status), ms: out.ms, actual };
    }
    case 'error': {
      const d = out.error.diagnostics?.find((x) => x.severity === 'error') ?? out.error.diagnostics?.[0];
      const code = d?.code ?? out.error.name;
      if (policy.docQueryRejected && /^KQL-/.test(code)) {
        return { ...base, status: 'doc-error', passed: true, ms: out.ms, errorCode: code, errorMessage: d?.message ?? out.error.message };
      }
      return { ...base, status: 'error', passed: false, ms: out.ms, errorCode: d?.code ?? out.error.name, errorMessage: d?.message ?? out.error.message };
    }
    case 'timeout':
      return { ...base, status: 'timeout', passed: false, ms: out.ms, errorCode: 'TIMEOUT', errorMessage: `no answer within ${run.timeoutMs} ms` };
    case 'crash':
      return { ...base, status: 'crash', passed: false, ms: out.ms, errorCode: 'CRASH', errorMessage: out.message };
    case 'unavailable':
      return { ...base, status: 'unavailable', passed: false, ms: out.ms, errorCode: 'UNAVAILABLE', errorMessage: out.message };
  }
}

export async function runDocs(
  examples: readonly DocExample[],
  client: EngineClient,
  run: RunOptions,
  onEach?: (o: DocOutcome, index: number) => void,
): Promise<DocOutcome[]> {
  const out: DocOutcome[] = [];
  for (const [i, ex] of examples.entries()) {
    const o = await runDocExample(ex, client, run);
    out.push(o);
    onEach?.(o, i);
  }
  return out;
}
