/** project: exactly the listed columns/expressions, named as the binder names them. */
import { list } from '../../bridge/syntax.js';
import * as R from '../../ir/relational.js';
import { notSupported } from '../context.js';
import { lowerScalar } from '../scalar.js';
import { namedItem, outputColumns, requireInput, type OperatorLowering } from './shared.js';

export const lowerProject: OperatorLowering = (op, input, cx) => {
  const rel = requireInput(input, op);
  const out = outputColumns(op);
  const items = list(op, 'Expressions').map(namedItem);
  cx.currentInput = rel;
  if (items.length !== out.length) throw notSupported('project with wildcard or tuple items', op);
  return R.project(rel, items.map((item, i) => ({ name: out[i]!.name, expr: lowerScalar(item.expr, cx) })));
};
