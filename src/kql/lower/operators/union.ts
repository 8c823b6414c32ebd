/**
 * union (outer by name, the default; kind=inner keeps common columns) with withsource. Columns
 * missing from an input are null ('' for strings); type-suffixed names (x_string) map back to x.
 */
import { child, kindName, list, namedParameters, SYMBOL_KIND, type KNode } from '../../bridge/syntax.js';
import { findTable } from '../../../schema/index.js';
import { lowerFunctionBody } from '../functions.js';
import { tableColumns } from '../types.js';
import * as R from '../../ir/relational.js';
import type { Rel } from '../../ir/relational.js';
import { col } from '../../ir/scalar.js';
import type { IrColumn } from '../../ir/types.js';
import { LowerError, notSupported, type LowerContext } from '../context.js';
import { lowerTabular } from '../tabular.js';
import { nullOf, outputColumns, type OperatorLowering } from './shared.js';

function sourceName(node: KNode, i: number): string {
  if (kindName(node) === 'NameReference') return node.ReferencedSymbol?.Name ?? node.SimpleName ?? `union_arg${i}`;
  // `(… | as Name)` names its input.
  let e: KNode | null = node;
  while (e && kindName(e) === 'ParenthesizedExpression') e = child(e, 'Expression');
  const op = e && kindName(e) === 'PipeExpression' ? child(e, 'Operator') : null;
  if (op && kindName(op) === 'AsOperator') {
    const name = child(op, 'Name')?.SimpleName;
    if (name) return name;
  }
  return `union_arg${i}`;
}

/** Clash renames: output name → the type-suffixed name it stands for; names only real columns may fill. */
export interface SuffixClashes { readonly suffixOf: ReadonlyMap<string, string>; readonly realOnly: ReadonlySet<string> }

export function alignTo(rel: Rel, out: readonly IrColumn[], skip: string | undefined, clashes?: SuffixClashes): R.NamedExpr[] {
  return out.filter((c) => c.name !== skip).map((c) => {
    const alias = clashes?.suffixOf.get(c.name);
    if (alias !== undefined) {
      const s = rel.columns.find((x) => `${x.name}_${x.type}` === alias && x.name !== alias);
      return { name: c.name, expr: s ? col(s.name, s.type) : nullOf(c.type) };
    }
    const same = rel.columns.find((x) => x.name === c.name && x.type === c.type);
    if (same) return { name: c.name, expr: col(same.name, same.type) };
    if (clashes?.realOnly.has(c.name)) return { name: c.name, expr: nullOf(c.type) };
    const suffixed = rel.columns.find((x) => `${x.name}_${x.type}` === c.name);
    if (suffixed) return { name: c.name, expr: col(suffixed.name, suffixed.type) };
    const byName = rel.columns.find((x) => x.name === c.name);
    if (byName) return { name: c.name, expr: { k: 'call', fn: 'conv.cast', args: [col(byName.name, byName.type)], type: c.type } as const };
    return { name: c.name, expr: nullOf(c.type) };
  });
}

export const lowerUnion: OperatorLowering = (op, input, cx: LowerContext) => {
  const params = namedParameters(op);
  const withSource = params.get('withsource') ?? params.get('withsource_');
  const sourceColumn = withSource ? (withSource.SimpleName ?? withSource.ToString().trim()) : undefined;
  const nodes = list(op, 'Expressions');
  const inputs: Rel[] = [];
  const names: string[] = [];
  if (input) { inputs.push(input); names.push('union_arg0'); }
  const saved = cx.ordering;
  const fuzzy = params.get('isfuzzy')?.ToString().trim().toLowerCase() === 'true';
  let sawWildcard = false;
  nodes.forEach((n, i) => {
    const wild = wildcardMembers(n, cx);
    if (wild) {
      sawWildcard = true;
      for (const w of wild) { inputs.push(w.rel); names.push(w.name); }
      return;
    }
    try {
      inputs.push(lowerTabular(n, cx));
      names.push(sourceName(n, i + (input ? 1 : 0)));
    } catch (err) {
      // isfuzzy=true: inputs that do not resolve are skipped, as in Kusto.
      if (!(fuzzy && err instanceof LowerError && /not supported: table /.test(err.message))) throw err;
    }
  });
  cx.ordering = saved && false ? saved : null;
  // The binder gives no schema for a union over a wildcard group: build the outer union's here.
  const { out, clashes } = resolveSuffixClashes(sawWildcard ? outerSchema(inputs, sourceColumn, op.ResultType ? outputColumns(op) : []) : outputColumns(op), inputs);
  const aligned = inputs.map((rel) => R.project(rel, alignTo(rel, out, sourceColumn, clashes)));
  return R.union({ inputs: aligned, sourceColumn, sourceNames: names, columns: out });
};

/**
 * A type-suffixed name (x_long for clashing `x` columns) that is also a real column name of some
 * input: the binder names the first to appear `x_long` and the other `x_long1`; Kusto gives the
 * real column the name `x_long` and the suffixed one `x_long1` (union docs, View_1..3 example), each
 * at the binder's position. Returns the output columns renamed that way and how to fill them.
 */
