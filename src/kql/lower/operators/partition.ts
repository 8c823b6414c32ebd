/**
 * partition by K (subquery): supported when the subquery is a single `top N by e` or `take N`,
 * which is "the first N rows per K" — a window rank filter, or `[sort by …] | scan …` (a scan
 * restarted per key). Other subqueries are refused.
 */
import { child, kindName, list, requireChild } from '../../bridge/syntax.js';
import * as R from '../../ir/relational.js';
import { call, col, rowFn, type Scalar, type SortKey } from '../../ir/scalar.js';
import { notSupported } from '../context.js';
import { lowerScalar } from '../scalar.js';
import { requireInput, selectColumns, type OperatorLowering } from './shared.js';
import { lowerSortKey } from './sort.js';
import { lowerScanWith } from './scan.js';

export const lowerPartition: OperatorLowering = (op, input, cx) => {
  const rel = requireInput(input, op);
  const key = lowerScalar(requireChild(op, 'ByExpression'), cx);
  const operand = child(op, 'Operand');
  const sub = operand && kindName(operand) === 'PartitionSubquery' ? child(operand, 'Subquery') : null;
  const sk = sub ? kindName(sub) : '';
  // `[sort by …] | scan …` per partition: the scan restarts its state for each key.
  const scanOp = sk === 'ScanOperator' ? sub : sk === 'PipeExpression' && kindName(requireChild(sub!, 'Operator')) === 'ScanOperator' ? requireChild(sub!, 'Operator') : null;
  const before = scanOp && scanOp !== sub ? requireChild(sub!, 'Expression') : null;
  if (scanOp && (!before || kindName(before) === 'SortOperator')) {
    const order = before ? list(before, 'Expressions').map((e) => lowerSortKey(e, cx)) : undefined;
    const out = lowerScanWith(scanOp, rel, cx, [key], order);
    cx.ordering = null;
    return out;
  }
  if (!sub || (sk !== 'TopOperator' && sk !== 'TakeOperator')) throw notSupported('partition with a subquery other than top/take', op);
  const count = lowerScalar(requireChild(sub, 'Expression'), cx);
  const order: SortKey[] = sk === 'TopOperator' ? [lowerSortKey(requireChild(sub, 'ByExpression'), cx)] : [];
  const rank = rowFn('row_number', [], order, 'long', key);
  const ranked = R.project(rel, [...rel.columns.map((c) => ({ name: c.name, expr: col(c.name, c.type) as Scalar })), { name: '__rank', expr: rank }]);
  const kept = R.filter(ranked, call('op:LessThanOrEqual', [col('__rank', 'long'), count], 'bool'));
  cx.ordering = null;
  return selectColumns(kept, rel.columns);
};
