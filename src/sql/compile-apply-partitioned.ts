/**
 * mv-apply on an engine without LATERAL joins (ClickHouse): the subquery runs once over every outer
 * row's expansion, partitioned by the row's number, instead of once per row.
 *
 * - Each outer row is numbered once (`__ap`, the dialect's row position) and appears twice: as
 *   itself and as a placeholder (`__ph`) whose expansion is a single null item. The placeholder
 *   keeps a partition alive through filters, so a `summarize` without `by` still answers for an
 *   outer row whose expansion is empty or filtered away (Kusto gives one row: count() 0, []…),
 *   and it never reaches the output.
 * - The subquery's operators are rewritten to carry the hidden columns (the number, the
 *   placeholder flag, copies of the outer columns the output needs): `where` keeps placeholders,
 *   `extend`/`project` pass the hidden columns on, `summarize … by` groups by them too, `take`/`top`
 *   number rows within the partition (placeholders last), and a `summarize` without `by` groups by
 *   the outer row, counting and aggregating only real rows (arguments are null on the placeholder).
 * - Any other operator in the subquery, a second `summarize` without `by`, or an aggregate that
 *   would see the placeholder (arg_max/arg_min, make_list_with_nulls) is refused by name.
 *
 * Everything is read once (no self-join), so the numbering need not be reproducible.
 */
import * as R from '../kql/ir/relational.js';
import type { Apply, ApplySource, AggItem, Rel } from '../kql/ir/relational.js';
import { call, col, lit, rowFn, sortKey, type Scalar, type SortKey } from '../kql/ir/scalar.js';
import type { IrColumn } from '../kql/ir/types.js';
import { quoteIdent } from './quote.js';
import type { Compiled, SqlCompiler } from './compile.js';
import { compileMvExpand } from './compile-complex.js';

const AP = '__ap';
const PH = '__ph';
const TAKE = '__take';

/** What compileApplySource needs to expand the numbered outer rows of a partitioned mv-apply. */
export interface PartitionedOuter {
  readonly sql: string;
  readonly names: readonly string[];
  readonly columns: readonly IrColumn[];
}

const refuse = (what: string, c: SqlCompiler): never => {
  throw new Error(`not supported: mv-apply with ${what} on the ${c.dialect.label} engine`);
};

const isPh = col(PH, 'bool');
const notPh = call('not', [isPh], 'bool');
const passthrough = (cols: readonly IrColumn[]): R.NamedExpr[] => cols.map((x) => ({ name: x.name, expr: col(x.name, x.type) }));
/** Items whose placeholder row expands to one null item, so the placeholder survives the expansion. */
const placeholderItems = (items: R.MvExpand['items']): R.MvExpand['items'] =>
  items.map((it) => (it.expr.type === 'dynamic' ? { ...it, expr: call('iff', [isPh, lit('[null]', 'dynamic'), it.expr], 'dynamic') } : it));

interface Rewritten { readonly rel: Rel; readonly placeholder: boolean }

/** The subquery `rel` rewritten to run over all partitions at once, carrying `hidden`. */
function partitioned(rel: Rel, hidden: readonly IrColumn[], c: SqlCompiler): Rewritten {
  const clash = rel.columns.find((x) => hidden.some((h) => h.name === x.name) && rel.k !== 'applysource');
  if (clash) refuse(`a subquery column named ${clash.name}`, c);
  switch (rel.k) {
    case 'applysource':
      return { rel: R.applySource({ id: rel.id, columns: [...rel.columns, ...hidden] }), placeholder: true };
    case 'filter': {
      const i = partitioned(rel.input, hidden, c);
      return { rel: R.filter(i.rel, i.placeholder ? call('op:Or', [isPh, rel.predicate], 'bool') : rel.predicate), placeholder: i.placeholder };
    }
    case 'project': {
      const i = partitioned(rel.input, hidden, c);
      return { rel: R.project(i.rel, [...rel.items, ...passthrough(hidden)]), placeholder: i.placeholder };
    }
    case 'sort': {
      const i = partitioned(rel.input, hidden, c);
      return { rel: R.sort(i.rel, rel.keys), placeholder: i.placeholder };
    }
    case 'take': {
      // top n by x is a sort then a take: number each partition's rows in that order.
      const order: SortKey[] = [sortKey(isPh, false, false), ...(rel.input.k === 'sort' ? rel.input.keys : [])];
      const i = partitioned(rel.input, hidden, c);
      const numbered = R.project(i.rel, [...passthrough(i.rel.columns), { name: TAKE, expr: rowFn('row_number', [], order, 'long', col(AP, 'long')) }]);
      const within = call('op:LessThanOrEqual', [col(TAKE, 'long'), rel.count], 'bool');
      const kept = R.filter(numbered, i.placeholder ? call('op:Or', [isPh, within], 'bool') : within);
      return { rel: R.project(kept, passthrough(i.rel.columns)), placeholder: i.placeholder };
    }
    case 'mvexpand': {
      const i = partitioned(rel.input, hidden, c);
      const items = i.placeholder ? placeholderItems(rel.items) : rel.items;
      return { rel: R.mvexpand({ ...rel, input: i.rel, items, columns: [...rel.columns, ...hidden] }), placeholder: i.placeholder };
    }
    case 'aggregate': {
      const i = partitioned(rel.input, hidden, c);
      const aggColumns = rel.columns.slice(rel.keys.length);
      if (rel.keys.length > 0) {
        // The placeholder flag is a key: a placeholder stays a group of its own.
        const keys = [...rel.keys, ...passthrough(hidden)];
        return { rel: R.aggregate({ input: i.rel, keys, aggs: rel.aggs, columns: [...rel.columns.slice(0, rel.keys.length), ...hidden, ...aggColumns] }), placeholder: i.placeholder };
      }
      if (!i.placeholder) refuse('a second summarize without by keys in its subquery', c);
      const perRow = hidden.filter((h) => h.name !== PH);
      const agg = R.aggregate({ input: i.rel, keys: passthrough(perRow), aggs: rel.aggs.map((a) => realRowsOnly(a, c)), columns: [...perRow, ...aggColumns] });
      return { rel: R.project(agg, [...passthrough(aggColumns), ...passthrough(perRow), { name: PH, expr: lit(false, 'bool') }]), placeholder: false };
    }
    default:
      return refuse(`${rel.k} in its subquery`, c);
  }
}

