/** Table sources without input: print, range, datatable. */
import { list, requireChild, type KNode } from '../../bridge/syntax.js';
import * as R from '../../ir/relational.js';
import { call, lit, type Scalar } from '../../ir/scalar.js';
import type { LowerContext } from '../context.js';
import { LowerError } from '../context.js';
import { lowerScalar } from '../scalar.js';
import { MULTI_COLUMN, namedItem, outputColumns, type OperatorLowering } from './shared.js';

export const lowerPrint: OperatorLowering = (op, _input, cx) => {
  const out = outputColumns(op);
  let row = list(op, 'Expressions').map((e) => lowerScalar(namedItem(e).expr, cx));
  if (row.length < out.length) row = expandMultiColumn(row, out.length);
  return R.values({ rows: [row], columns: out.map((c, i) => ({ name: c.name, type: row[i]?.type ?? c.type })) });
};


/** print array_sort_asc(a, b): the value (an array of arrays) becomes one column per element. */
function expandMultiColumn(row: readonly Scalar[], want: number): Scalar[] {
  const out: Scalar[] = [];
  for (const [i, e] of row.entries()) {
    const width = want - out.length - (row.length - i - 1);
    if (e.k === 'call' && MULTI_COLUMN.has(e.fn) && width > 1) {
      for (let j = 0; j < width; j++) out.push(call('dyn.get', [e, lit(j, 'long')], 'dynamic'));
    } else out.push(e);
  }
  if (out.length !== want) throw new LowerError(`not supported: print of a function with several output columns`);
  return out;
}

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
