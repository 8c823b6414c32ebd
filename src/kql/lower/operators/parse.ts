/**
 * parse / parse-where (kind=simple|regex|relaxed): the pattern becomes one
 * anchored RE2 regex; each extracted column is a capture group converted to its declared type.
 * Unmatched rows get ''/null (parse) or are dropped (parse-where).
 */
import { child, kindName, list, namedParameters, requireChild, type KNode } from '../../bridge/syntax.js';
import * as R from '../../ir/relational.js';
import { call, col, lit, type Scalar } from '../../ir/scalar.js';
import { kqlTypeFromName, type KqlType } from '../../ir/types.js';
import { notSupported } from '../context.js';
import { lowerScalar } from '../scalar.js';
import { outputColumns, requireInput, selectColumns, type OperatorLowering } from './shared.js';

const escapeRegex = (s: string) => s.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');

interface Piece { kind: 'literal' | 'column' | 'star'; text?: string; name?: string; type?: KqlType }

function pieces(op: KNode): Piece[] {
  const out: Piece[] = [];
  for (const p of list(op, 'Patterns')) {
    const k = kindName(p);
    if (k === 'StarExpression') out.push({ kind: 'star' });
    else if (k === 'NameAndTypeDeclaration') {
      const typeText = requireChild(p, 'Type').ToString().trim().toLowerCase();
      const t = kqlTypeFromName(typeText);
      if (!t) throw notSupported(`parse column type ${typeText}`, p);
      out.push({ kind: 'column', name: requireChild(p, 'Name').SimpleName ?? '', type: t });
    } else if (k === 'NameDeclaration') out.push({ kind: 'column', name: p.SimpleName ?? '', type: 'string' });
    else if (p.IsLiteral && typeof p.LiteralValue === 'string') out.push({ kind: 'literal', text: p.LiteralValue });
    else throw notSupported(`parse pattern element ${p.ToString().trim()}`, p);
  }
  return out;
}

function buildRegex(ps: Piece[], regexMode: boolean, relaxed = false): string {
  let re = '^';
  ps.forEach((p, i) => {
    const last = i === ps.length - 1;
    // In regex mode the user's own groups must not shift the column group numbers.
    if (p.kind === 'literal') re += regexMode ? p.text!.replace(/(^|[^\\])\((?!\?)/g, '$1(?:') : escapeRegex(p.text!);
    else if (p.kind === 'star') re += last || regexMode ? '.*' : '.*?';
    else {
      const numeric = p.type === 'long' || p.type === 'int';
      const any = last ? '.*' : '.*?';
      const typed = numeric ? '-?\\d+' : p.type === 'real' ? '-?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?' : undefined;
      // relaxed: the typed form is preferred, any text is accepted in its place (it converts to null).
      re += regexMode && (p.type === 'string' || p.type === 'datetime') ? '(.*)' : typed === undefined ? `(${any})` : relaxed ? `(${typed}|${any})` : `(${typed})`;
    }
  });
  const endsWithLiteral = ps.length > 0 && ps[ps.length - 1]!.kind === 'literal';
  return `(?s)${re}${endsWithLiteral ? '' : ''}`;
}

function lowerParseCommon(op: KNode, input: R.Rel | undefined, cx: Parameters<OperatorLowering>[2], dropUnmatched: boolean): R.Rel {
  const rel = requireInput(input, op);
  const mode = namedParameters(op).get('kind')?.ToString().trim().toLowerCase() ?? 'simple';
  if (mode !== 'simple' && mode !== 'regex' && mode !== 'relaxed') throw notSupported(`parse kind=${mode}`, op);
  const source = lowerScalar(requireChild(op, 'Expression'), cx);
  const ps = pieces(op);
  const flags = namedParameters(op).get('flags')?.ToString().trim().replace(/[^imsU]/g, '') ?? '';
  const relaxed = mode === 'relaxed';
  const regex = `${flags ? `(?${flags})` : ''}${buildRegex(ps, mode === 'regex', relaxed)}`;
  const re = lit(regex, 'string');
  const matched: Scalar = call('op:MatchRegex', [source, re], 'bool');
  let group = 0;
  const assignments = new Map<string, Scalar>();
  for (const p of ps) {
    if (p.kind !== 'column') continue;
    group += 1;
    const extracted = call('extract', [re, lit(String(group), 'long'), source], 'string');
    const typed = p.type === 'string' ? extracted : call(p.type === 'datetime' ? 'todatetime' : p.type === 'real' ? 'toreal' : p.type === 'int' ? 'toint' : p.type === 'bool' ? 'tobool' : p.type === 'dynamic' ? 'parse_json' : p.type === 'timespan' ? 'totimespan' : 'tolong', [extracted], p.type!);
    assignments.set(p.name!, typed);
  }
  // A row parses only if the pattern matches and every typed column converts; otherwise all
  // extracted columns are empty (parse) or the row is dropped (parse-where). kind=relaxed: a
  // typed column matches any text and only that column is null when it does not convert.
  let ok: Scalar = matched;
  if (!relaxed) for (const [, v] of assignments) if (v.type !== 'string') ok = call('op:And', [ok, call('isnotnull', [v], 'bool')], 'bool');
  if (ok !== matched) {
    for (const [name, v] of assignments) assignments.set(name, call('iff', [ok, v, v.type === 'string' ? lit('', 'string') : lit(null, v.type)], v.type));
  }
  const base = dropUnmatched ? R.filter(rel, ok) : rel;
  const items = base.columns.filter((c) => !assignments.has(c.name)).map((c) => ({ name: c.name, expr: col(c.name, c.type) as Scalar }));
  for (const [name, expr] of assignments) items.push({ name, expr });
  return selectColumns(R.project(base, items), outputColumns(op));
}

export const lowerParse: OperatorLowering = (op, input, cx) => lowerParseCommon(op, input, cx, false);
export const lowerParseWhere: OperatorLowering = (op, input, cx) => lowerParseCommon(op, input, cx, true);
export { child };
