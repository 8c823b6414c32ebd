/**
 * Lowers statements and tabular expressions: let bindings, table references, pipes (dispatching
 * each query operator to its own file in operators/), and function calls returning tables.
 */
import { child, kindName, list, requireChild, SYMBOL_KIND, type KNode } from '../bridge/syntax.js';
import { findTable } from '../../schema/index.js';
import * as R from '../ir/relational.js';
import type { Rel } from '../ir/relational.js';
import { subquery, type Scalar } from '../ir/scalar.js';
import { LowerError, notSupported, type LowerContext } from './context.js';
import { bindCallArguments, lowerFunctionBody } from './functions.js';
import { OPERATORS, SOURCES } from './operators/index.js';
import { declarePattern, lowerPatternInvocation } from './patterns.js';
import { lowerScalar } from './scalar.js';
import { tableColumns } from './types.js';

const NONDETERMINISTIC = new Set(['rand', 'new_guid']);

function callsNondeterministic(e: Scalar): boolean {
  return e.k === 'call' && (NONDETERMINISTIC.has(e.fn) || e.args.some(callsNondeterministic));
}

/**
 * A scalar `let` is one value for the whole query (`let pick = rand(10)` is drawn once). Uses of
 * a let inline its expression, which is the same thing for deterministic expressions; one that
 * draws random values becomes a one-row subquery, computed once.
 */
function evaluatedOnce(e: Scalar): Scalar {
  if (!callsNondeterministic(e)) return e;
  return subquery(R.values({ rows: [[e]], columns: [{ name: 'value', type: e.type }] }), e.type);
}

export function lowerStatement(stmt: KNode, cx: LowerContext): Rel | undefined {
  const kind = kindName(stmt);
  if (kind === 'LetStatement') {
    const name = requireChild(stmt, 'Name').SimpleName ?? '';
    const expr = requireChild(stmt, 'Expression');
    const ek = kindName(expr);
    if (ek === 'FunctionDeclaration') return undefined; // calls are lowered from the binder's expansions
    if (expr.ResultType && expr.ResultType.Kind === SYMBOL_KIND.Table) {
      const rel = lowerTabular(expr, cx);
      cx.bind(name, { kind: 'table', rel });
    } else {
      cx.bind(name, { kind: 'scalar', expr: evaluatedOnce(lowerScalar(expr, cx)) });
    }
    return undefined;
  }
  if (kind === 'ExpressionStatement') {
    const expr = requireChild(stmt, 'Expression');
    return lowerTabular(expr, cx);
  }
  if (kind === 'PatternStatement') { declarePattern(stmt, cx); return undefined; }
  if (kind === 'QueryParametersStatement') { bindQueryParameterDefaults(stmt, cx); return undefined; }
  if (kind === 'SetOptionStatement') { recordSetOption(stmt, cx); return undefined; }
  throw notSupported(kind.replace(/Statement$/, ' statement'), stmt);
}

/**
 * `set query_bin_auto_size = …` / `set query_bin_auto_at = …`: kept (as `set:<name>` bindings, not
 * a valid identifier) for bin_auto(). Other options do not change results and are ignored.
 */
function recordSetOption(stmt: KNode, cx: LowerContext): void {
  const name = child(stmt, 'Name')?.ToString().trim() ?? '';
  if (name !== 'query_bin_auto_size' && name !== 'query_bin_auto_at') return;
  const valueClause = child(stmt, 'ValueClause');
  let value: KNode | null = null;
  if (valueClause) for (let i = 0; i < valueClause.ChildCount; i++) { const c = valueClause.GetChild(i); if (c && !c.IsToken) value = c; }
  if (value) cx.bind(`set:${name}`, { kind: 'scalar', expr: lowerScalar(value, cx) });
}

/**
 * `declare query_parameters(n:long = 5, …)`: the engine takes no parameter values from the caller,
 * so each parameter is its declared default; a parameter without one stays unbound (a reference to
 * it is refused).
 */
function bindQueryParameterDefaults(stmt: KNode, cx: LowerContext): void {
  const walk = (n: KNode): void => {
    for (let i = 0; i < n.ChildCount; i++) {
      const c = n.GetChild(i);
      if (!c || c.IsToken) continue;
      if (kindName(c) !== 'FunctionParameter') { walk(c); continue; }
      const kids: KNode[] = [];
      for (let j = 0; j < c.ChildCount; j++) { const k = c.GetChild(j); if (k && !k.IsToken) kids.push(k); }
      const decl = kids.find((k) => kindName(k) === 'NameAndTypeDeclaration');
      const name = decl ? child(decl, 'Name')?.SimpleName : undefined;
      const dflt = kids.find((k) => kindName(k) === 'DefaultValueDeclaration');
      let value: KNode | null = null;
      if (dflt) for (let j = 0; j < dflt.ChildCount; j++) { const v = dflt.GetChild(j); if (v && !v.IsToken) value = v; }
      if (name && value) cx.bind(name, { kind: 'scalar', expr: lowerScalar(value, cx) });
    }
  };
  walk(stmt);
}

