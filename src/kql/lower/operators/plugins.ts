/**
 * evaluate plugins other than bag_unpack/pivot, each built from ordinary IR (joins, aggregates,
 * ranges), so every value goes through the compiled SQL: ipv4_lookup, ipv6_lookup.
 */
import { child, kindName, type KNode } from '../../bridge/syntax.js';
import * as R from '../../ir/relational.js';
import { call, col, type Scalar } from '../../ir/scalar.js';
import { LowerError, notSupported, type LowerContext } from '../context.js';
import { lowerScalar } from '../scalar.js';
import { lowerTabular } from '../tabular.js';
import { outputColumns } from './shared.js';

/** Positional arguments and `name = value` arguments of a plugin call. */
export function pluginArgs(args: readonly KNode[]): { positional: KNode[]; named: Map<string, KNode> } {
  const positional: KNode[] = [];
  const named = new Map<string, KNode>();
  for (const a of args) {
    if (kindName(a) === 'SimpleNamedExpression') named.set((child(a, 'Name')?.SimpleName ?? '').toLowerCase(), child(a, 'Expression')!);
    else positional.push(a);
  }
  return { positional, named };
}

function constBool(n: KNode | undefined, what: string): boolean {
  if (!n) return false;
  const v = n.LiteralValue as unknown;
  if (n.IsLiteral && (typeof v === 'boolean' || /^(true|false)$/i.test(String(v)))) return String(v).toLowerCase() === 'true';
  throw notSupported(`${what} that is not a bool literal`, n);
}

/** The name of a column argument (a plain column reference). */
function columnArg(n: KNode, rel: R.Rel, what: string): R.Rel['columns'][number] {
  const name = kindName(n) === 'NameReference' ? (n.ReferencedSymbol?.Name ?? n.SimpleName ?? '') : '';
  const c = rel.columns.find((x) => x.name === name);
  if (!c) throw notSupported(`${what} that is not a column of its table`, n);
  return c;
}

/**
 * ipv4_lookup / ipv6_lookup(LookupTable, SourceKey, RangeKey [, return_unmatched [, extra key pairs…]]):
 * each input row joins every lookup row whose range (CIDR or single address) contains its address
 * and whose extra keys are equal; return_unmatched keeps unmatched rows with empty lookup columns.
 */
export function lowerIpLookup(v6: boolean, rel: R.Rel, args: readonly KNode[], op: KNode, cx: LowerContext): R.Rel {
  const { positional, named } = pluginArgs(args);
  if (positional.length < 3) throw notSupported(`${v6 ? 'ipv6' : 'ipv4'}_lookup with fewer than 3 arguments`, op);
  const saved = cx.ordering;
  const lookup = lowerTabular(positional[0]!, cx);
  cx.ordering = saved;
  const source = lowerScalar(positional[1]!, cx);
  const range = columnArg(positional[2]!, lookup, 'lookup range key');
  const unmatchedNode = named.get('return_unmatched') ?? positional[3];
  const unmatched = constBool(unmatchedNode, 'return_unmatched');
  const extra = positional.slice(4);
  if (extra.length % 2 !== 0) throw notSupported('lookup extra keys without a pair', op);
  const on: { left: Scalar; right: Scalar }[] = [];
  for (let i = 0; i < extra.length; i += 2) {
    const l = lowerScalar(extra[i]!, cx);
    const r = columnArg(extra[i + 1]!, lookup, 'lookup extra key');
    on.push({ left: l, right: col(r.name, r.type) });
  }
  if (source.k !== 'col') throw notSupported('lookup source key that is not a column', positional[1]);
  const residual = call(v6 ? 'ipv6_is_in_range' : 'ipv4_is_in_range', [col(`__left|${source.name}`, source.type), col(`__right|${range.name}`, range.type)], 'bool');
  const bound = outputColumns(op);
  // ipv4_lookup returns the input's columns, then the lookup's (as the binder says); ipv6_lookup's
  // documented output has the lookup's columns first.
  const out = v6 ? [...bound.filter((c) => lookup.columns.some((x) => x.name === c.name)), ...bound.filter((c) => !lookup.columns.some((x) => x.name === c.name))] : bound;
  const picks = out.map((c) => {
    if (rel.columns.some((x) => x.name === c.name)) return { side: 'left' as const, from: c.name, name: c.name };
    if (lookup.columns.some((x) => x.name === c.name)) return { side: 'right' as const, from: c.name, name: c.name };
    throw notSupported(`lookup output column ${c.name} (name clash between the tables)`, op);
  });
  if (rel.columns.some((x) => lookup.columns.some((y) => y.name === x.name))) throw notSupported('lookup tables sharing a column name with the input', op);
  if (out.length !== rel.columns.length + lookup.columns.length) throw new LowerError('internal: lookup output shape', op);
  cx.ordering = null;
  return R.join({ kind: unmatched ? 'leftouter' : 'inner', left: rel, right: lookup, on, picks, columns: out, residual });
}

