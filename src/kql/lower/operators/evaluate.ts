/**
 * evaluate: only bag_unpack(col [, prefix]) is supported. The bag travels as a hidden column;
 * later references to unpacked names read it (see SqlCompiler.env) and the final result gets one
 * dynamic column per key found in the data (the engine discovers them before running).
 */
import { child, list, requireChild } from '../../bridge/syntax.js';
import * as R from '../../ir/relational.js';
import { call, col, type Scalar } from '../../ir/scalar.js';
import type { KNode } from '../../bridge/syntax.js';
import type { LowerContext } from '../context.js';
import { isAggregateCall } from './summarize.js';
import { notSupported } from '../context.js';
import { lowerScalar } from '../scalar.js';
import { HIDDEN_BAG, outputColumns, requireInput, type OperatorLowering } from './shared.js';

export const lowerEvaluate: OperatorLowering = (op, input, cx) => {
  const rel = requireInput(input, op);
  const fn = requireChild(op, 'FunctionCall');
  const name = (fn.ReferencedSymbol?.Name ?? child(fn, 'Name')?.ToString().trim() ?? '').toLowerCase();
  const args = list(child(fn, 'ArgumentList'), 'Expressions');
  if (name === 'pivot') return lowerPivot(rel, args, op, cx);
  if (name !== 'bag_unpack') throw notSupported(`evaluate ${name}`, op);
  const bag = lowerScalar(args[0]!, cx);
  const prefix = args[1] && typeof args[1].LiteralValue === 'string' ? args[1].LiteralValue : '';
  if (args.length > 2) throw notSupported('bag_unpack with a column conflict or ignored-properties argument', op);
  const out = outputColumns(op).filter((c) => rel.columns.some((x) => x.name === c.name));
  const items: { name: string; expr: Scalar }[] = out.map((c) => ({ name: c.name, expr: col(c.name, rel.columns.find((x) => x.name === c.name)!.type) }));
  items.push({ name: `${HIDDEN_BAG}${prefix}`, expr: bag });
  return R.project(rel, items);
};

/**
 * pivot(C [, agg(x) [, g1, g2...]]): aggregate by g…, C; fold each group's C values into a bag
 * {tostring(C): aggregate}; unpack it like bag_unpack (columns found in the data).
 */
function lowerPivot(rel: R.Rel, args: KNode[], op: KNode, cx: LowerContext): R.Rel {
  const pivotCol = lowerScalar(args[0]!, cx);
  const agg = args[1] ? lowerScalar(args[1], cx) : call('count', [], 'long');
  if (agg.k !== 'call' || !isAggregateCall(agg)) throw notSupported('pivot with a non-aggregate', op);
  const groups = args.slice(2).map((a) => lowerScalar(a, cx));
  const groupKeys = groups.map((g, i) => ({ name: g.k === 'col' ? g.name : `group${i}`, expr: g }));
  const inner = R.aggregate({
    input: rel,
    keys: [...groupKeys, { name: '__pivot', expr: pivotCol }],
    aggs: [{ names: ['__value'], fn: agg.fn, args: agg.args, types: [agg.type] }],
    columns: [...groupKeys.map((k) => ({ name: k.name, type: k.expr.type })), { name: '__pivot', type: pivotCol.type }, { name: '__value', type: agg.type }],
  });
  const bag = call('bag_pack', [call('tostring', [col('__pivot', pivotCol.type)], 'string'), col('__value', agg.type)], 'dynamic');
  return R.aggregate({
    input: inner,
    keys: groupKeys.map((k) => ({ name: k.name, expr: col(k.name, k.expr.type) })),
    aggs: [{ names: [`${HIDDEN_BAG}`], fn: 'make_bag', args: [bag], types: ['dynamic'] }],
    columns: [...groupKeys.map((k) => ({ name: k.name, type: k.expr.type })), { name: HIDDEN_BAG, type: 'dynamic' }],
  });
}
