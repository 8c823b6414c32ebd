/** distinct (columns or *) and count: both are aggregations. */
import * as R from '../../ir/relational.js';
import { kindName, list } from '../../bridge/syntax.js';
import { col, type Scalar } from '../../ir/scalar.js';
import { lowerScalar } from '../scalar.js';
import { namedItem, outputColumns, requireInput, type OperatorLowering } from './shared.js';

export const lowerDistinct: OperatorLowering = (op, input, cx) => {
  const rel = requireInput(input, op);
  const out = outputColumns(op);
  const items = list(op, 'Expressions').map(namedItem);
  const star = items.length === 1 && kindName(items[0]!.expr) === 'StarExpression';
  const keys = star || items.length !== out.length
    ? out.map((c) => ({ name: c.name, expr: col(c.name, rel.columns.find((x) => x.name === c.name)?.type ?? c.type) as Scalar }))
    : items.map((it, i) => ({ name: out[i]!.name, expr: lowerScalar(it.expr, cx) }));
  return R.aggregate({ input: rel, keys, aggs: [], columns: out.map((c, i) => ({ name: c.name, type: keys[i]?.expr.type ?? c.type })) });
};

export const lowerCount: OperatorLowering = (op, input) => {
  const out = outputColumns(op);
  const name = out[0]?.name ?? 'Count';
  return R.aggregate({ input: requireInput(input, op), keys: [], aggs: [{ names: [name], fn: 'count', args: [], types: ['long'] }], columns: [{ name, type: 'long' }] });
};
