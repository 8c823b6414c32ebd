/**
 * project-away, project-keep, project-reorder (column selection in the binder's output order) and
 * project-rename (new = old).
 */
import { child, list } from '../../bridge/syntax.js';
import * as R from '../../ir/relational.js';
import { col } from '../../ir/scalar.js';
import { outputColumns, requireInput, selectColumns, type OperatorLowering } from './shared.js';

export const lowerProjectSelect: OperatorLowering = (op, input) => selectColumns(requireInput(input, op), outputColumns(op));

export const lowerProjectRename: OperatorLowering = (op, input) => {
  const rel = requireInput(input, op);
  const renames = new Map<string, string>();
  for (const e of list(op, 'Expressions')) {
    const newName = child(e, 'Name')?.SimpleName;
    const old = child(e, 'Expression')?.ReferencedSymbol?.Name;
    if (newName && old) renames.set(old, newName);
  }
  const items = rel.columns.map((c) => ({ name: renames.get(c.name) ?? c.name, expr: col(c.name, c.type) }));
  const renamed = R.project(rel, items);
  return selectColumns(renamed, outputColumns(op));
};
