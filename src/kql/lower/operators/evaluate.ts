/**
 * evaluate: only bag_unpack(col [, prefix]) is supported. The bag travels as a hidden column;
 * later references to unpacked names read it (see SqlCompiler.env) and the final result gets one
 * dynamic column per key found in the data (the engine discovers them before running).
 */
import { child, kindName, list, requireChild } from '../../bridge/syntax.js';
import * as R from '../../ir/relational.js';
import { call, col, lit, type Scalar } from '../../ir/scalar.js';
import { hiddenBagName } from '../../ir/types.js';
import type { KNode } from '../../bridge/syntax.js';
import type { LowerContext } from '../context.js';
import { isAggregateCall } from './summarize.js';
import { notSupported } from '../context.js';
import { lowerScalar } from '../scalar.js';
import { lowerActiveUsersCount, lowerActivityCountsMetrics, lowerIpLookup, lowerRowsNear, pluginArgs, lowerRollingPercentile, lowerSlidingWindowCounts } from './plugins.js';
import { lowerGeoLookup } from './plugins-geo-shapes.js';
import { HIDDEN_BAG, outputColumns, requireInput, type OperatorLowering } from './shared.js';

/** The plugins lowerEvaluate handles (read by the coverage table, docs/KQL-COVERAGE.md). */
export const SUPPORTED_PLUGINS: readonly string[] = [
  'bag_unpack', 'pivot', 'ipv4_lookup', 'ipv6_lookup', 'rolling_percentile', 'sliding_window_counts',
  'activity_counts_metrics', 'active_users_count', 'rows_near', 'geo_line_lookup', 'geo_polygon_lookup',
];

export const lowerEvaluate: OperatorLowering = (op, input, cx) => {
  const rel = requireInput(input, op);
  const fn = requireChild(op, 'FunctionCall');
  const name = (fn.ReferencedSymbol?.Name ?? child(fn, 'Name')?.ToString().trim() ?? '').toLowerCase();
  const args = list(child(fn, 'ArgumentList'), 'Expressions');
  if (name === 'pivot') return lowerPivot(rel, args, op, cx);
  if (name === 'ipv4_lookup' || name === 'ipv6_lookup') return lowerIpLookup(name === 'ipv6_lookup', rel, args, op, cx);
  if (name === 'rolling_percentile') return lowerRollingPercentile(rel, args, op, cx);
  if (name === 'sliding_window_counts') return lowerSlidingWindowCounts(rel, args, op, cx);
  if (name === 'activity_counts_metrics') return lowerActivityCountsMetrics(rel, args, op, cx);
  if (name === 'active_users_count') return lowerActiveUsersCount(rel, args, op, cx);
  if (name === 'rows_near') return lowerRowsNear(rel, args, op, cx);
  if (name === 'geo_line_lookup' || name === 'geo_polygon_lookup') return lowerGeoLookup(name === 'geo_line_lookup' ? 'line' : 'polygon', rel, args, op, cx);
  if (name !== 'bag_unpack') throw notSupported(`evaluate ${name}`, op);
  const { positional, named } = pluginArgs(args);
  const bag = lowerScalar(positional[0]!, cx);
  const prefixNode = positional[1] ?? named.get('outputcolumnprefix');
  const prefix = prefixNode && typeof prefixNode.LiteralValue === 'string' ? prefixNode.LiteralValue : '';
  if (prefixNode && typeof prefixNode.LiteralValue !== 'string') throw notSupported('bag_unpack prefix that is not a string literal', prefixNode);
  const conflictNode = positional[2] ?? named.get('columnsconflict');
  const conflictText = conflictNode ? String(conflictNode.LiteralValue ?? '') : 'error';
  const conflict = ({ error: 'error', keep_source: 'keep', replace_source: 'replace' } as const)[conflictText];
  if (!conflict) throw notSupported(`bag_unpack columnsConflict='${conflictText}'`, conflictNode);
  if (positional.length > 3 || named.has('ignoredproperties')) throw notSupported('bag_unpack with ignoredProperties', op);
  const schema = child(op, 'Schema') ?? findChild(op, 'EvaluateSchemaClause');
  if (schema) return unpackToSchema(rel, bag, prefix, op);
  const out = outputColumns(op).filter((c) => rel.columns.some((x) => x.name === c.name));
  const items: { name: string; expr: Scalar }[] = out.map((c) => ({ name: c.name, expr: col(c.name, rel.columns.find((x) => x.name === c.name)!.type) }));
  items.push({ name: hiddenBagName(prefix, conflict), expr: bag });
  return R.project(rel, items);
};

