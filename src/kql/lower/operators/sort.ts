/**
 * sort/order by and top: default descending; nulls last when descending and first when
 * ascending, unless `nulls first|last` says otherwise. Sets the row order for row functions.
 */
import { child, childText, kindName, list, requireChild, type KNode } from '../../bridge/syntax.js';
import * as R from '../../ir/relational.js';
import { sortKey, type SortKey } from '../../ir/scalar.js';
import type { LowerContext } from '../context.js';
import { lowerScalar } from '../scalar.js';
import { requireInput, type OperatorLowering } from './shared.js';

export function lowerSortKey(node: KNode, cx: LowerContext): SortKey {
  if (kindName(node) !== 'OrderedExpression') return sortKey(lowerScalar(node, cx), true, false);
  const ordering = child(node, 'Ordering');
  const dir = ordering ? childText(ordering, 'AscOrDescKeyword').toLowerCase() : '';
  const desc = dir !== 'asc';
  const nulls = ordering ? child(ordering, 'NullsClause') : null;
  const nullsWord = nulls ? childText(nulls, 'FirstOrLastKeyword').toLowerCase() : '';
  const nullsFirst = nullsWord ? nullsWord === 'first' : !desc;
  return sortKey(lowerScalar(requireChild(node, 'Expression'), cx), desc, nullsFirst);
}

export const lowerSort: OperatorLowering = (op, input, cx) => {
  const keys = list(op, 'Expressions').map((e) => lowerSortKey(e, cx));
  cx.ordering = keys;
  return R.sort(requireInput(input, op), keys);
};

export const lowerTop: OperatorLowering = (op, input, cx) => {
  const key = lowerSortKey(requireChild(op, 'ByExpression'), cx);
  const count = lowerScalar(requireChild(op, 'Expression'), cx);
  cx.ordering = [key];
  return R.take(R.sort(requireInput(input, op), [key]), count);
};

export const lowerTake: OperatorLowering = (op, input, cx) => R.take(requireInput(input, op), lowerScalar(requireChild(op, 'Expression'), cx));
