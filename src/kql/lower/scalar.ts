/**
 * Lowers bound scalar expressions to scalar IR. Operators and functions become `call` nodes keyed
 * by the binder's resolved symbol; user functions are lowered through the binder's expansion with
 * their parameters bound in a new scope.
 */
import { child, columnsOf, kindName, list, requireChild, SYMBOL_KIND, type KNode } from '../bridge/syntax.js';
import { lookupFunction } from '../functions/index.js';
import { refusalReason } from '../functions/refusals.js';
import { call, col, lit, rowFn, star, subquery, type Scalar } from '../ir/scalar.js';
import { LowerError, notSupported, type LowerContext } from './context.js';
import { literalFor } from './literals.js';
import { dynamicLiteralJson } from './dynamic-literal.js';
import { scalarType } from './types.js';
import { bindCallArguments, lowerFunctionBody } from './functions.js';
import { lowerTabular } from './tabular.js';

export const ROW_FUNCTIONS: ReadonlySet<string> = new Set(['row_number', 'prev', 'next', 'row_cumsum', 'row_rank_dense', 'row_rank_min', 'row_window_session']);

export function lowerScalar(node: KNode, cx: LowerContext): Scalar {
  const kind = kindName(node);
  if (kind === 'ParenthesizedExpression') return lowerScalar(requireChild(node, 'Expression'), cx);
  if (kind === 'StarExpression') return star();
  if (kind === 'DynamicExpression') {
    const json = dynamicLiteralJson(node);
    return lit(json, 'dynamic');
  }
  // typeof(T) only appears as a type argument (extractjson, mv-expand to): carried as its name.
  if (kind === 'TypeOfLiteralExpression') return lit(`typeof:${list(node, 'Types').map((t) => t.ToString().trim()).join(',')}`, 'string');
  if (node.IsLiteral) return literalFor(node, scalarType(node.ResultType, node));
  const type = () => scalarType(node.ResultType, node);
  switch (kind) {
    case 'NameReference': return lowerName(node, cx);
    case 'BracketedExpression': return lowerScalar(requireChild(node, 'Expression'), cx);
    case 'PathExpression': return lowerPath(node, cx);
    case 'ElementExpression': {
      const target = lowerScalar(requireChild(node, 'Expression'), cx);
      const selector = lowerScalar(requireChild(node, 'Selector'), cx);
      return call('dyn.get', [target, selector], 'dynamic');
    }
    case 'ToScalarExpression': {
      const inner = requireChild(node, 'Expression');
      if (!inner.ResultType || inner.ResultType.Kind !== SYMBOL_KIND.Table) return lowerScalar(inner, cx);
      return subquery(lowerTabular(inner, cx), type());
    }
    case 'FunctionCallExpression': return lowerCall(node, cx);
    case 'SimpleNamedExpression': return lowerScalar(requireChild(node, 'Expression'), cx);
    default: break;
  }
  const sym = node.ReferencedSymbol;
  if (sym && sym.Kind === 14) return lowerOperator(node, sym.Name, cx);
  throw notSupported(kind.replace(/Expression$/, ' expression'), node);
}

const ARITHMETIC = new Set(['Add', 'Subtract', 'Multiply', 'Divide', 'Modulo', 'UnaryMinus', 'UnaryPlus']);

function lowerOperator(node: KNode, opName: string, cx: LowerContext): Scalar {
  // Operands from an open schema (bag_unpack) leave the binder's type 'unknown': predicates are
  // still bool, arithmetic is carried as dynamic.
  const type = node.ResultType?.Name === 'unknown' ? (ARITHMETIC.has(opName) ? 'dynamic' : 'bool') : scalarType(node.ResultType, node);
  const args: Scalar[] = [];
  const left = child(node, 'Left');
  if (left) {
    args.push(lowerScalar(left, cx));
    const right = requireChild(node, 'Right');
    const rk = kindName(right);
    if (rk === 'ExpressionList') for (const e of list(right, 'Expressions')) args.push(lowerSetElement(e, cx));
    else if (rk === 'ExpressionCouple') args.push(lowerScalar(requireChild(right, 'First'), cx), lowerScalar(requireChild(right, 'Second'), cx));
    else args.push(lowerScalar(right, cx));
  } else {
    args.push(lowerScalar(requireChild(node, 'Expression'), cx));
  }
  const key = `op:${opName}`;
  if (!lookupFunction(key)) throw notSupported(`operator ${opName}`, node);
  return call(key, args, type);
}

/** An element of `in (...)`/`has_any (...)`: a scalar, a dynamic array, or a tabular expression. */
function lowerSetElement(node: KNode, cx: LowerContext): Scalar {
  if (node.ResultType && node.ResultType.Kind === SYMBOL_KIND.Table) {
    return subquery(lowerTabular(node, cx), 'dynamic');
  }
  return lowerScalar(node, cx);
}