function resolveSuffixClashes(out: readonly IrColumn[], inputs: readonly Rel[]): { out: IrColumn[]; clashes: SuffixClashes } {
  const names = new Set(out.map((c) => c.name));
  const suffixOf = new Map<string, string>();
  const realOnly = new Set<string>();
  const renamed = out.map((c) => ({ ...c }));
  for (const c of out) {
    const m = /^(.+?)(\d+)$/.exec(c.name);
    const base = m?.[1];
    if (!base || !names.has(base) || suffixOf.has(base)) continue;
    const kindIn = (rel: Rel): 'real' | 'suffix' | undefined =>
      rel.columns.some((x) => x.name === base) ? 'real' : rel.columns.some((x) => `${x.name}_${x.type}` === base) ? 'suffix' : undefined;
    const kinds = inputs.map(kindIn).filter((k): k is 'real' | 'suffix' => k !== undefined);
    if (!kinds.includes('real') || !kinds.includes('suffix')) continue;
    // Does any input fill c.name by itself? Then it is not a clash rename.
    if (inputs.some((rel) => rel.columns.some((x) => x.name === c.name || `${x.name}_${x.type}` === c.name))) continue;
    const basePos = out.findIndex((x) => x.name === base);
    const otherPos = out.findIndex((x) => x.name === c.name);
    if (kinds[0] === 'suffix') {
      // Binder: base position = the suffixed column, c position = the real one. Kusto names them the other way.
      renamed[basePos] = { ...out[basePos]!, name: c.name };
      renamed[otherPos] = { ...out[otherPos]!, name: base };
    }
    suffixOf.set(c.name, base);
    realOnly.add(base);
  }
  return { out: renamed, clashes: { suffixOf, realOnly } };
}

interface GroupView { readonly Members?: { readonly Count: number; getItem(i: number): { readonly Name: string; readonly Kind: number; readonly Signatures?: { readonly Count: number; getItem(i: number): { readonly Declaration?: KNode | null; readonly Parameters?: { readonly Count: number } } } } } }

/**
 * A wildcarded name (`View*`): the tables, let-bound tables and parameterless views it matches
 * (the binder's group), in name order; an empty list when nothing matches (isfuzzy=true, the
 * binder diagnostic was dropped). undefined when the node is not a wildcard.
 */
function wildcardMembers(n: KNode, cx: LowerContext): { rel: Rel; name: string }[] | undefined {
  if (kindName(n) !== 'NameReference' || n.ChildCount === 0 || !n.GetChild(0) || kindName(n.GetChild(0)!) !== 'WildcardedName') return undefined;
  const sym = n.ReferencedSymbol as unknown as (GroupView & { Kind: number; Name: string }) | null;
  if (!sym || sym.Kind === SYMBOL_KIND.Error) return [];
  type Member = ReturnType<NonNullable<GroupView['Members']>['getItem']>;
  const members: Member[] = [];
  // A single match is the member symbol itself, several are a group.
  if (sym.Kind !== SYMBOL_KIND.Group) members.push(sym as unknown as Member);
  else for (let i = 0; i < (sym.Members?.Count ?? 0); i++) members.push(sym.Members!.getItem(i));
  members.sort((a, b) => (a.Name < b.Name ? -1 : a.Name > b.Name ? 1 : 0));
  return members.map((m) => {
    const bound = cx.lookup(m.Name);
    if (bound?.kind === 'table') return { rel: bound.rel, name: m.Name };
    if (m.Kind === SYMBOL_KIND.Table) {
      const table = findTable(m.Name);
      if (table) return { rel: R.scan({ table: table.name, columns: tableColumns((m as unknown as { ResultType?: KNode['ResultType'] }).ResultType ?? (m as never), n) }), name: m.Name };
    }
    const sig = m.Kind === SYMBOL_KIND.Function && m.Signatures && m.Signatures.Count > 0 ? m.Signatures.getItem(0) : undefined;
    const body = sig?.Declaration;
    if (!body || (sig?.Parameters?.Count ?? 0) > 0) throw notSupported(`wildcard member ${m.Name} of ${n.ToString().trim()}`, n);
    cx.push();
    try {
      const b = lowerFunctionBody(body, cx);
      if (b.kind !== 'table') throw notSupported(`scalar function ${m.Name} in a union`, n);
      return { rel: b.rel, name: m.Name };
    } finally {
      cx.pop();
    }
  });
}

/**
 * union kind=outer's columns: every input column by first appearance, a name seen with several
 * types becoming one `name_type` column per type; withsource's column first. Used only when the
 * binder gives no schema (wildcard groups of views); a schema from the binder is used as is.
 */
function outerSchema(inputs: readonly Rel[], sourceColumn: string | undefined, bound: readonly IrColumn[]): IrColumn[] {
  const types = new Map<string, Set<string>>();
  for (const rel of inputs) for (const c of rel.columns) { if (!types.has(c.name)) types.set(c.name, new Set()); types.get(c.name)!.add(c.type); }
  const out: IrColumn[] = [];
  const seen = new Set<string>();
  if (sourceColumn) { out.push({ name: sourceColumn, type: 'string' }); seen.add(sourceColumn); }
  for (const rel of inputs) {
    for (const c of rel.columns) {
      const name = types.get(c.name)!.size > 1 ? `${c.name}_${c.type}` : c.name;
      if (seen.has(name)) continue;
      seen.add(name);
      out.push({ name, type: c.type });
    }
  }
  // Tables the binder knows (DeviceLogon*) come with its schema, which later operators bind to.
  return bound.some((c) => c.name !== sourceColumn) ? [...bound] : out;
}
