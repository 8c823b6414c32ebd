/**
 * Pattern statements (`declare pattern p = (a:string, …)[path:string] { (v1, …).[pv] = { body }; … }`)
 * and their invocations `p(v1, …)` / `p(v1, …).pv` / `p(v1, …).["pv"]`. An invocation picks the
 * match whose argument values (and path value) equal the call's constant arguments and lowers that
 * body with the parameters bound to the arguments. A call with no matching entry is an error, as
 * in Kusto; wildcard (`*`) entries or paths and non-literal arguments are refused.
 */
import { child, kindName, list, type KNode } from '../bridge/syntax.js';
import type { Rel } from '../ir/relational.js';
import { LowerError, notSupported, type LowerContext } from './context.js';
import { lowerFunctionBody } from './functions.js';
import { lowerScalar } from './scalar.js';

interface PatternMatch { readonly args: readonly string[]; readonly path: string | undefined; readonly body: KNode }
interface PatternDef { readonly name: string; readonly params: readonly string[]; readonly hasPath: boolean; readonly matches: readonly PatternMatch[] }

const patterns = new WeakMap<LowerContext, Map<string, PatternDef>>();

function children(n: KNode): KNode[] {
  const out: KNode[] = [];
  for (let i = 0; i < n.ChildCount; i++) { const c = n.GetChild(i); if (c && !c.IsToken) out.push(c); }
  return out;
}

/** Nodes of a kind under n, not descending into function bodies or into matches themselves. */
function find(n: KNode, kind: string, out: KNode[] = []): KNode[] {
  for (const c of children(n)) {
    const k = kindName(c);
    if (k === kind) out.push(c);
    else if (k !== 'FunctionBody') find(c, kind, out);
  }
  return out;
}

function literalKey(n: KNode): string {
  const k = kindName(n);
  if (k === 'StarExpression' || n.ToString().trim() === '*') throw notSupported('pattern wildcard (*) entries', n);
  if (!n.IsLiteral) throw notSupported('pattern value that is not a literal', n);
  return `${n.ResultType?.Name ?? ''}:${String(n.LiteralValue)}`;
}

export function declarePattern(stmt: KNode, cx: LowerContext): void {
  const name = child(stmt, 'Name')?.SimpleName ?? '';
  const decl = find(stmt, 'PatternDeclaration')[0];
  if (!name || !decl) throw notSupported('pattern statement without a declaration', stmt);
  const pathParam = find(decl, 'PatternPathParameter')[0];
  const params: string[] = [];
  for (const c of children(decl)) {
    if (kindName(c) === 'PatternPathParameter' || kindName(c) !== 'List') continue;
    for (const d of find(c, 'NameAndTypeDeclaration')) params.push(child(d, 'Name')?.SimpleName ?? '');
  }
  const matches: PatternMatch[] = find(decl, 'PatternMatch').map((m) => {
    const values = find(m, 'ExpressionList')[0];
    const args = values ? list(values, 'Expressions').map(literalKey) : [];
    const pv = find(m, 'PatternPathValue')[0];
    const pathNode = pv ? children(pv)[0] : undefined;
    const body = find(m, 'FunctionBody')[0] ?? children(m).find((c) => kindName(c) === 'FunctionBody');
    if (!body) throw notSupported('pattern entry without a body', m);
    return { args, path: pathNode ? literalKey(pathNode) : undefined, body };
  });
  let map = patterns.get(cx);
  if (!map) { map = new Map(); patterns.set(cx, map); }
  map.set(name, { name, params, hasPath: pathParam !== undefined, matches });
}

/** The pattern a call refers to, if any. */
function patternOf(call: KNode, cx: LowerContext): PatternDef | undefined {
  if (kindName(call) !== 'FunctionCallExpression') return undefined;
  const name = child(call, 'Name')?.SimpleName ?? '';
  return patterns.get(cx)?.get(name);
}

/** Lowers `p(args)` or `p(args).path` when p is a declared pattern; undefined otherwise. */
export function lowerPatternInvocation(node: KNode, cx: LowerContext): Rel | undefined {
  const k = kindName(node);
  const call = k === 'PathExpression' ? child(node, 'Expression') : node;
  if (!call) return undefined;
  const def = patternOf(call, cx);
  if (!def) return undefined;
  const argNodes = list(child(call, 'ArgumentList'), 'Expressions');
  const args = argNodes.map(literalKey);
  let path: string | undefined;
  if (k === 'PathExpression') {
    const sel = child(node, 'Selector')!;
    const bracket = find(sel, 'StringLiteralExpression')[0];
    path = bracket ? literalKey(bracket) : `string:${sel.SimpleName ?? sel.ToString().trim()}`;
  }
  if (def.hasPath && path === undefined) throw notSupported(`pattern ${def.name} invoked without a path (union of all entries)`, node);
  const m = def.matches.find((x) => x.args.length === args.length && x.args.every((a, i) => a === args[i]) && x.path === path);
  if (!m) throw new LowerError(`pattern '${def.name}' has no entry for ${node.ToString().trim()}`, node, 'KQL-BIND');
  cx.push();
  const savedOrdering = cx.ordering;
  try {
    argNodes.forEach((a, i) => { if (def.params[i]) cx.bind(def.params[i]!, { kind: 'scalar', expr: lowerScalar(a, cx) }); });
    const body = lowerFunctionBody(m.body, cx);
    if (body.kind !== 'table') throw notSupported('pattern entry with a scalar body', m.body);
    return body.rel;
  } finally {
    cx.pop();
    cx.ordering = savedOrdering;
  }
}
