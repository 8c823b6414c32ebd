/**
 * sample N: N rows chosen uniformly at random (all rows when there are fewer); sample-distinct N
 * of Col: up to N distinct values of Col chosen at random. Both are non-deterministic, as in Kusto;
 * the output order is not defined.
 */
import { child, kindName, requireChild, type KNode } from '../../bridge/syntax.js';
import * as R from '../../ir/relational.js';
import { call, sortKey } from '../../ir/scalar.js';
import { notSupported } from '../context.js';
import { lowerScalar } from '../scalar.js';
import { outputColumns, requireInput, type OperatorLowering } from './shared.js';

export const lowerSample: OperatorLowering = (op, input, cx) => {
  const rel = requireInput(input, op);
  const n = lowerScalar(requireChild(op, 'Expression'), cx);
  cx.ordering = null;
  return R.take(R.sort(rel, [sortKey(call('rand', [], 'real'), false, false)]), n);
};

/** The last non-token, non-list child: sample-distinct's `of` expression. */
function lastExpression(op: KNode): KNode | null {
  for (let i = op.ChildCount - 1; i >= 0; i--) {
    const c = op.GetChild(i);
    if (c && !c.IsToken && kindName(c) !== 'List' && c !== child(op, 'Expression')) return c;
  }
  return null;
}

export const lowerSampleDistinct: OperatorLowering = (op, input, cx) => {
  const rel = requireInput(input, op);
  const n = lowerScalar(requireChild(op, 'Expression'), cx);
  const of = child(op, 'OfExpression') ?? lastExpression(op);
  if (!of) throw notSupported('sample-distinct without an of column', op);
  const value = lowerScalar(of, cx);
  const out = outputColumns(op);
  if (out.length !== 1) throw notSupported('sample-distinct output shape', op);
  const name = out[0]!.name;
  const distinct = R.aggregate({ input: rel, keys: [{ name, expr: value }], aggs: [], columns: [{ name, type: value.type }] });
  cx.ordering = null;
  return R.take(R.sort(distinct, [sortKey(call('rand', [], 'real'), false, false)]), n);
};
