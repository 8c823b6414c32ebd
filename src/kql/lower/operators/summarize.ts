/**
 * summarize: group keys (by) and aggregates. Aggregates nested in expressions (dcount(a) * 2) are
 * computed first under temporary names and combined by a projection on top. arg_max/arg_min
 * (incl. `*`) are tuple aggregates producing several columns from the same row.
 */
import { child, list, type KNode } from '../../bridge/syntax.js';
import { lookupFunction } from '../../functions/index.js';
import * as R from '../../ir/relational.js';
import type { AggItem, NamedExpr } from '../../ir/relational.js';
import { call, col, type Scalar } from '../../ir/scalar.js';
import type { IrColumn } from '../../ir/types.js';
import { notSupported } from '../context.js';
import { lowerScalar } from '../scalar.js';
import { namedItem, outputColumns, requireInput, type OperatorLowering } from './shared.js';

const TUPLE_AGGS: Record<string, string> = { arg_max: 'arg_max', argmax: 'arg_max', arg_min: 'arg_min', argmin: 'arg_min' };

export function isAggregateCall(e: Scalar): boolean {
  return e.k === 'call' && (lookupFunction(e.fn)?.kind === 'aggregate' || e.fn in TUPLE_AGGS || e.fn === 'percentiles' || e.fn === 'percentilesw');
}

export const lowerSummarize: OperatorLowering = (op, input, cx) => {
  const rel = requireInput(input, op);
  const out = outputColumns(op);
  const byNodes = list(child(op, 'ByClause'), 'Expressions');
  const aggNodes = list(op, 'Aggregates');
  const keys: NamedExpr[] = byNodes.map((n, i) => ({ name: out[i]!.name, expr: lowerScalar(namedItem(n).expr, cx) }));
  const rest = out.slice(keys.length);
  const aggs: AggItem[] = [];
  const finals: { name: string; expr: Scalar }[] = [];
  let tmp = 0;
  let pos = 0;
  const starCount = rest.length - aggNodes.reduce((n, a) => n + fixedWidth(a, cx), 0);
  const starItems = aggNodes.filter((a) => isStarTuple(a)).length;
  for (const node of aggNodes) {
    const { expr: exprNode } = namedItem(node);
    const e = lowerScalar(exprNode, cx);
    if (e.k === 'call' && e.fn in TUPLE_AGGS) {
      const hasStar = e.args.some((a) => a.k === 'star');
      // Several `*` items each take their own by-column plus the non-key input columns.
      const width = hasStar ? (starItems > 1 ? starWidth(e.args[0]!, rel, keys) : starCount) : e.args.length;
      const cols = rest.slice(pos, pos + width);
      pos += width;
      aggs.push(tupleAgg(TUPLE_AGGS[e.fn]!, e.args, cols, rel, keys, node));
      for (const c of cols) finals.push({ name: c.name, expr: col(c.name, c.type) });
      continue;
    }
    if (e.k === 'call' && (e.fn === 'percentiles' || e.fn === 'percentilesw')) {
      // percentilesw(x, weight, p…): one weighted percentile (percentilew) per column.
      const first = e.fn === 'percentilesw' ? 2 : 1;
      const cols = rest.slice(pos, pos + e.args.length - first);
      pos += cols.length;
      cols.forEach((c, i) => {
        const args = first === 2 ? [e.args[0]!, e.args[1]!, e.args[i + 2]!] : [e.args[0]!, e.args[i + 1]!];
        aggs.push({ names: [c.name], fn: first === 2 ? 'percentilew' : 'percentile', args, types: [c.type] });
        finals.push({ name: c.name, expr: col(c.name, c.type) });
      });
      continue;
    }
    const target = rest[pos++];
    if (!target) throw notSupported('summarize output shape', node);
    if (isAggregateCall(e)) {
      const c = e as Extract<Scalar, { k: 'call' }>;
      aggs.push({ names: [target.name], fn: c.fn, args: c.args, types: [target.type] });
      finals.push({ name: target.name, expr: col(target.name, target.type) });
    } else {
      finals.push({ name: target.name, expr: extractAggregates(e, aggs, () => `__agg${++tmp}`) });
    }
  }
  const columns: IrColumn[] = [...keys.map((k, i) => ({ name: out[i]!.name, type: k.expr.type })), ...aggs.flatMap((a) => a.names.map((n, i) => ({ name: n, type: a.types[i]! })))];
  const agg = R.aggregate({ input: rel, keys, aggs, columns });
  const needsProjection = finals.some((f) => f.expr.k !== 'col' || f.expr.name !== f.name) || columns.length !== out.length;
  if (!needsProjection) return agg;
  return R.project(agg, [...keys.map((k) => ({ name: k.name, expr: col(k.name, k.expr.type) })), ...finals]);
};

