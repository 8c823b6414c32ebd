/**
 * geo_line_lookup / geo_polygon_lookup(LookupTable, LookupKey, SourceLongitude, SourceLatitude
 * [, radius [, return_unmatched [, lookup_area_radius [, return_lookup_key]]]]), as Kusto documents
 * them: a lookup join of every input row with every lookup row whose line lies within `radius`
 * metres (geo_distance_point_to_line), or whose polygon contains the point or lies within `radius`
 * of it (geo_point_in_polygon / geo_distance_point_to_polygon). The output columns are the binder's
 * (the lookup key only with return_lookup_key = true). lookup_area_radius is only a performance hint
 * in Kusto, so it does not change the answer here. Built from an ordinary join with a residual
 * condition, so every value goes through the compiled SQL.
 */
import { kindName, type KNode } from '../../bridge/syntax.js';
import * as R from '../../ir/relational.js';
import { call, col, type Scalar } from '../../ir/scalar.js';
import { notSupported, type LowerContext } from '../context.js';
import { lowerScalar } from '../scalar.js';
import { lowerTabular } from '../tabular.js';
import { pluginArgs } from './plugins.js';
import { outputColumns } from './shared.js';

function columnOf(n: KNode | undefined, rel: R.Rel, what: string, op: KNode): R.Rel['columns'][number] {
  const name = n && kindName(n) === 'NameReference' ? (n.ReferencedSymbol?.Name ?? n.SimpleName ?? '') : '';
  const c = rel.columns.find((x) => x.name === name);
  if (!c) throw notSupported(`${what} that is not a column of its table`, n ?? op);
  return c;
}

function boolLiteral(n: KNode | undefined, what: string): boolean {
  if (!n) return false;
  const v = n.LiteralValue as unknown;
  if (n.IsLiteral && (typeof v === 'boolean' || /^(true|false)$/i.test(String(v)))) return String(v).toLowerCase() === 'true';
  throw notSupported(`${what} that is not a bool literal`, n);
}

export function lowerGeoLookup(kind: 'line' | 'polygon', rel: R.Rel, args: readonly KNode[], op: KNode, cx: LowerContext): R.Rel {
  const name = `geo_${kind}_lookup`;
  const { positional, named } = pluginArgs(args);
  if (positional.length < 4) throw notSupported(`${name} with fewer than 4 arguments`, op);
  const saved = cx.ordering;
  const lookup = lowerTabular(positional[0]!, cx);
  cx.ordering = saved;
  const key = columnOf(positional[1], lookup, `${name} lookup key`, op);
  const lon = columnOf(positional[2], rel, `${name} longitude`, op);
  const lat = columnOf(positional[3], rel, `${name} latitude`, op);
  const radiusNode = named.get('radius') ?? positional[4];
  let radius: Scalar | null = null;
  if (radiusNode) {
    radius = lowerScalar(radiusNode, cx);
    if (radius.k !== 'lit') throw notSupported(`${name} radius that is not a constant`, radiusNode);
  }
  if (kind === 'line' && !radius) throw notSupported(`${name} without a radius`, op);
  const unmatched = boolLiteral(named.get('return_unmatched') ?? positional[5], 'return_unmatched');
  boolLiteral(named.get('return_lookup_key') ?? positional[7], 'return_lookup_key'); // the binder's output columns already say it
  const L = (c: R.Rel['columns'][number]) => col(`__left|${c.name}`, c.type);
  const K = col(`__right|${key.name}`, key.type);
  const within = (fn: string) => call('op:LessThanOrEqual', [call(fn, [L(lon), L(lat), K], 'real'), radius!], 'bool');
  const residual = kind === 'line'
    ? within('geo_distance_point_to_line')
    : radius ? within('geo_distance_point_to_polygon') : call('geo_point_in_polygon', [L(lon), L(lat), K], 'bool');
  if (rel.columns.some((x) => lookup.columns.some((y) => y.name === x.name))) throw notSupported(`${name} tables sharing a column name with the input`, op);
  const out = outputColumns(op);
  const picks = out.map((c) => {
    if (rel.columns.some((x) => x.name === c.name)) return { side: 'left' as const, from: c.name, name: c.name };
    if (lookup.columns.some((x) => x.name === c.name)) return { side: 'right' as const, from: c.name, name: c.name };
    throw notSupported(`${name} output column ${c.name}`, op);
  });
  cx.ordering = null;
  return R.join({ kind: unmatched ? 'leftouter' : 'inner', left: rel, right: lookup, on: [], picks, columns: out, residual });
}
