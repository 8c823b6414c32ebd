/**
 * mv-apply: expands arrays per row (like mv-expand), runs the subquery over each row's expanded
 * table, and joins the result back to the row. Compiled as a lateral subquery.
 */
import { child, kindName, list, namedParameters, requireChild } from '../../bridge/syntax.js';
import * as R from '../../ir/relational.js';
import { referencedColumns } from '../../ir/scalar.js';
import type { IrColumn } from '../../ir/types.js';
import { notSupported } from '../context.js';
import { lowerScalar } from '../scalar.js';
import { lowerTabular } from '../tabular.js';
import { targetType } from './mv-expand.js';
import { namedItem, outputColumns, requireInput, type OperatorLowering } from './shared.js';

let applyIds = 0;

export const lowerMvApply: OperatorLowering = (op, input, cx) => {
  const rel = requireInput(input, op);
  const params = namedParameters(op);
  const kind = params.get('kind')?.ToString().trim().toLowerCase();
  if (kind === 'array') throw notSupported('mv-apply kind=array', op);
  const indexParam = params.get('with_itemindex');
  const indexColumn = indexParam ? (indexParam.SimpleName ?? indexParam.ToString().trim()) : undefined;
  const items = list(op, 'Expressions').map((e) => {
    const target = kindName(e) === 'MvApplyExpression' ? child(e, 'Expression')! : e;
    const { name, expr } = namedItem(target);
    const lowered = lowerScalar(expr, cx);
    const colName = name ?? (lowered.k === 'col' ? lowered.name : [...referencedColumns(lowered)][0]);
    if (!colName) throw notSupported('mv-apply of an unnamed expression', e);
    return { name: colName, expr: lowered, type: targetType(e) };
  });
  const sourceColumns: IrColumn[] = rel.columns.map((c) => {
    const item = items.find((i) => i.name === c.name);
    return item ? { name: c.name, type: item.type } : c;
  });
  for (const i of items) if (!sourceColumns.some((c) => c.name === i.name)) sourceColumns.push({ name: i.name, type: i.type });
  if (indexColumn) sourceColumns.push({ name: indexColumn, type: 'long' });
  const id = ++applyIds;
  const source = R.applySource({ id, columns: sourceColumns });
  const savedImplicit = cx.implicitInput;
  const savedOrdering = cx.ordering;
  cx.implicitInput = source;
  let sub: R.Rel;
  try {
    sub = lowerTabular(requireChild(requireChild(op, 'Subquery'), 'Expression'), cx);
  } finally {
    cx.implicitInput = savedImplicit;
    cx.ordering = savedOrdering;
  }
  return R.apply({ id, input: rel, items, indexColumn, sub, columns: outputColumns(op) });
};
