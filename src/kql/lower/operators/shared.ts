/** Helpers used by several operator lowerings: named items, output columns, column refs. */
import { child, kindName, type KNode } from '../../bridge/syntax.js';
import * as R from '../../ir/relational.js';
import type { Rel } from '../../ir/relational.js';
import { call, col, lit, referencedColumns, rowFn, type Scalar } from '../../ir/scalar.js';
import type { IrColumn, KqlType } from '../../ir/types.js';
import type { LowerContext } from '../context.js';
import { LowerError, notSupported } from '../context.js';
import { lowerScalar } from '../scalar.js';
import { tableColumns } from '../types.js';

export type OperatorLowering = (op: KNode, input: Rel | undefined, cx: LowerContext) => Rel;

export function requireInput(input: Rel | undefined, op: KNode): Rel {
  if (!input) throw new LowerError('operator needs an input table', op, 'KQL-BIND');
  return input;
}

export function outputColumns(op: KNode): IrColumn[] {
  return tableColumns(op.ResultType, op);
}

/** An item of extend/project/summarize: explicit name (or undefined) and its expression node. */
export function namedItem(node: KNode): { name: string | undefined; expr: KNode; tuple?: boolean } {
  const k = kindName(node);
  if (k === 'SimpleNamedExpression') {
    const n = child(node, 'Name');
    return { name: n?.SimpleName ?? undefined, expr: child(node, 'Expression')! };
  }
  // (a, b) = arg_max(...): the binder already named the output columns; callers that cannot use
  // binder names (extend/project) refuse tuples themselves.
  if (k === 'CompoundNamedExpression') return { name: undefined, expr: child(node, 'Expression')!, tuple: true };
  return { name: undefined, expr: node };
}

export function columnType(rel: Rel, name: string): KqlType | undefined {
  return rel.columns.find((c) => c.name === name)?.type;
}

export const nullOf = (t: KqlType): Scalar => (t === 'string' ? lit('', 'string') : lit(null, t));

/** Projection of `input` onto `columns` by name (every column must exist in input). */
export function selectColumns(input: Rel, columns: readonly IrColumn[]): Rel {
  // Hidden bag_unpack columns travel along until an explicit projection drops them.
  const hidden = input.columns.filter((c) => isHiddenBag(c.name) && !columns.some((x) => x.name === c.name));
  const wanted = [...columns, ...hidden];
  if (wanted.length === input.columns.length && wanted.every((c, i) => c.name === input.columns[i]!.name)) return input;
  return R.project(input, wanted.map((c) => ({ name: c.name, expr: col(c.name, columnType(input, c.name) ?? c.type) })));
}

/** Hidden column carrying a bag_unpack'ed bag: `__bag|<prefix>`. */
export const HIDDEN_BAG = '__bag|';
export const isHiddenBag = (name: string): boolean => name.startsWith(HIDDEN_BAG);

/**
 * Extend semantics: assigns expressions to names in order, splitting into successive projections
 * when an expression reads a name assigned earlier in the same operator (Kusto allows that).
 */
/** Functions whose call the binder may expand into one column per array argument. */
export const MULTI_COLUMN: ReadonlySet<string> = new Set(['array_sort_asc', 'array_sort_desc']);

export function extendWith(input: Rel, assignments: readonly { name: string; node: KNode }[], finalColumns: readonly IrColumn[], cx: LowerContext, spill: string[] = []): Rel {
  let current = input;
  cx.currentInput = input;
  let pending = new Map<string, Scalar>();
  const flush = () => {
    if (pending.size === 0) return;
    const items = current.columns.map((c) => ({ name: c.name, expr: pending.get(c.name) ?? col(c.name, c.type) }));
    for (const [name, expr] of pending) if (!current.columns.some((c) => c.name === name)) items.push({ name, expr });
    current = R.project(current, items);
    pending = new Map();
  };
  for (const a of assignments) {
    const hoisted: { name: string; expr: Scalar }[] = [];
    const expr = hoistRestarts(lowerScalar(a.node, cx), hoisted);
    for (const h of hoisted) {
      // Each hoisted column reads the previous one, so each gets its own projection.
      flush();
      pending.set(h.name, h.expr);
      flush();
    }
    const reads = referencedColumns(expr);
    if ([...pending.keys()].some((n) => reads.has(n)) || pending.has(a.name)) flush();
    if (spill.length > 0 && expr.k === 'call' && MULTI_COLUMN.has(expr.fn) && expr.args.length > 1) {
      // One column per array: the first under the assigned name, the others under the binder's.
      pending.set(a.name, call('dyn.get', [expr, lit(0, 'long')], 'dynamic'));
      for (let j = 1; j < expr.args.length && spill.length > 0; j++) pending.set(spill.shift()!, call('dyn.get', [expr, lit(j, 'long')], 'dynamic'));
      continue;
    }
    pending.set(a.name, expr);
  }
  flush();
  return selectColumns(current, finalColumns);
}

let restartIds = 0;
const RESTART_ARG: Record<string, number> = { row_number: 1, row_cumsum: 1, row_rank_dense: 1, row_rank_min: 1, row_window_session: 3 };

/**
 * Row functions with a restart argument: the restart flag and its running count (the group id)
 * become columns computed before the expression, which then partitions by the group.
 */
function hoistRestarts(e: Scalar, out: { name: string; expr: Scalar }[]): Scalar {
  if (e.k === 'call') return call(e.fn, e.args.map((a) => hoistRestarts(a, out)), e.type);
  if (e.k !== 'row') return e;
  const idx = RESTART_ARG[e.fn];
  const restart = idx !== undefined ? e.args[idx] : undefined;
  if (!restart) return e;
  const n = ++restartIds;
  const flag = `__restart${n}`;
  const group = `__group${n}`;
  out.push({ name: flag, expr: call('iff', [restart, lit('1', 'long'), lit('0', 'long')], 'long') });
  out.push({ name: group, expr: rowFn('row_cumsum', [col(flag, 'long')], e.order, 'long') });
  return rowFn(e.fn, e.args.slice(0, idx), e.order, e.type, col(group, 'long'));
}
