/**
 * mv-expand: one row per element of each listed dynamic array (several arrays expand in parallel,
 * padding with null); property bags expand to single-key bags; `to typeof(T)` converts elements;
 * with_itemindex adds the element index; `limit N` caps rows per input row.
 */
import { child, kindName, list, namedParameters, type KNode } from '../../bridge/syntax.js';
import * as R from '../../ir/relational.js';
import type { KqlType } from '../../ir/types.js';
import { kqlTypeFromName } from '../../ir/types.js';
import { notSupported } from '../context.js';
import { referencedColumns } from '../../ir/scalar.js';
import { lowerScalar } from '../scalar.js';
import { namedItem, outputColumns, requireInput, type OperatorLowering } from './shared.js';

export function targetType(item: KNode): KqlType {
  const toTypeOf = child(item, 'ToTypeOf');
  if (!toTypeOf) return 'dynamic';
  const text = toTypeOf.ToString().replace(/\s+/g, '');
  const m = /typeof\(([a-z]+)\)/i.exec(text);
  const t = m ? kqlTypeFromName(m[1]!.toLowerCase()) : undefined;
  if (!t) throw notSupported(`mv-expand to ${text}`, item);
  return t;
}

export const lowerMvExpand: OperatorLowering = (op, input, cx) => {
  const rel = requireInput(input, op);
  const params = namedParameters(op);
  const kind = params.get('kind')?.ToString().trim().toLowerCase();
  const indexParam = params.get('with_itemindex');
  const indexColumn = indexParam ? (indexParam.SimpleName ?? indexParam.ToString().trim()) : undefined;
  const limitClause = child(op, 'RowLimitClause');
  const limitExpr = limitClause ? child(limitClause, 'Expression') : null;
  const limit = limitExpr ? Number(limitExpr.ToString().trim()) : undefined;
  const out = outputColumns(op);
  const generated = out.map((c) => c.name).filter((n) => !rel.columns.some((c) => c.name === n));
  const items = list(op, 'Expressions').map((e) => {
    const target = kindName(e) === 'MvExpandExpression' ? child(e, 'Expression')! : e;
    const { name, expr } = namedItem(target);
    const lowered = lowerScalar(expr, cx);
    // Unnamed expressions: a bare column keeps its name; f(Col) takes the binder's new name or, failing that, Col's.
    const colName = name ?? (lowered.k === 'col' ? lowered.name : generated.shift() ?? [...referencedColumns(lowered)].find((n) => out.some((c) => c.name === n)));
    if (!colName) throw notSupported('mv-expand of an unnamed expression', e);
    return { name: colName, expr: lowered, type: targetType(e) };
  });
  return R.mvexpand({ input: rel, items, indexColumn, limit, columns: out, bagAsArray: kind === 'array' });
};
