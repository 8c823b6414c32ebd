/** where / filter: keeps rows whose predicate is true (null counts as false). */
import { requireChild } from '../../bridge/syntax.js';
import * as R from '../../ir/relational.js';
import { lowerScalar } from '../scalar.js';
import { call, col, referencedColumns, type Scalar } from '../../ir/scalar.js';
import { requireInput, selectColumns, type OperatorLowering } from './shared.js';

export const lowerWhere: OperatorLowering = (op, input, cx) => {
  const rel = requireInput(input, op);
  const predicate = lowerScalar(requireChild(op, 'Condition'), cx);
  const pushed = pushIntoInnerunique(rel, predicate);
  if (pushed) return pushed;
  if (!containsRowFunction(predicate)) return R.filter(rel, predicate);
  // SQL forbids window functions in WHERE: compute the predicate as a column first.
  const flag = '__where';
  const withFlag = R.project(rel, [...rel.columns.map((c) => ({ name: c.name, expr: col(c.name, c.type) })), { name: flag, expr: predicate }]);
  return selectColumns(R.filter(withFlag, col(flag, 'bool')), rel.columns);
};

/**
 * Kusto pushes a filter that follows an innerunique join and reads only left-side columns into the
 * left input, before the left side's keys are deduplicated (join-innerunique docs: `| where
 * value == "val1.2"` keeps val1.2 rows). Without this the filter would run on whichever left row
 * the dedup kept and could drop every match.
 */
function pushIntoInnerunique(rel: R.Rel, predicate: Scalar): R.Rel | undefined {
  if (rel.k !== 'join' || rel.kind !== 'innerunique' || !isPlain(predicate)) return undefined;
  const fromLeft = new Map(rel.picks.filter((p) => p.side === 'left').map((p) => [p.name, p.from]));
  for (const name of referencedColumns(predicate)) if (!fromLeft.has(name)) return undefined;
  const renamed = renameColumns(predicate, fromLeft);
  return R.join({ kind: rel.kind, left: R.filter(rel.left, renamed), right: rel.right, on: rel.on, picks: rel.picks, columns: rel.columns });
}

/** Column references, literals and calls only (no row functions, subqueries or lambdas). */
function isPlain(e: Scalar): boolean {
  if (e.k === 'col' || e.k === 'lit') return true;
  return e.k === 'call' && e.args.every(isPlain);
}

function renameColumns(e: Scalar, names: ReadonlyMap<string, string>): Scalar {
  if (e.k === 'col') return col(names.get(e.name) ?? e.name, e.type);
  if (e.k === 'call') return call(e.fn, e.args.map((a) => renameColumns(a, names)), e.type);
  return e;
}

function containsRowFunction(e: Scalar): boolean {
  if (e.k === 'row') return true;
  return e.k === 'call' && e.args.some(containsRowFunction);
}
