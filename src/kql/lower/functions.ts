/**
 * User-defined (let) functions: binds call arguments to parameter names in the current scope and
 * lowers the binder's expansion of the body (statements, then the result expression).
 */
import { child, kindName, list, SYMBOL_KIND, type KList, type KNode } from '../bridge/syntax.js';
import type { Rel } from '../ir/relational.js';
import { notSupported, type Binding, type LowerContext } from './context.js';
import { lowerScalar } from './scalar.js';
import { lowerStatement, lowerTabular } from './tabular.js';

interface FunctionSymbolView {
  readonly Signatures?: KList<{ readonly Parameters: KList<{ readonly Name: string }> }>;
}

export function parameterNames(call: KNode): string[] {
  const sym = call.ReferencedSymbol as unknown as FunctionSymbolView | null;
  const sig = sym?.Signatures && sym.Signatures.Count > 0 ? sym.Signatures.getItem(0) : undefined;
  if (!sig) return [];
  const out: string[] = [];
  for (let i = 0; i < sig.Parameters.Count; i++) out.push(sig.Parameters.getItem(i).Name);
  return out;
}

/** Binds arguments (and, for invoke, the piped input as the first parameter) by name. */
export function bindCallArguments(call: KNode, cx: LowerContext, pipedInput: Rel | undefined): void {
  const names = parameterNames(call);
  const args = list(child(call, 'ArgumentList'), 'Expressions');
  let p = 0;
  if (pipedInput) {
    if (names.length === 0) throw notSupported('invoke of a function without a tabular parameter', call);
    cx.bind(names[0]!, { kind: 'table', rel: pipedInput });
    p = 1;
  }
  // Arguments are lowered in the caller's scope, before the parameter bindings shadow anything.
  const lowered: Binding[] = args.map((a) => (a.ResultType && a.ResultType.Kind === SYMBOL_KIND.Table
    ? { kind: 'table', rel: lowerTabular(a, cx) }
    : { kind: 'scalar', expr: lowerScalar(a, cx) }));
  lowered.forEach((b, i) => {
    const name = names[p + i];
    if (name) cx.bind(name, b);
  });
}

/** Lowers an expansion (a FunctionBody, or a bare expression) to a scalar or tabular binding. */
export function lowerFunctionBody(body: KNode, cx: LowerContext): Binding {
  let expr: KNode | null = body;
  if (kindName(body) === 'FunctionBody') {
    for (const s of list(body, 'Statements')) lowerStatement(s, cx);
    expr = child(body, 'Expression');
  }
  if (!expr) throw notSupported('function without a result expression', body);
  if (expr.ResultType && expr.ResultType.Kind === SYMBOL_KIND.Table) return { kind: 'table', rel: lowerTabular(expr, cx) };
  return { kind: 'scalar', expr: lowerScalar(expr, cx) };
}
