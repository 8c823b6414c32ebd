/**
 * The KQL front end as one public function: text → (binder diagnostics refused) → IR. Diagnostics
 * carry line:column; `formatDiagnostics` prints them with the source line and a caret.
 */
import type { Diagnostic } from '../engine/contract.js';
import { dumpSyntax, parseAndBind } from './bridge/parse.js';
import { kindName } from './bridge/syntax.js';
import './functions/index.js';
import type { Rel } from './ir/relational.js';
import { LowerContext, LowerError, type RenderMeta } from './lower/context.js';
import { lowerQuery } from './lower/tabular.js';

export interface Analysis {
  readonly rel?: Rel;
  readonly render?: RenderMeta;
  readonly diagnostics: readonly Diagnostic[];
  readonly syntaxDump: () => string;
  readonly parseMs: number;
  readonly lowerMs: number;
}

export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let col = 1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') { line++; col = 1; } else col++;
  }
  return { line, column: col };
}

export function makeDiagnostic(text: string, code: string, message: string, start?: number, length?: number): Diagnostic {
  if (start === undefined) return { code, severity: 'error', message };
  const { line, column } = lineColumn(text, start);
  return { code, severity: 'error', message, start, length: length ?? 0, line, column };
}

export function analyze(text: string, options: { externalDataDir?: string } = {}): Analysis {
  const t0 = performance.now();
  const parsed = parseAndBind(text);
  const t1 = performance.now();
  const syntaxDump = () => dumpSyntax(parsed.root, kindName);
  const errors = parsed.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    return { diagnostics: errors.map((d) => makeDiagnostic(text, 'KQL-BIND', d.message, d.start, d.length)), syntaxDump, parseMs: t1 - t0, lowerMs: 0 };
  }
  const cx = new LowerContext(options.externalDataDir);
  try {
    const rel = lowerQuery(parsed.root, cx);
    return { rel, render: cx.render, diagnostics: [], syntaxDump, parseMs: t1 - t0, lowerMs: performance.now() - t1 };
  } catch (err) {
    if (err instanceof LowerError) {
      const start = err.node ? err.node.TextStart : undefined;
      return { diagnostics: [makeDiagnostic(text, err.code, err.message, start, err.node?.Width)], syntaxDump, parseMs: t1 - t0, lowerMs: performance.now() - t1 };
    }
    throw err;
  }
}

/** `line:column: message` followed by the source line and a caret under the span. */
export function formatDiagnostics(text: string, diagnostics: readonly Diagnostic[]): string {
  const lines = text.split('\n');
  return diagnostics.map((d) => {
    if (d.line === undefined || d.column === undefined) return `error: ${d.message}`;
    const src = lines[d.line - 1] ?? '';
    const width = Math.max(1, Math.min(d.length ?? 1, src.length - d.column + 1));
    return `${d.line}:${d.column}: ${d.severity}: ${d.message}\n  ${src}\n  ${' '.repeat(d.column - 1)}${'^'.repeat(width)}`;
  }).join('\n');
}