function isStarTuple(node: KNode): boolean {
  const { expr } = namedItem(node);
  const name = expr.ReferencedSymbol?.Name ?? '';
  return name in TUPLE_AGGS && list(child(expr, 'ArgumentList'), 'Expressions').some((a) => a.ToString().trim() === '*');
}

/** Columns of arg_max(by, *): the by-expression, then the input columns that are neither keys nor `by`. */
function starWidth(by: Scalar, rel: R.Rel, keys: readonly NamedExpr[]): number {
  const keyNames = new Set(keys.map((k) => (k.expr.k === 'col' ? k.expr.name : k.name)));
  return 1 + rel.columns.filter((c) => !keyNames.has(c.name) && !(by.k === 'col' && by.name === c.name)).length;
}

/** How many output columns an aggregate item has when it does not use `*`. */
function fixedWidth(node: KNode, cx: Parameters<OperatorLowering>[2]): number {
  const { expr } = namedItem(node);
  const name = expr.ReferencedSymbol?.Name ?? '';
  if (name in TUPLE_AGGS) {
    const args = list(child(expr, 'ArgumentList'), 'Expressions');
    return args.some((a) => a.ToString().trim() === '*') ? 0 : args.length;
  }
  if (name === 'percentiles') return list(child(expr, 'ArgumentList'), 'Expressions').length - 1;
  if (name === 'percentilesw') return list(child(expr, 'ArgumentList'), 'Expressions').length - 2;
  void cx;
  return 1;
}

function tupleAgg(fn: string, args: readonly Scalar[], cols: readonly IrColumn[], rel: R.Rel, keys: readonly NamedExpr[], node: KNode): AggItem {
  const by = args[0]!;
  const values: Scalar[] = [];
  const explicit = args.slice(1);
  if (explicit.some((a) => a.k === 'star')) {
    // `*`: the by-expression's own column first, then every input column not used as a key.
    values.push(by);
    const keyNames = new Set(keys.map((k) => (k.expr.k === 'col' ? k.expr.name : k.name)));
    const candidates = rel.columns.filter((c) => !keyNames.has(c.name) && !(by.k === 'col' && by.name === c.name));
    for (const c of candidates) values.push(col(c.name, c.type));
  } else {
    values.push(by, ...explicit);
  }
  if (values.length !== cols.length) throw notSupported(`${fn} output shape (${values.length} values for ${cols.length} columns)`, node);
  return { names: cols.map((c) => c.name), fn, args: [by, ...values], types: cols.map((c) => c.type) };
}

export function extractAggregates(e: Scalar, aggs: AggItem[], fresh: () => string): Scalar {
  if (isAggregateCall(e)) {
    const c = e as Extract<Scalar, { k: 'call' }>;
    const name = fresh();
    aggs.push({ names: [name], fn: c.fn, args: c.args, types: [c.type] });
    return col(name, c.type);
  }
  if (e.k === 'call') return call(e.fn, e.args.map((a) => extractAggregates(a, aggs, fresh)), e.type);
  return e;
}
