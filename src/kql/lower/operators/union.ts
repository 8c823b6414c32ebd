/**
 * union (outer by name, the default; kind=inner keeps common columns) with withsource. Columns
 * missing from an input are null ('' for strings); type-suffixed names (x_string) map back to x.
 */
import { child, kindName, list, namedParameters, type KNode } from '../../bridge/syntax.js';
import * as R from '../../ir/relational.js';
import type { Rel } from '../../ir/relational.js';
import { col } from '../../ir/scalar.js';
import type { IrColumn } from '../../ir/types.js';
import { LowerError, type LowerContext } from '../context.js';
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

export function alignTo(rel: Rel, out: readonly IrColumn[], skip: string | undefined): R.NamedExpr[] {
  return out.filter((c) => c.name !== skip).map((c) => {
    const same = rel.columns.find((x) => x.name === c.name && x.type === c.type);
    if (same) return { name: c.name, expr: col(same.name, same.type) };
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
  nodes.forEach((n, i) => {
    try {
      inputs.push(lowerTabular(n, cx));
      names.push(sourceName(n, i + (input ? 1 : 0)));
    } catch (err) {
      // isfuzzy=true: inputs that do not resolve are skipped, as in Kusto.
      if (!(fuzzy && err instanceof LowerError && /not supported: table /.test(err.message))) throw err;
    }
  });
  cx.ordering = saved && false ? saved : null;
  const out = outputColumns(op);
  const aligned = inputs.map((rel) => R.project(rel, alignTo(rel, out, sourceColumn)));
  return R.union({ inputs: aligned, sourceColumn, sourceNames: names, columns: out });
};