// ---- time-window analytics plugins -------------------------------------------------------------

const op2 = (fn: string, a: Scalar, b: Scalar, type: Scalar['type']): Scalar => call(`op:${fn}`, [a, b], type);
const and = (...xs: Scalar[]): Scalar => xs.reduce((a, b) => call('op:And', [a, b], 'bool'));
const project = (rel: R.Rel, items: { name: string; expr: Scalar }[]): R.Rel => R.project(rel, items);
const keep = (rel: R.Rel, names: string[]): { name: string; expr: Scalar }[] => names.map((n) => ({ name: n, expr: col(n, rel.columns.find((c) => c.name === n)!.type) }));
const lit0 = (): Scalar => ({ k: 'lit', value: 0, type: 'long' });

function aggregate(input: R.Rel, keys: string[], aggs: { name: string; fn: string; args: Scalar[]; type: Scalar['type'] }[]): R.Rel {
  const keyCols = keys.map((k) => input.columns.find((c) => c.name === k)!);
  return R.aggregate({
    input,
    keys: keyCols.map((c) => ({ name: c.name, expr: col(c.name, c.type) })),
    aggs: aggs.map((a) => ({ names: [a.name], fn: a.fn, args: a.args, types: [a.type] })),
    columns: [...keyCols, ...aggs.map((a) => ({ name: a.name, type: a.type }))],
  });
}

/** Scalar plugin arguments after the leading column arguments; dimension columns are refused. */
function scalars(args: readonly KNode[], count: number, name: string, op: KNode, cx: LowerContext): Scalar[] {
  const { positional, named } = pluginArgs(args);
  if (named.size > 0) throw notSupported(`${name} with named arguments`, op);
  if (positional.length > count) throw notSupported(`${name} with dimension columns`, op);
  if (positional.length < count) throw notSupported(`${name} with fewer than ${count} arguments`, op);
  return positional.map((a) => lowerScalar(a, cx));
}

function requireType(e: Scalar, types: readonly string[], what: string, node: KNode | undefined): void {
  if (!types.includes(e.type)) throw notSupported(`${what} of type ${e.type}`, node);
}

/** Renames the plugin's result columns to the binder's output names, by position. */
function finish(rel: R.Rel, op: KNode, cx: LowerContext, rename?: ReadonlyMap<string, string>): R.Rel {
  const out = outputColumns(op).map((c) => ({ ...c, name: rename?.get(c.name) ?? c.name }));
  if (out.length !== rel.columns.length) throw new LowerError(`internal: plugin output has ${rel.columns.length} columns, the binder says ${out.length}`, op);
  cx.ordering = null;
  return project(rel, rel.columns.map((c, i) => ({ name: out[i]!.name, expr: out[i]!.type === c.type ? col(c.name, c.type) : call('conv.cast', [col(c.name, c.type)], out[i]!.type) })));
}

/** The analysis bins start, start+step, … ≤ end as column __bin. */
function bins(start: Scalar, end: Scalar, step: Scalar): R.Rel {
  return R.range({ from: start, to: end, step, columns: [{ name: '__bin', type: start.type }] });
}

/**
 * rolling_percentile(Value, Percentile, Index, BinSize, BinsCount): for each bin(Index, BinSize)
 * present in the data, the percentile of the values in that bin and the BinsCount-1 before it.
 */
