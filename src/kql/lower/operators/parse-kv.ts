/**
 * parse-kv: extracts the listed keys from "key<kv>value<pair>..." text. Each key becomes one RE2
 * regex (quoted keys/values, escapes, greedy values) or, with regex=, a lookup in the pairs the
 * user's two-group regex yields. Values convert to the declared types like parse's columns.
 */
import { child, list, requireChild, type KNode } from '../../bridge/syntax.js';
import * as R from '../../ir/relational.js';
import { call, col, lit, type Scalar } from '../../ir/scalar.js';
import { kqlTypeFromName, type KqlType } from '../../ir/types.js';
import { notSupported } from '../context.js';
import { lowerScalar } from '../scalar.js';
import { outputColumns, requireInput, selectColumns, type OperatorLowering } from './shared.js';

const esc = (s: string) => s.replace(/[\\^$.*+?()[\]{}|-]/g, '\\$&');
const CONVERT: Partial<Record<KqlType, string>> = { long: 'tolong', int: 'toint', real: 'toreal', datetime: 'todatetime', bool: 'tobool', dynamic: 'parse_json', guid: 'toguid', timespan: 'totimespan' };

function withProps(op: KNode): Map<string, string> {
  const props = new Map<string, string>();
  for (const p of list(child(op, 'WithClause'), 'Properties')) {
    const name = child(p, 'Name')?.SimpleName?.toLowerCase();
    const value = child(p, 'Expression');
    if (name && value) props.set(name, String(value.LiteralValue ?? value.ToString().trim()));
  }
  return props;
}

function valueRegex(key: string, props: Map<string, string>, hasWith: boolean): string {
  const pd = props.get('pair_delimiter');
  const kv = props.get('kv_delimiter');
  const quote = props.get('quote') ?? '';
  const escape = props.get('escape');
  const greedy = props.get('greedy')?.toLowerCase() === 'true';
  const pdRe = pd !== undefined ? esc(pd) : '[\\s,;]';
  const pdClass = pd !== undefined ? `[^${pd.replace(/[\\\]^-]/g, '\\$&')}]` : '[^\\s,;]';
  const kvRe = kv !== undefined ? esc(kv) : '[:=]';
  const open = quote[0] ?? '';
  const close = quote[1] ?? open;
  const keyAlt = open ? `(?:${esc(open)}${esc(key)}${esc(close)}|${esc(key)})` : esc(key);
  const start = hasWith && pd !== undefined ? `(?:^|${pdRe})\\s*` : '(?:^|[^\\w])';
  const quoted = open ? `${esc(open)}((?:${escape ? `${esc(escape)}.|` : ''}[^${esc(close)}])*)${esc(close)}|` : '';
  const plain = greedy ? `(.*?)(?:${pdRe}\\S+?${kvRe}|$)` : `(${pdClass}*)`;
  return `${start}${keyAlt}\\s*${kvRe}\\s*(?:${quoted}${plain})`;
}

export const lowerParseKv: OperatorLowering = (op, input, cx) => {
  const rel = requireInput(input, op);
  const source = lowerScalar(requireChild(op, 'Expression'), cx);
  const props = withProps(op);
  const hasWith = child(op, 'WithClause') !== null;
  const keys = list(child(op, 'Keys'), 'Columns').map((c) => {
    const name = requireChild(c, 'Name').SimpleName ?? '';
    const typeText = requireChild(c, 'Type').ToString().trim().toLowerCase();
    const type = kqlTypeFromName(typeText);
    if (!type) throw notSupported(`parse-kv column type ${typeText}`, c);
    return { name, type };
  });
  const assignments = new Map<string, Scalar>();
  for (const k of keys) {
    const userRegex = props.get('regex');
    const raw: Scalar = userRegex !== undefined
      ? call('kv.regex', [source, lit(userRegex, 'string'), lit(k.name, 'string')], 'string')
      : call('kv.value', [source, lit(valueRegex(k.name, props, hasWith), 'string'), lit(props.get('escape') ?? '', 'string')], 'string');
    const fn = CONVERT[k.type];
    assignments.set(k.name, fn ? call(fn, [raw], k.type) : raw);
  }
  const items = rel.columns.filter((c) => !assignments.has(c.name)).map((c) => ({ name: c.name, expr: col(c.name, c.type) as Scalar }));
  for (const [name, expr] of assignments) items.push({ name, expr });
  return selectColumns(R.project(rel, items), outputColumns(op));
};
