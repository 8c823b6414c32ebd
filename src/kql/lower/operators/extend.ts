/** extend: adds or replaces columns; unnamed expressions get the binder's generated names. */
import { list } from '../../bridge/syntax.js';
import type { KNode } from '../../bridge/syntax.js';
import { notSupported } from '../context.js';
import { extendWith, namedItem, outputColumns, requireInput, type OperatorLowering } from './shared.js';

export const lowerExtend: OperatorLowering = (op, input, cx) => {
  const rel = requireInput(input, op);
  const out = outputColumns(op);
  const items = list(op, 'Expressions').map(namedItem);
  if (items.some((i) => i.tuple)) throw notSupported('tuple assignment (a, b) = ... in extend', op);
  const explicit = new Set(items.map((i) => i.name).filter((n): n is string => !!n));
  const generated = out.map((c) => c.name).filter((n) => !rel.columns.some((c) => c.name === n) && !explicit.has(n));
  const assignments: { name: string; node: KNode }[] = items.map((i) => ({ name: i.name ?? generated.shift() ?? 'Column1', node: i.expr }));
  // Names left over belong to a multi-array array_sort_*: `x = array_sort_asc(a, b)` gives x (a
  // sorted) and b_sorted (b in that order).
  return extendWith(rel, assignments, out, cx, generated);
};