export function lowerRollingPercentile(rel: R.Rel, args: readonly KNode[], op: KNode, cx: LowerContext): R.Rel {
  const { positional, named } = pluginArgs(args);
  if (named.size > 0 || positional.length < 5) throw notSupported('rolling_percentile arguments', op);
  const [value, pct, index, size, count] = positional.slice(0, 5).map((a) => lowerScalar(a, cx)) as [Scalar, Scalar, Scalar, Scalar, Scalar];
  const dims = positional.slice(5).map((a) => columnArg(a, rel, 'rolling_percentile dimension'));
  requireType(count, ['int', 'long'], 'rolling_percentile BinsCount', positional[4]);
  const dimItems = dims.map((d, i) => ({ name: `__d${i}`, expr: col(d.name, d.type) }));
  const data = project(rel, [{ name: '__v', expr: value }, { name: '__b', expr: call('bin', [index, size], index.type) }, ...dimItems]);
  const dimNames = dimItems.map((d) => d.name);
  const present = aggregate(data, ['__b', ...dimNames], []);
  const width = op2('Multiply', size, count, size.type);
  const residual = and(
    op2('LessThanOrEqual', col('__right|__b', index.type), col('__left|__b', index.type), 'bool'),
    op2('GreaterThan', col('__right|__b', index.type), op2('Subtract', col('__left|__b', index.type), width, index.type), 'bool'),
  );
  const joined = R.join({
    kind: 'inner', left: present, right: data, residual,
    on: dimNames.map((n) => ({ left: col(n, data.columns.find((c) => c.name === n)!.type), right: col(n, data.columns.find((c) => c.name === n)!.type) })),
    picks: [{ side: 'left', from: '__b', name: '__b' }, ...dimNames.map((n) => ({ side: 'left' as const, from: n, name: n })), { side: 'right', from: '__v', name: '__v' }],
    columns: [{ name: '__b', type: index.type }, ...dimNames.map((n) => ({ name: n, type: data.columns.find((c) => c.name === n)!.type })), { name: '__v', type: value.type }],
  });
  const result = aggregate(joined, ['__b', ...dimNames], [{ name: '__p', fn: 'percentile', args: [col('__v', value.type), pct], type: value.type }]);
  return finish(result, op, cx);
}

/**
 * sliding_window_counts(Id, Timeline, Start, End, LookbackWindow, Bin): for each bin from Start to
 * End, the count and distinct count of ids in the bins b with bin - LookbackWindow < b <= bin
 * (LookbackWindow rounded down to a multiple of Bin, as documented).
 */
export function lowerSlidingWindowCounts(rel: R.Rel, args: readonly KNode[], op: KNode, cx: LowerContext): R.Rel {
  const [id, t, start, end, lookback, step] = scalars(args, 6, 'sliding_window_counts', op, cx) as [Scalar, Scalar, Scalar, Scalar, Scalar, Scalar];
  requireType(t, ['datetime'], 'sliding_window_counts timeline', undefined);
  requireType(step, ['timespan'], 'sliding_window_counts Bin', undefined);
  const data = project(rel, [{ name: '__id', expr: id }, { name: '__t', expr: call('bin_at', [t, step, start], 'datetime') }]);
  const window = call('bin', [lookback, step], 'timespan');
  const residual = and(
    op2('LessThanOrEqual', col('__right|__t', 'datetime'), col('__left|__bin', 'datetime'), 'bool'),
    op2('GreaterThan', col('__right|__t', 'datetime'), op2('Subtract', col('__left|__bin', 'datetime'), window, 'datetime'), 'bool'),
  );
  const all = bins(start, end, step);
  const joined = R.join({
    kind: 'inner', left: all, right: data, on: [], residual,
    picks: [{ side: 'left', from: '__bin', name: '__bin' }, { side: 'right', from: '__id', name: '__id' }],
    columns: [{ name: '__bin', type: 'datetime' }, { name: '__id', type: id.type }],
  });
  const counts = aggregate(joined, ['__bin'], [{ name: '__n', fn: 'count', args: [], type: 'long' }, { name: '__dc', fn: 'dcount', args: [col('__id', id.type)], type: 'long' }]);
  const zeros = project(all, [...keep(all, ['__bin']), { name: '__n', expr: lit0() }, { name: '__dc', expr: lit0() }]);
  const merged = R.union({ inputs: [counts, zeros], sourceNames: ['a', 'b'], columns: counts.columns });
  const result = aggregate(merged, ['__bin'], [{ name: '__n', fn: 'sum', args: [col('__n', 'long')], type: 'long' }, { name: '__dc', fn: 'sum', args: [col('__dc', 'long')], type: 'long' }]);
  // Kusto.Language calls the last column Dcount; the plugin's documented output schema says dcount.
  return finish(result, op, cx, new Map([['Dcount', 'dcount']]));
}

