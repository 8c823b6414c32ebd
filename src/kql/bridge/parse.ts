/**
 * Parse and bind a query against the MDE globals; returns the syntax root and the binder's
 * diagnostics as plain values (severity, message, span).
 */
import { mdeGlobals } from './globals.js';
import { kustoLanguage } from './load.js';
import type { KNode } from './syntax.js';

export interface BridgeDiagnostic {
  readonly severity: 'error' | 'warning';
  readonly code: string;
  readonly message: string;
  readonly start: number;
  readonly length: number;
}

export interface ParsedQuery {
  readonly text: string;
  readonly root: KNode;
  readonly diagnostics: readonly BridgeDiagnostic[];
}

export function parseAndBind(text: string): ParsedQuery {
  const K = kustoLanguage();
  const code = K.KustoCode.ParseAndAnalyze(text, mdeGlobals());
  const raw = code.GetDiagnostics();
  const diagnostics: BridgeDiagnostic[] = [];
  for (let i = 0; i < raw.Count; i++) {
    const d = raw.getItem(i);
    const sev = String(d.Severity).toLowerCase();
    diagnostics.push({
      severity: sev === 'error' ? 'error' : 'warning',
      code: String(d.Code ?? ''),
      message: String(d.Message),
      start: Number(d.Start),
      length: Number(d.Length),
    });
  }
  return { text, root: code.Syntax as KNode, diagnostics };
}

/** Indented outline of the syntax tree with binder types: for `--dump syntax`. */
export function dumpSyntax(root: KNode, kindName: (n: KNode) => string): string {
  const lines: string[] = [];
  const walk = (n: KNode | null, indent: string): void => {
    if (!n) return;
    if (n.IsToken) {
      if (n.Text) lines.push(`${indent}${JSON.stringify(n.Text)}`);
      return;
    }
    const type = n.ResultType ? ` : ${n.ResultType.Name || 'table'}` : '';
    lines.push(`${indent}${kindName(n)}${type}`);
    for (let i = 0; i < n.ChildCount; i++) walk(n.GetChild(i), `${indent}  `);
  };
  walk(root, '');
  return lines.join('\n');
}
