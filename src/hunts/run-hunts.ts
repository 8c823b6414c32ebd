/**
 * Runs a pack of rules on an engine and returns findings. Each rule's query is rendered (lookback
 * and lists injected as `let` literals), run with the pinned `now`, and its rows turned into
 * findings; findings outside [now - lookback, now] are dropped, so community queries without a
 * time filter obey the window too. A failing rule never stops the pack: its error is reported in
 * its `RuleRun`.
 */
import { QueryError, type Diagnostic, type KqlEngine } from '../engine/contract.js';
import { toFindings, type Finding } from './findings.js';
import type { LoadedRule } from './load-rules.js';
import { timespanMs } from './kql-literal.js';
import { renderQuery } from './render-query.js';

export interface RunHuntsOptions {
  /** Pins now()/ago() and the end of the window; default the wall clock. */
  readonly now?: Date;
  /** Overrides every rule's lookback (e.g. '72h'). */
  readonly lookback?: string;
  /** Row cap per rule (default 10,000 like Defender). */
  readonly maxRows?: number;
  /** Called after each rule (progress, timing). */
  readonly onRule?: (run: RuleRun) => void;
}

export interface RuleRun {
  readonly rule: LoadedRule;
  readonly findings: readonly Finding[];
  readonly rows: number;
  readonly truncated: boolean;
  readonly ms: number;
  /** Present when the rule could not run. */
  readonly error?: { readonly message: string; readonly diagnostics: readonly Diagnostic[] };
}

export interface HuntRun {
  readonly findings: readonly Finding[];
  readonly runs: readonly RuleRun[];
  readonly now: Date;
}

/** Runs the rules one by one; findings sorted by timestamp, then rule name. */
export async function runHuntsDetailed(engine: KqlEngine, rules: readonly LoadedRule[], options: RunHuntsOptions = {}): Promise<HuntRun> {
  const now = options.now ?? new Date();
  const runs: RuleRun[] = [];
  for (const loaded of rules) {
    const started = performance.now();
    const rendered = renderQuery(loaded, options.lookback === undefined ? {} : { lookback: options.lookback });
    let run: RuleRun;
    if (rendered.problems.length > 0) {
      const message = rendered.problems.map((p) => p.message).join('; ');
      run = { rule: loaded, findings: [], rows: 0, truncated: false, ms: 0, error: { message, diagnostics: [] } };
    } else {
      try {
        const result = await engine.query(rendered.text, { now, maxRows: options.maxRows ?? 10_000 });
        const from = now.getTime() - timespanMs(rendered.lookback);
        const findings = toFindings(loaded.rule, result).filter((f) => {
          if (f.timestamp === null) return true;
          const t = Date.parse(f.timestamp);
          return Number.isNaN(t) || (t >= from && t <= now.getTime());
        });
        run = { rule: loaded, findings, rows: result.rows.length, truncated: result.truncated, ms: performance.now() - started };
      } catch (err) {
        const diagnostics = err instanceof QueryError ? err.diagnostics : [];
        run = { rule: loaded, findings: [], rows: 0, truncated: false, ms: performance.now() - started, error: { message: (err as Error).message, diagnostics } };
      }
    }
    runs.push(run);
    options.onRule?.(run);
  }
  const findings = runs.flatMap((r) => r.findings).sort((a, b) =>
    (a.timestamp ?? '').localeCompare(b.timestamp ?? '') || a.title.localeCompare(b.title) || a.id.localeCompare(b.id));
  return { findings, runs, now };
}

/** Some rules could not run; `run` still holds every finding of the rules that did. */
export class HuntRunError extends Error {
  constructor(readonly run: HuntRun) {
    const failed = run.runs.filter((r) => r.error);
    super(`${failed.length} rule(s) failed:\n${failed.map((r) => `  ${r.rule.rule.name} (${r.rule.file}): ${r.error!.message}`).join('\n')}`);
    this.name = 'HuntRunError';
  }
}

/**
 * The library entry point the demo and the correlator use: the pack's findings. Throws
 * HuntRunError (carrying the partial run) when any rule failed, so a broken rule is never silent.
 */
export async function runHunts(engine: KqlEngine, rules: readonly LoadedRule[], options: RunHuntsOptions = {}): Promise<Finding[]> {
  const run = await runHuntsDetailed(engine, rules, options);
  if (run.runs.some((r) => r.error)) throw new HuntRunError(run);
  return [...run.findings];
}