/** Lowers the whole query block; the first expression statement is the result. */
export function lowerQuery(root: KNode, cx: LowerContext): Rel {
  let result: Rel | undefined;
  for (const stmt of list(root, 'Statements')) {
    const r = lowerStatement(stmt, cx);
    if (r && !result) result = r;
  }
  if (!result) throw new LowerError('the query has no tabular expression to run', root, 'KQL-EMPTY');
  return result;
}

export function lowerTabular(node: KNode, cx: LowerContext): Rel {
  const kind = kindName(node);
  switch (kind) {
    case 'ParenthesizedExpression': return lowerTabular(requireChild(node, 'Expression'), cx);
    case 'PipeExpression': {
      const input = lowerTabular(requireChild(node, 'Expression'), cx);
      const op = requireChild(node, 'Operator');
      return applyOperator(op, input, cx);
    }
    case 'NameReference': return lowerTableName(node, cx);
    case 'FunctionCallExpression': return lowerPatternInvocation(node, cx) ?? lowerTableCall(node, cx, undefined);
    case 'PathExpression': {
      const p = lowerPatternInvocation(node, cx);
      if (p) return p;
      break;
    }
    case 'MaterializeExpression': {
      const input = lowerTabular(requireChild(node, 'Expression'), cx);
      return R.shared({ id: cx.nextSharedId(), input, columns: input.columns });
    }
    default: break;
  }
  const source = SOURCES[kind];
  if (source) return source(node, cx);
  // A query operator at the start of an expression (`union A, B`, `print 1`).
  const op = OPERATORS[kind];
  if (op) {
    const implicit = cx.implicitInput;
    cx.implicitInput = undefined;
    return op(node, implicit, cx);
  }
  throw notSupported(`${kind.replace(/(Expression|Operator)$/, '')}${WHY_NOT[kind] ?? ''}`, node);
}

function applyOperator(op: KNode, input: Rel, cx: LowerContext): Rel {
  const kind = kindName(op);
  const handler = OPERATORS[kind];
  if (!handler) throw notSupported(`operator ${operatorLabel(op)}${WHY_NOT[kind] ?? ''}`, op);
  return handler(op, input, cx);
}

/** Why some operators are refused (appended to the not-supported message). */
const WHY_NOT: Record<string, string> = {
  ForkOperator: ' (it returns several result tables; the engine returns one)',
  FacetOperator: ' (it returns several result tables; the engine returns one)',
  ReduceByOperator: " (Kusto's pattern clustering algorithm is not documented)",
  MakeGraphOperator: ' (graph semantics are not implemented)',
  FindOperator: ' (not implemented)',
};

function operatorLabel(op: KNode): string {
  const first = op.GetChild(0);
  return first && first.IsToken ? first.Text : kindName(op);
}

function lowerTableName(node: KNode, cx: LowerContext): Rel {
  const sym = node.ReferencedSymbol;
  const name = sym?.Name ?? node.SimpleName ?? '';
  const bound = cx.lookup(name);
  if (bound?.kind === 'table') return bound.rel;
  if ((sym && sym.Kind === SYMBOL_KIND.Function) || node.GetExpansion?.()) return lowerTableCall(node, cx, undefined);
  const table = findTable(name);
  if (table && sym && sym.Kind === SYMBOL_KIND.Table) {
    return R.scan({ table: table.name, columns: tableColumns(node.ResultType, node) });
  }
  throw notSupported(`table '${name}'`, node);
}

/** A call returning a table: a user function (through its expansion) or invoke's target. */
export function lowerTableCall(node: KNode, cx: LowerContext, pipedInput: Rel | undefined): Rel {
  const expansion = node.GetExpansion?.() ?? null;
  if (!expansion) throw notSupported(`function ${node.ReferencedSymbol?.Name ?? node.ToString().trim()}()`, node);
  cx.push();
  const savedOrdering = cx.ordering;
  try {
    bindCallArguments(node, cx, pipedInput);
    const body = lowerFunctionBody(expansion, cx);
    if (body.kind !== 'table') throw notSupported('scalar function used as a table', node);
    return body.rel;
  } finally {
    cx.pop();
    cx.ordering = savedOrdering;
  }
}

export { child };