function lowerName(node: KNode, cx: LowerContext): Scalar {
  const sym = node.ReferencedSymbol;
  const name = sym?.Name ?? node.SimpleName ?? '';
  if (sym && sym.Kind === SYMBOL_KIND.Column) return col(name, node.ResultType?.Name === 'unknown' ? 'dynamic' : scalarType(node.ResultType, node));
  const b = cx.lookup(name);
  if (b?.kind === 'scalar') return b.expr;
  if (b?.kind === 'table') throw notSupported(`tabular value '${name}' used as a scalar`, node);
  if (sym && sym.Kind === SYMBOL_KIND.Function) return lowerCall(node, cx);
  // A name the binder leaves unresolved without error is a column of an open schema (bag_unpack).
  if (!sym && node.ResultType?.Name === 'unknown') return col(name, 'dynamic');
  throw new LowerError(`not supported: reference to '${name}'`, node);
}

function lowerPath(node: KNode, cx: LowerContext): Scalar {
  const target = requireChild(node, 'Expression');
  const selector = requireChild(node, 'Selector');
  const targetType = target.ResultType;
  if (targetType && targetType.Kind === SYMBOL_KIND.Table) throw notSupported('table.column path', node);
  const step = kindName(target) === 'NameReference' ? cx.scanSteps?.get(target.SimpleName ?? '') : undefined;
  if (step !== undefined) return col(`__step|${step}|${selector.SimpleName ?? selector.ToString().trim()}`, scalarType(node.ResultType, node));
  const base = lowerScalar(target, cx);
  const sk = kindName(selector);
  let key: Scalar;
  if (sk === 'BracketedExpression') key = lowerScalar(requireChild(selector, 'Expression'), cx);
  else key = lit(selector.SimpleName ?? selector.ToString().trim(), 'string');
  if (base.type !== 'dynamic') throw notSupported(`member access on ${base.type}`, node);
  return call('dyn.get', [base, key], 'dynamic');
}

function lowerCall(node: KNode, cx: LowerContext): Scalar {
  const expansion = node.GetExpansion?.() ?? null;
  if (expansion) {
    cx.push();
    try {
      bindCallArguments(node, cx, undefined);
      const body = lowerFunctionBody(expansion, cx);
      if (body.kind !== 'scalar') throw notSupported('tabular function used as a scalar', node);
      return body.expr;
    } finally {
      cx.pop();
    }
  }
  const sym = node.ReferencedSymbol;
  const name = sym?.Name ?? '';
  const argNodes = list(child(node, 'ArgumentList'), 'Expressions');
  if (name === 'pack_all' || name === 'bag_pack_columns') {
    const cols = name === 'pack_all'
      ? (cx.currentInput?.columns ?? []).filter((c) => !c.name.startsWith('__'))
      : argNodes.map((a) => ({ name: a.ReferencedSymbol?.Name ?? a.SimpleName ?? '', type: scalarType(a.ResultType, a) }));
    if (name === 'pack_all' && !cx.currentInput) throw notSupported('pack_all() here', node);
    const ignoreEmpty = name === 'pack_all' && !!argNodes[0] && /^true$/i.test(argNodes[0].LiteralValueInfo?.ValueText ?? argNodes[0].ToString());
    const bag = call('bag_pack', cols.flatMap((c) => [lit(c.name, 'string'), col(c.name, c.type)]), 'dynamic');
    return ignoreEmpty ? call('bag.compact', [bag], 'dynamic') : bag;
  }
  // column_names_of(T) is known statically from the binder's view of T.
  if (name === 'column_names_of' && argNodes[0]) return lit(JSON.stringify(columnsOf(argNodes[0].ResultType).map((c) => c.name)), 'dynamic');
  const args = argNodes.map((a) => lowerScalar(a, cx));
  const rt = node.ResultType;
  // Tuple results (arg_max) are unpacked by summarize; here they have no scalar type.
  const type = rt && rt.Kind === SYMBOL_KIND.Tuple ? 'dynamic' : scalarType(rt, node);
  if (ROW_FUNCTIONS.has(name)) return rowFn(name, args, cx.ordering ?? [], type);
  if (name === 'bin_auto') {
    // bin_auto(x) = bin_at(x, query_bin_auto_size, query_bin_auto_at), the fixed point defaulting to 0.
    const size = cx.lookup('set:query_bin_auto_size');
    const at = cx.lookup('set:query_bin_auto_at');
    if (size?.kind !== 'scalar') throw notSupported('bin_auto() without `set query_bin_auto_size=…`', node);
    return at?.kind === 'scalar' ? call('bin_at', [args[0]!, size.expr, at.expr], type) : call('bin', [args[0]!, size.expr], type);
  }
  if (!lookupFunction(name) && !['arg_max', 'arg_min', 'argmax', 'argmin', 'percentiles', 'percentilesw', 'percentile'].includes(name)) throw notSupported(`function ${name}()${refusalReason(name) ? ` (${refusalReason(name)})` : ''}`, node);
  return call(name, args, type);
}