/**
 * activity_counts_metrics(Id, Timeline, Start, End, Window): per window from Start to End (rows
 * binned with bin_at(Timeline, Window, Start)): rows, distinct ids, ids not seen in an earlier
 * window, and distinct ids seen so far.
 */
export function lowerActivityCountsMetrics(rel: R.Rel, args: readonly KNode[], op: KNode, cx: LowerContext): R.Rel {
  const [id, t, start, end, step] = scalars(args, 5, 'activity_counts_metrics', op, cx) as [Scalar, Scalar, Scalar, Scalar, Scalar];
  requireType(t, ['datetime'], 'activity_counts_metrics timeline', undefined);
  requireType(step, ['timespan'], 'activity_counts_metrics window', undefined);
  const binned = project(rel, [{ name: '__id', expr: id }, { name: '__bin', expr: call('bin_at', [t, step, start], 'datetime') }]);
  const data = R.filter(binned, and(op2('GreaterThanOrEqual', col('__bin', 'datetime'), start, 'bool'), op2('LessThanOrEqual', col('__bin', 'datetime'), end, 'bool')));
  const perBin = aggregate(data, ['__bin'], [{ name: '__n', fn: 'count', args: [], type: 'long' }, { name: '__dc', fn: 'dcount', args: [col('__id', id.type)], type: 'long' }]);
  const first = aggregate(data, ['__id'], [{ name: '__bin', fn: 'min', args: [col('__bin', 'datetime')], type: 'datetime' }]);
  const fresh = aggregate(first, ['__bin'], [{ name: '__new', fn: 'count', args: [], type: 'long' }]);
  const all = bins(start, end, step);
  const cols = [{ name: '__bin', type: 'datetime' as const }, { name: '__n', type: 'long' as const }, { name: '__dc', type: 'long' as const }, { name: '__new', type: 'long' as const }];
  const merged = R.union({
    inputs: [
      project(perBin, [...keep(perBin, ['__bin', '__n', '__dc']), { name: '__new', expr: lit0() }]),
      project(fresh, [...keep(fresh, ['__bin']), { name: '__n', expr: lit0() }, { name: '__dc', expr: lit0() }, ...keep(fresh, ['__new'])]),
      project(all, [...keep(all, ['__bin']), { name: '__n', expr: lit0() }, { name: '__dc', expr: lit0() }, { name: '__new', expr: lit0() }]),
    ],
    sourceNames: ['a', 'b', 'c'], columns: cols,
  });
  const sums = aggregate(merged, ['__bin'], ['__n', '__dc', '__new'].map((n) => ({ name: n, fn: 'sum', args: [col(n, 'long')], type: 'long' as const })));
  const order = [{ expr: col('__bin', 'datetime'), desc: false, nullsFirst: false }];
  const result = project(sums, [...keep(sums, ['__bin', '__n', '__dc', '__new']), { name: '__agg', expr: { k: 'row', fn: 'row_cumsum', args: [col('__new', 'long')], order, type: 'long' } }]);
  return finish(result, op, cx);
}

/**
 * active_users_count(Id, Timeline, Start, End, LookbackWindow, Period, ActivePeriodsCount, Bin):
 * an appearance of an id is active when the id appears in at least ActivePeriodsCount distinct
 * bin(Timeline, Period) periods within (appearance - LookbackWindow, appearance]; per bin from Start
 * (bin_at(Timeline, Bin, Start)) up to End, the distinct count of ids with an active appearance in
 * the bin. Bins without any are not returned (as in the documented example).
 */
