/**
 * `harrier rules lint`: every rule's rendered KQL must bind with zero diagnostics in Microsoft's
 * parser against the MDE schema (so it runs in Defender Advanced Hunting as-is) and compile for
 * DuckDB (the engine's `explain`). Also checks ATT&CK ids and, for Harrier pack rules, that the
 * output keeps Timestamp, DeviceId, DeviceName, ReportId and an account column like a Defender
 * custom detection. Issues are positioned in the rule file (query diagnostics mapped into the
 * `query:` block).
 */
import { findTactic, findTechnique } from '../attack/attack-data.js';
import { QueryError, type KqlEngine } from '../engine/contract.js';
import { parseAndBind } from '../kql/bridge/parse.js';
import { child, columnsOf, list } from '../kql/bridge/syntax.js';
import type { LoadedRule } from './load-rules.js';
import { renderQuery } from './render-query.js';

export interface LintIssue {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly severity: 'error' | 'warning';
  readonly code: string;
  readonly rule: string;
  readonly message: string;
}

export interface LintOptions {
  /** When given, each rule is also compiled for DuckDB with `engine.explain`. */
  readonly engine?: Pick<KqlEngine, 'explain'>;
  /** Require the Defender custom-detection output columns (errors instead of warnings); default: for rules with `tests`. */
  readonly requireOutputColumns?: boolean;
}

export const ACCOUNT_OUTPUT_COLUMNS = ['AccountName', 'InitiatingProcessAccountName', 'AccountUpn', 'InitiatingProcessAccountUpn', 'RequestAccountName'];
export const REQUIRED_OUTPUT_COLUMNS = ['Timestamp', 'DeviceId', 'DeviceName', 'ReportId'];

/** Output columns of the rendered query as the binder types them (name → KQL type name). */
export function outputColumns(text: string): Map<string, string> {
  const parsed = parseAndBind(text);
  const statements = list(parsed.root, 'Statements');
  const last = statements[statements.length - 1];
  const expr = last ? child(last, 'Expression') : null;
  return new Map(columnsOf(expr?.ResultType).map((c) => [c.name, c.type.Name]));
}

export function lintRule(loaded: LoadedRule, options: LintOptions = {}): LintIssue[] {
  const issues: LintIssue[] = [];
  const ruleName = loaded.rule.name;
  const at = (line: number, column: number, severity: LintIssue['severity'], code: string, message: string) =>
    issues.push({ file: loaded.file, line, column, severity, code, rule: ruleName, message });

  const rendered = renderQuery(loaded);
  for (const p of rendered.problems) at(p.line, p.column, 'error', 'RULE-PARAM', p.message);
  if (rendered.problems.length > 0) return issues;

  // Map an offset in the rendered text to a position in the rule file.
  const position = (offset: number): { line: number; column: number } => {
    if (offset < rendered.preludeLength) return { line: loaded.line, column: 1 };
    const before = loaded.rule.query.slice(0, offset - rendered.preludeLength).split('\n');
    return { line: loaded.queryLine + before.length - 1, column: (loaded.queryIndent ?? 0) + (before[before.length - 1]?.length ?? 0) + 1 };
  };

  const parsed = parseAndBind(rendered.text);
  for (const d of parsed.diagnostics) {
    const pos = position(d.start);
    const hint = /'TimeGenerated'/.test(d.message) ? ' (Sentinel dialect: Advanced Hunting uses Timestamp)' : '';
    at(pos.line, pos.column, d.severity, `KQL-${d.code || 'BIND'}`, `${d.message}${hint}`);
  }
  if (parsed.diagnostics.length === 0 && options.engine) {
    try {
      options.engine.explain(rendered.text);
    } catch (err) {
      const diags = err instanceof QueryError ? err.diagnostics : [];
      if (diags.length === 0) at(loaded.queryLine, 1, 'error', 'ENGINE', (err as Error).message);
      for (const d of diags) {
        const pos = d.start === undefined ? { line: loaded.queryLine, column: 1 } : position(d.start);
        at(pos.line, pos.column, d.severity, d.code, `does not compile for DuckDB: ${d.message}`);
      }
    }
  }

  for (const t of loaded.rule.relevantTechniques) {
    if (!findTechnique(t)) at(loaded.line, 1, 'error', 'ATTACK-TECHNIQUE', `unknown or deprecated ATT&CK technique ${t}`);
  }
  for (const t of loaded.rule.tactics) {
    if (!findTactic(t)) at(loaded.line, 1, 'warning', 'ATTACK-TACTIC', `unknown ATT&CK tactic '${t}'`);
  }

  if (parsed.diagnostics.length === 0) {
    const cols = outputColumns(rendered.text);
    const missing = REQUIRED_OUTPUT_COLUMNS.filter((c) => !cols.has(c));
    if (!ACCOUNT_OUTPUT_COLUMNS.some((c) => cols.has(c))) missing.push(`an account column (${ACCOUNT_OUTPUT_COLUMNS.join('/')})`);
    if (missing.length > 0) {
      // Pack rules (they have fixtures) must keep them; community files only get a warning.
      const strict = options.requireOutputColumns ?? loaded.rule.tests !== undefined;
      at(loaded.queryLine, 1, strict ? 'error' : 'warning', 'OUTPUT-COLUMNS',
        `output lacks ${missing.join(', ')} (findings need them; Defender custom detections need Timestamp, DeviceId, ReportId)`);
    }
  }
  return issues;
}

export function lintRules(rules: readonly LoadedRule[], options: LintOptions = {}): LintIssue[] {
  return rules.flatMap((r) => lintRule(r, options));
}

export function formatLintIssue(i: LintIssue): string {
  return `${i.file}:${i.line}:${i.column}: ${i.severity} ${i.code}: ${i.message} [${i.rule}]`;
}