/** An aggregate that ignores placeholder rows: count() counts real rows, other arguments are null on placeholders. */
function realRowsOnly(a: AggItem, c: SqlCompiler): AggItem {
  if (a.fn === 'count' && a.args.length === 0) return { ...a, fn: 'countif', args: [notPh] };
  if (a.fn === 'countif') return { ...a, args: [call('op:And', [a.args[0]!, notPh], 'bool')] };
  if (a.fn === 'arg_max' || a.fn === 'arg_min' || a.fn === 'make_list_with_nulls' || a.args.some((x) => x.k === 'star')) {
    return refuse(`${a.fn}() in a summarize without by keys in its subquery`, c);
  }
  return { ...a, args: a.args.map((x): Scalar => call('__null_when', [isPh, x], x.type)) };
}

export function compileApplyPartitioned(rel: Apply, c: SqlCompiler): Compiled {
  const { rowPosition: position, withPlaceholderRows } = c.dialect.hooks;
  if (!position || !withPlaceholderRows) return refuse('no LATERAL join, row position or placeholder rows', c);
  const input = c.compile(rel.input);
  const subNames = new Set(rel.sub.columns.map((x) => x.name));
  // Outer columns the output takes from the outer row (the subquery may have dropped them).
  const copies = rel.columns.filter((x) => !subNames.has(x.name)).map((x, i) => ({ name: `__o${i}`, type: x.type, from: x.name }));
  const hidden: IrColumn[] = [{ name: AP, type: 'long' }, ...copies.map((x) => ({ name: x.name, type: x.type })), { name: PH, type: 'bool' }];
  const o = c.nextAlias();
  const at = (name: string) => `${o}.${input.names[rel.input.columns.findIndex((x) => x.name === name)]}`;
  const numbered = `SELECT ${o}.*, ${position()} AS ${quoteIdent(AP)}${copies.map((x) => `, ${at(x.from)} AS ${quoteIdent(x.name)}`).join('')} FROM (${input.sql}) AS ${o}`;
  const outer: PartitionedOuter = {
    sql: withPlaceholderRows(numbered, c.nextAlias(), quoteIdent(PH)),
    names: [...input.names, ...hidden.map((h) => quoteIdent(h.name))],
    columns: [...rel.input.columns, ...hidden],
  };
  c.applyOuter.set(rel.id, { rel, names: outer.names, partitioned: outer });
  try {
    const sub = partitioned(rel.sub, hidden, c);
    const real = sub.placeholder ? R.filter(sub.rel, notPh) : sub.rel;
    const copyOf = new Map(copies.map((x) => [x.from, x.name] as const));
    const result = R.project(real, rel.columns.map((x) => ({ name: x.name, expr: col(subNames.has(x.name) ? x.name : copyOf.get(x.name)!, x.type) })));
    return c.compile(result);
  } finally {
    c.applyOuter.delete(rel.id);
  }
}

/** The expansion of the numbered outer rows (and their placeholders) a partitioned subquery reads. */
export function compilePartitionedSource(rel: ApplySource, outer: PartitionedOuter, apply: Apply, c: SqlCompiler): Compiled {
  const items = placeholderItems(apply.items);
  const input = R.values({ columns: outer.columns, rows: [] });
  const expand = R.mvexpand({ input, items, ...(apply.indexColumn ? { indexColumn: apply.indexColumn } : {}), columns: rel.columns });
  return compileMvExpand(expand, c, { sql: outer.sql, names: outer.names }, true);
}