export function lowerActiveUsersCount(rel: R.Rel, args: readonly KNode[], op: KNode, cx: LowerContext): R.Rel {
  const [id, t, start, end, lookback, period, minPeriods, step] = scalars(args, 8, 'active_users_count', op, cx) as [Scalar, Scalar, Scalar, Scalar, Scalar, Scalar, Scalar, Scalar];
  requireType(t, ['datetime'], 'active_users_count timeline', undefined);
  for (const [e, w] of [[lookback, 'LookbackWindow'], [period, 'Period'], [step, 'Bin']] as const) requireType(e, ['timespan'], `active_users_count ${w}`, undefined);
  const data = project(rel, [{ name: '__id', expr: id }, { name: '__t', expr: t }, { name: '__p', expr: call('bin', [t, period], 'datetime') }]);
  const appearances = aggregate(data, ['__id', '__t'], []);
  const residual = and(
    op2('LessThanOrEqual', col('__right|__t', 'datetime'), col('__left|__t', 'datetime'), 'bool'),
    op2('GreaterThan', col('__right|__t', 'datetime'), op2('Subtract', col('__left|__t', 'datetime'), lookback, 'datetime'), 'bool'),
  );
  const joined = R.join({
    kind: 'inner', left: appearances, right: data, residual,
    on: [{ left: col('__id', id.type), right: col('__id', id.type) }],
    picks: [{ side: 'left', from: '__id', name: '__id' }, { side: 'left', from: '__t', name: '__t' }, { side: 'right', from: '__p', name: '__p' }],
    columns: [{ name: '__id', type: id.type }, { name: '__t', type: 'datetime' }, { name: '__p', type: 'datetime' }],
  });
  const periods = aggregate(joined, ['__id', '__t'], [{ name: '__np', fn: 'dcount', args: [col('__p', 'datetime')], type: 'long' }]);
  const active = R.filter(periods, op2('GreaterThanOrEqual', col('__np', 'long'), minPeriods, 'bool'));
  const binned = project(active, [...keep(active, ['__id']), { name: '__bin', expr: call('bin_at', [col('__t', 'datetime'), step, start], 'datetime') }]);
  const inRange = R.filter(binned, and(op2('GreaterThanOrEqual', col('__bin', 'datetime'), start, 'bool'), op2('LessThanOrEqual', col('__bin', 'datetime'), end, 'bool')));
  const result = aggregate(inRange, ['__bin'], [{ name: '__dc', fn: 'dcount', args: [col('__id', id.type)], type: 'long' }]);
  return finish(result, op, cx);
}

/**
 * rows_near(Condition, NumRows [, RowsAfter]): the rows of the serialized input that are at most
 * NumRows rows before or RowsAfter (default NumRows) rows after a row where Condition is true.
 */
export function lowerRowsNear(rel: R.Rel, args: readonly KNode[], op: KNode, cx: LowerContext): R.Rel {
  const { positional, named } = pluginArgs(args);
  if (named.size > 0 || positional.length < 2 || positional.length > 3) throw notSupported('rows_near arguments', op);
  const cond = lowerScalar(positional[0]!, cx);
  const count = (n: KNode): number => {
    const v = Number(n.LiteralValue);
    if (!n.IsLiteral || !Number.isInteger(v) || v < 0) throw notSupported('rows_near row count that is not a non-negative integer literal', n);
    return v;
  };
  const before = count(positional[1]!);
  const after = positional[2] ? count(positional[2]) : before;
  if (!cx.ordering) throw notSupported('rows_near over input that is not serialized (sort or serialize first)', op);
  const near: Scalar = { k: 'row', fn: 'window_any', args: [call('op:Equal', [cond, { k: 'lit', value: true, type: 'bool' }], 'bool'), { k: 'lit', value: after, type: 'long' }, { k: 'lit', value: before, type: 'long' }], order: cx.ordering, type: 'bool' };
  const flagged = project(rel, [...rel.columns.map((c) => ({ name: c.name, expr: col(c.name, c.type) as Scalar })), { name: '__near', expr: near }]);
  return project(R.filter(flagged, col('__near', 'bool')), rel.columns.map((c) => ({ name: c.name, expr: col(c.name, c.type) })));
}
