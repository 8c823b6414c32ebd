/**
 * The KQL front end as one public function: text → (binder diagnostics refused) → IR. Diagnostics
 * carry line:column; `formatDiagnostics` prints them with the source line and a caret.
 */
import type { Diagnostic } from '../engine/contract.js';
import { dumpSyntax, parseAndBind } from './bridge/parse.js';
import { kindName, namedParameters, type KNode } from './bridge/syntax.js';
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
  const fuzzy = fuzzyWildcardSpans(parsed.root);
  // union isfuzzy=true: a wildcard that matches no table is skipped, as in Kusto (union docs).
  const errors = parsed.diagnostics.filter((d) => d.severity === 'error' && !(fuzzy.has(`${d.start}:${d.length}`) && /does not refer to any known table/.test(d.message)));
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

/** `start:length` of every wildcarded table name (`View*`) inside a `union isfuzzy=true`. */
function fuzzyWildcardSpans(root: KNode): Set<string> {
  const out = new Set<string>();
  const walk = (n: KNode | null, inFuzzy: boolean): void => {
    if (!n || n.IsToken) return;
    const k = kindName(n);
    let fuzzyHere = inFuzzy;
    if (k === 'UnionOperator') fuzzyHere = namedParameters(n).get('isfuzzy')?.ToString().trim().toLowerCase() === 'true';
    if (fuzzyHere && k === 'NameReference' && n.ChildCount > 0 && n.GetChild(0) && kindName(n.GetChild(0)!) === 'WildcardedName') out.add(`${n.TextStart}:${n.Width}`);
    for (let i = 0; i < n.ChildCount; i++) walk(n.GetChild(i), k === 'UnionOperator' ? fuzzyHere : k === 'PipeExpression' || k === 'FunctionBody' ? false : fuzzyHere);
  };
  walk(root, false);
  return out;
}
