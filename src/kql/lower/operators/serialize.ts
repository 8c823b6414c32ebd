/** serialize: marks the row order as fixed (row functions may follow) and extends like `extend`. */
import { list } from '../../bridge/syntax.js';
import { extendWith, namedItem, outputColumns, requireInput, type OperatorLowering } from './shared.js';

export const lowerSerialize: OperatorLowering = (op, input, cx) => {
  const rel = requireInput(input, op);
  const items = list(op, 'Expressions').map(namedItem);
  if (items.length === 0) return rel;
  const out = outputColumns(op);
  const generated = out.map((c) => c.name).filter((n) => !rel.columns.some((c) => c.name === n));
  return extendWith(rel, items.map((i) => ({ name: i.name ?? generated.shift() ?? 'Column1', node: i.expr })), out, cx);
};
