/** Table sources without input: print, range, datatable. */
import { list, requireChild, type KNode } from '../../bridge/syntax.js';
import * as R from '../../ir/relational.js';
import type { Scalar } from '../../ir/scalar.js';
import type { LowerContext } from '../context.js';
import { LowerError } from '../context.js';
import { lowerScalar } from '../scalar.js';
import { namedItem, outputColumns, type OperatorLowering } from './shared.js';

export const lowerPrint: OperatorLowering = (op, _input, cx) => {
  const out = outputColumns(op);
  const row = list(op, 'Expressions').map((e) => lowerScalar(namedItem(e).expr, cx));
  return R.values({ rows: [row], columns: out.map((c, i) => ({ name: c.name, type: row[i]?.type ?? c.type })) });
};

export const lowerRange: OperatorLowering = (op, _input, cx) => {
  const out = outputColumns(op);
  return R.range({
    from: lowerScalar(requireChild(op, 'From'), cx),
    to: lowerScalar(requireChild(op, 'To'), cx),
    step: lowerScalar(requireChild(op, 'Step'), cx),
    columns: out,
  });
};

export function lowerDataTable(node: KNode, cx: LowerContext): R.Rel {
  const out = outputColumns(node);
  const cells = list(node, 'Values').map((v) => lowerScalar(v, cx));
  if (out.length === 0 || cells.length % out.length !== 0) throw new LowerError('datatable: the number of values is not a multiple of the column count', node, 'KQL-BIND');
  const rows: Scalar[][] = [];
  for (let i = 0; i < cells.length; i += out.length) rows.push(cells.slice(i, i + out.length));
  return R.values({ rows, columns: out });
}
