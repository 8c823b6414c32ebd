/**
 * make-series … on Axis from start to end step s [by …]: rows with start <= Axis < end are grouped
 * by the keys and bin_at(Axis, s, start) and aggregated (like summarize, so expressions over
 * aggregates and constants work); a `series` node then turns each key group into arrays over all
 * bins, absent bins taking the item's default (0 unless `default=`). Refused: the alternate
 * `in range(…)` syntax, a missing from/to (bounds taken from the data), real axes and tuple aggregates.
 */
import { child, kindName, list, namedParameters, requireChild } from '../../bridge/syntax.js';
import * as R from '../../ir/relational.js';
import type { AggItem, NamedExpr } from '../../ir/relational.js';
import { call, col, lit, type Scalar } from '../../ir/scalar.js';
import { notSupported } from '../context.js';
import { lowerScalar } from '../scalar.js';
import { namedItem, outputColumns, requireInput, type OperatorLowering } from './shared.js';
import { extractAggregates } from './summarize.js';

const TUPLES = new Set(['arg_max', 'arg_min', 'argmax', 'argmin', 'percentiles']);

export const lowerMakeSeries: OperatorLowering = (op, input, cx) => {
  const rel = requireInput(input, op);
  const out = outputColumns(op);
  let nonempty = false;
  for (const [name, value] of namedParameters(op)) {
    const v = value.ToString().trim().toLowerCase();
    if (name === 'kind' && v === 'nonempty') nonempty = true;
    else if (!name.startsWith('hint.')) throw notSupported(`make-series ${name}=${v}`, op);
  }
  const range = requireChild(op, 'RangeClause');
  if (kindName(range) !== 'MakeSeriesFromToStepClause') throw notSupported('make-series … in range(…)', range);
  const fromC = child(range, 'MakeSeriesFromClause');
  const toC = child(range, 'MakeSeriesToClause');
  if (!fromC || !toC) throw notSupported('make-series without from/to (bounds from the data)', range);
  const start = lowerScalar(requireChild(fromC, 'Expression'), cx);
  const end = lowerScalar(requireChild(toC, 'Expression'), cx);
  const step = lowerScalar(requireChild(requireChild(range, 'MakeSeriesStepClause'), 'Expression'), cx);
  const axis = lowerScalar(requireChild(requireChild(op, 'OnClause'), 'Expression'), cx);
  if (!['datetime', 'timespan', 'long', 'int'].includes(axis.type)) throw notSupported(`make-series axis of type ${axis.type}`, op);
  const byNodes = list(child(op, 'ByClause'), 'Expressions');
  if (nonempty && byNodes.length > 0) throw notSupported('make-series kind=nonempty with by', op);
  const keys: NamedExpr[] = byNodes.map((n, i) => ({ name: out[i]!.name, expr: lowerScalar(namedItem(n).expr, cx) }));
  const aggs: AggItem[] = [];
  let tmp = 0;
  const values = list(op, 'Aggregates').map((node, j) => {
    const target = out[keys.length + j];
    if (!target) throw notSupported('make-series output shape', node);
    const e = lowerScalar(namedItem(requireChild(node, 'Expression')).expr, cx);
    if (e.k === 'call' && TUPLES.has(e.fn)) throw notSupported(`${e.fn}() in make-series`, node);
    const dflt = child(node, 'DefaultExpression');
    const fill: Scalar = dflt ? lowerScalar(requireChild(dflt, 'Expression'), cx) : lit('0', 'long');
    return { name: target.name, expr: extractAggregates(e, aggs, () => `__agg${++tmp}`), fill };
  });
  const axisCol = out[keys.length + values.length];
  if (!axisCol || out.length !== keys.length + values.length + 1) throw notSupported('make-series output shape', op);
  const inRange = call('op:And', [call('op:GreaterThanOrEqual', [axis, start], 'bool'), call('op:LessThan', [axis, end], 'bool')], 'bool');
  const binKey: NamedExpr = { name: '__bin', expr: call('bin_at', [axis, step, start], axis.type) };
  const aggRel = R.aggregate({
    input: R.filter(rel, inRange),
    keys: [...keys, binKey],
    aggs,
    columns: [...keys, binKey].map((k) => ({ name: k.name, type: k.expr.type })).concat(aggs.flatMap((a) => a.names.map((n, i) => ({ name: n, type: a.types[i]! })))),
  });
  const perBin = R.project(aggRel, [
    ...[...keys, binKey].map((k) => ({ name: k.name, expr: col(k.name, k.expr.type) as Scalar })),
    ...values.map((v, j) => ({ name: `__v${j}`, expr: v.expr })),
  ]);
  cx.ordering = null;
  return R.series({
    input: perBin,
    keys: keys.map((k) => k.name),
    bin: '__bin',
    values: values.map((v, j) => ({ name: v.name, from: `__v${j}`, fill: v.fill })),
    axis: { name: axisCol.name, type: axis.type, start, step, end },
    nonempty,
    columns: out,
  });
};
