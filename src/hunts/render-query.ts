/**
 * Turns a rule into the exact KQL that runs: a prelude of `let` statements (the lookback as
 * `HuntLookback`, each parameter/exclusion list as a `dynamic([...])` literal) followed by the
 * rule's query text unchanged. The rendered text binds in the official parser and runs in
 * Defender Advanced Hunting as-is (`harrier rules render` prints it). Only names the query
 * mentions are declared, so Sentinel files without parameters run exactly as written.
 */
import type { LoadedRule } from './load-rules.js';
import { kqlDynamicStrings, kqlLet, kqlTimespan } from './kql-literal.js';
import { resolveParameters } from './lists.js';
import type { SourceProblem } from './yaml-source.js';

/** The `let` name a rule uses for its lookback window: `| where Timestamp > ago(HuntLookback)`. */
export const LOOKBACK_PARAM = 'HuntLookback';
export const DEFAULT_LOOKBACK = '72h';

export interface RenderedQuery {
  readonly text: string;
  /** Number of characters before the rule's own query text (to map diagnostics back). */
  readonly preludeLength: number;
  /** Number of lines before the rule's own query text. */
  readonly preludeLines: number;
  readonly lookback: string;
  readonly problems: readonly SourceProblem[];
}

export interface RenderOptions {
  /** Overrides the rule's `lookback` (the CLI's `--lookback`). */
  readonly lookback?: string;
}

function mentions(query: string, name: string): boolean {
  return new RegExp(`(?<![A-Za-z0-9_])${name}(?![A-Za-z0-9_])`).test(query);
}

export function renderQuery(loaded: LoadedRule, options: RenderOptions = {}): RenderedQuery {
  const { rule } = loaded;
  const lookback = options.lookback ?? rule.lookback ?? DEFAULT_LOOKBACK;
  const lets: string[] = [];
  const problems: SourceProblem[] = [];
  if (mentions(rule.query, LOOKBACK_PARAM)) lets.push(kqlLet(LOOKBACK_PARAM, kqlTimespan(lookback)));
  const params = resolveParameters(loaded);
  problems.push(...params.problems);
  for (const [name, values] of params.values) {
    if (!mentions(rule.query, name)) continue;
    try {
      lets.push(kqlLet(name, kqlDynamicStrings(values)));
    } catch (err) {
      problems.push({ file: loaded.file, line: loaded.line, column: 1, message: `${name}: ${(err as Error).message}` });
    }
  }
  const prelude = lets.map((l) => `${l}\n`).join('');
  return { text: prelude + rule.query, preludeLength: prelude.length, preludeLines: lets.length, lookback, problems };
}
