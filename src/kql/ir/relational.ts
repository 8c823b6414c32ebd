/**
 * Relational IR: a small set of readonly, frozen nodes. Every node knows its output columns with
 * KQL types (taken from the binder where it reports them), so later stages never guess.
 */
import type { Scalar, SortKey } from './scalar.js';
import type { IrColumn } from './types.js';

export type JoinKind = 'innerunique' | 'inner' | 'leftouter' | 'rightouter' | 'fullouter' | 'leftsemi' | 'leftanti' | 'rightsemi' | 'rightanti';

export interface NamedExpr { readonly name: string; readonly expr: Scalar }

/** An aggregate producing one column, or several for tuple aggregates (arg_max(x, *)). */
export interface AggItem { readonly names: readonly string[]; readonly fn: string; readonly args: readonly Scalar[]; readonly types: readonly IrColumn['type'][] }

interface Base { readonly columns: readonly IrColumn[] }

export interface Scan extends Base { readonly k: 'scan'; readonly table: string }
export interface Values extends Base { readonly k: 'values'; readonly rows: readonly (readonly Scalar[])[] }
export interface Range extends Base { readonly k: 'range'; readonly from: Scalar; readonly to: Scalar; readonly step: Scalar }
export interface Filter extends Base { readonly k: 'filter'; readonly input: Rel; readonly predicate: Scalar }
/** Computes exactly `items` as the output columns (extend = keep all + new; project-away = keep some...). */
export interface Project extends Base { readonly k: 'project'; readonly input: Rel; readonly items: readonly NamedExpr[] }
export interface Aggregate extends Base { readonly k: 'aggregate'; readonly input: Rel; readonly keys: readonly NamedExpr[]; readonly aggs: readonly AggItem[] }
export interface Sort extends Base { readonly k: 'sort'; readonly input: Rel; readonly keys: readonly SortKey[] }
export interface Take extends Base { readonly k: 'take'; readonly input: Rel; readonly count: Scalar }
export interface Join extends Base {
  readonly k: 'join';
  readonly kind: JoinKind;
  readonly left: Rel;
  readonly right: Rel;
  /** Equality keys: expressions over the left input and over the right input. */
  readonly on: readonly { readonly left: Scalar; readonly right: Scalar }[];
  /** Output columns taken from each side, in output order (binder-assigned names). */
  readonly picks: readonly { readonly side: 'left' | 'right'; readonly from: string; readonly name: string }[];
  /**
   * Extra match condition over both sides (inner/leftouter only), ANDed with the keys; its column
   * references are named `__left|<column>` / `__right|<column>` (ipv4_lookup's range test).
   */
  readonly residual?: Scalar;
}
export interface Union extends Base {
  readonly k: 'union';
  readonly inputs: readonly Rel[];
  /** withsource=Name: the column that receives each input's name. */
  readonly sourceColumn?: string;
  readonly sourceNames: readonly string[];
}
export interface MvExpand extends Base {
  readonly k: 'mvexpand';
  readonly input: Rel;
  readonly items: readonly { readonly name: string; readonly expr: Scalar; readonly type: IrColumn['type'] }[];
  readonly indexColumn?: string;
  readonly limit?: number;
  /** kind=array: property bags expand to [key, value] pairs instead of {key: value}. */
  readonly bagAsArray?: boolean;
}
/** The per-row expanded table an mv-apply subquery reads (correlated with its Apply). */
export interface ApplySource extends Base { readonly k: 'applysource'; readonly id: number }
/** mv-apply: for each input row, expand `items` and run `sub` over them (a lateral subquery). */
export interface Apply extends Base {
  readonly k: 'apply';
  readonly id: number;
  readonly input: Rel;
  readonly items: MvExpand['items'];
  readonly indexColumn?: string;
  readonly sub: Rel;
}
/** One step of a `scan` operator; step-qualified references are columns named `__step|<index>|<column>`. */
export interface ScanStepIr {
  readonly name: string;
  readonly output: 'all' | 'none';
  readonly condition: Scalar;
  readonly assigns: readonly NamedExpr[];
}
/** The `scan` operator: a per-partition state machine over the serialized input (see compile-scan.ts). */
export interface SeqScan extends Base {
  readonly k: 'seqscan';
  readonly input: Rel;
  readonly order: readonly SortKey[];
  readonly partition: readonly Scalar[];
  readonly declared: readonly { readonly name: string; readonly type: IrColumn['type']; readonly init: Scalar }[];
  readonly matchId?: string;
  readonly steps: readonly ScanStepIr[];
}
/**
 * make-series, last step: `input` has one row per (keys, bin) with the bin's axis value in `bin` and
 * the aggregated values; per key group, each value becomes an array over the `count` bins
 * start, start+step, … (absent bins take `fill`), plus the axis array itself.
 */
export interface Series extends Base {
  readonly k: 'series';
  readonly input: Rel;
  readonly keys: readonly string[];
  readonly bin: string;
  readonly values: readonly { readonly name: string; readonly from: string; readonly fill: Scalar }[];
  readonly axis: { readonly name: string; readonly type: IrColumn['type']; readonly start: Scalar; readonly step: Scalar; readonly end: Scalar };
  /** kind=nonempty: an input without rows still gives one row of defaults (only without by keys). */
  readonly nonempty: boolean;
}
/** A shared (materialized or let-bound and reused) subtree, compiled once as a CTE. */
export interface Shared extends Base { readonly k: 'shared'; readonly id: number; readonly input: Rel }

export type Rel = Scan | Values | Range | Filter | Project | Aggregate | Sort | Take | Join | Union | MvExpand | Shared | Apply | ApplySource | SeqScan | Series;
export type RelKind = Rel['k'];

type Init<T extends Rel> = Omit<T, 'k'>;
const make = <T extends Rel>(k: T['k'], init: Init<T>): T => Object.freeze({ k, ...init }) as T;

export const scan = (i: Init<Scan>): Scan => make('scan', i);
export const values = (i: Init<Values>): Values => make('values', i);
export const range = (i: Init<Range>): Range => make('range', i);
export const filter = (input: Rel, predicate: Scalar): Filter => make<Filter>('filter', { input, predicate, columns: input.columns });
export const project = (input: Rel, items: readonly NamedExpr[]): Project =>
  make<Project>('project', { input, items: Object.freeze([...items]), columns: Object.freeze(items.map((i) => ({ name: i.name, type: i.expr.type }))) });
export const aggregate = (i: Init<Aggregate>): Aggregate => make('aggregate', i);
export const sort = (input: Rel, keys: readonly SortKey[]): Sort => make<Sort>('sort', { input, keys, columns: input.columns });
export const take = (input: Rel, count: Scalar): Take => make<Take>('take', { input, count, columns: input.columns });
export const join = (i: Init<Join>): Join => make('join', i);
export const union = (i: Init<Union>): Union => make('union', i);
export const mvexpand = (i: Init<MvExpand>): MvExpand => make('mvexpand', i);
export const shared = (i: Init<Shared>): Shared => make('shared', i);
export const apply = (i: Init<Apply>): Apply => make('apply', i);
export const applySource = (i: Init<ApplySource>): ApplySource => make('applysource', i);
export const seqScan = (i: Init<SeqScan>): SeqScan => make('seqscan', i);
export const series = (i: Init<Series>): Series => make('series', i);