function findChild(n: KNode, kind: string): KNode | null {
  for (let i = 0; i < n.ChildCount; i++) { const c = n.GetChild(i); if (c && !c.IsToken && kindName(c) === kind) return c; }
  return null;
}

const CONVERT: Partial<Record<string, string>> = { string: 'tostring', long: 'tolong', int: 'toint', real: 'toreal', decimal: 'todecimal', datetime: 'todatetime', timespan: 'totimespan', bool: 'tobool', guid: 'toguid' };

/**
 * bag_unpack(…) : (*, Name:type, …): the output schema is the binder's; declared columns read the
 * bag key (prefix removed) converted to the declared type (absent keys give null), other columns
 * are the input's. Keys not in the schema are dropped, so no key discovery is needed.
 */
function unpackToSchema(rel: R.Rel, bag: Scalar, prefix: string, op: KNode): R.Rel {
  const out = outputColumns(op);
  const items = out.map((c) => {
    const input = rel.columns.find((x) => x.name === c.name);
    if (input) return { name: c.name, expr: col(input.name, input.type) as Scalar };
    if (!c.name.startsWith(prefix)) throw notSupported(`bag_unpack schema column ${c.name} without the prefix ${prefix}`, op);
    const value = call('dyn.get', [bag, lit(c.name.slice(prefix.length), 'string')], 'dynamic');
    const fn = CONVERT[c.type];
    if (c.type !== 'dynamic' && !fn) throw notSupported(`bag_unpack schema column type ${c.type}`, op);
    return { name: c.name, expr: fn ? call(fn, [value], c.type) : value };
  });
  return R.project(rel, items);
}

/**
 * pivot(C [, agg(x) [, g1, g2...]]): aggregate by g…, C; fold each group's C values into a bag
 * {tostring(C): aggregate}; unpack it like bag_unpack (columns found in the data).
 */
function lowerPivot(rel: R.Rel, args: KNode[], op: KNode, cx: LowerContext): R.Rel {
  const pivotCol = lowerScalar(args[0]!, cx);
  const agg = args[1] ? lowerScalar(args[1], cx) : call('count', [], 'long');
  if (agg.k !== 'call' || !isAggregateCall(agg)) throw notSupported('pivot with a non-aggregate', op);
  const groups = args.slice(2).map((a) => lowerScalar(a, cx));
  const groupKeys = groups.map((g, i) => ({ name: g.k === 'col' ? g.name : `group${i}`, expr: g }));
  const inner = R.aggregate({
    input: rel,
    keys: [...groupKeys, { name: '__pivot', expr: pivotCol }],
    aggs: [{ names: ['__value'], fn: agg.fn, args: agg.args, types: [agg.type] }],
    columns: [...groupKeys.map((k) => ({ name: k.name, type: k.expr.type })), { name: '__pivot', type: pivotCol.type }, { name: '__value', type: agg.type }],
  });
  const bag = call('bag_pack', [call('tostring', [col('__pivot', pivotCol.type)], 'string'), col('__value', agg.type)], 'dynamic');
  return R.aggregate({
    input: inner,
    keys: groupKeys.map((k) => ({ name: k.name, expr: col(k.name, k.expr.type) })),
    aggs: [{ names: [`${HIDDEN_BAG}`], fn: 'make_bag', args: [bag], types: ['dynamic'] }],
    columns: [...groupKeys.map((k) => ({ name: k.name, type: k.expr.type })), { name: HIDDEN_BAG, type: 'dynamic' }],
  });
}
