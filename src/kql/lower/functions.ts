/**
 * User-defined (let) functions: binds call arguments to parameter names in the current scope and
 * lowers the binder's expansion of the body (statements, then the result expression).
 */
import { child, kindName, list, SYMBOL_KIND, type KList, type KNode } from '../bridge/syntax.js';
import type { Rel } from '../ir/relational.js';
import { kqlTypeFromName } from '../ir/types.js';
import { notSupported, type Binding, type LowerContext } from './context.js';
import { literalFor } from './literals.js';
import { lowerScalar } from './scalar.js';
import { lowerStatement, lowerTabular } from './tabular.js';

interface FunctionSymbolView {
  readonly Signatures?: KList<{ readonly Parameters: KList<{ readonly Name: string; readonly DefaultValue?: KNode | null; readonly DeclaredTypes?: KList<{ readonly Name: string }> | null }> }>;
}

/** Declared default values of the called function's parameters (name → default expression). */
function parameterDefaults(call: KNode): Map<string, { node: KNode; type: string }> {
  const sym = call.ReferencedSymbol as unknown as FunctionSymbolView | null;
  const sig = sym?.Signatures && sym.Signatures.Count > 0 ? sym.Signatures.getItem(0) : undefined;
  const out = new Map<string, { node: KNode; type: string }>();
  if (!sig) return out;
  for (let i = 0; i < sig.Parameters.Count; i++) {
    const p = sig.Parameters.getItem(i);
    const types = p.DeclaredTypes;
    if (p.DefaultValue) out.set(p.Name, { node: p.DefaultValue, type: types && types.Count > 0 ? types.getItem(0).Name : '' });
  }
  return out;
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
  // `name = value` arguments bind by name; parameters left out take their declared defaults.
  // Positional arguments take the parameters, in order, that no `name = value` argument names.
  const bound = new Map<string, Binding>();
  const nameOf = (a: KNode) => (kindName(a) === 'SimpleNamedExpression' ? child(a, 'Name')?.SimpleName ?? undefined : undefined);
  const namedParams = new Set(args.map(nameOf).filter((n): n is string => !!n));
  for (const a of args) {
    const named = nameOf(a);
    const e = named ? child(a, 'Expression')! : a;
    const b: Binding = e.ResultType && e.ResultType.Kind === SYMBOL_KIND.Table ? { kind: 'table', rel: lowerTabular(e, cx) } : { kind: 'scalar', expr: lowerScalar(e, cx) };
    if (!named) while (p < names.length && namedParams.has(names[p]!)) p++;
    const name = named ?? names[p++];
    if (name) bound.set(name, b);
  }
  for (const [name, d] of parameterDefaults(call)) {
    if (bound.has(name) || (pipedInput && name === names[0])) continue;
    const t = kqlTypeFromName(d.type);
    const expr = d.node.IsLiteral && !d.node.ResultType && t ? literalFor(d.node, t) : lowerScalar(d.node, cx);
    bound.set(name, { kind: 'scalar', expr });
  }
  for (const [name, b] of bound) cx.bind(name, b);
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
