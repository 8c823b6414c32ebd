/** where / filter: keeps rows whose predicate is true (null counts as false). */
import { requireChild } from '../../bridge/syntax.js';
import * as R from '../../ir/relational.js';
import { lowerScalar } from '../scalar.js';
import { col, type Scalar } from '../../ir/scalar.js';
import { requireInput, selectColumns, type OperatorLowering } from './shared.js';

export const lowerWhere: OperatorLowering = (op, input, cx) => {
  const rel = requireInput(input, op);
  const predicate = lowerScalar(requireChild(op, 'Condition'), cx);
  if (!containsRowFunction(predicate)) return R.filter(rel, predicate);
  // SQL forbids window functions in WHERE: compute the predicate as a column first.
  const flag = '__where';
  const withFlag = R.project(rel, [...rel.columns.map((c) => ({ name: c.name, expr: col(c.name, c.type) })), { name: flag, expr: predicate }]);
  return selectColumns(R.filter(withFlag, col(flag, 'bool')), rel.columns);
};

function containsRowFunction(e: Scalar): boolean {
  if (e.k === 'row') return true;
  return e.k === 'call' && e.args.some(containsRowFunction);
}
