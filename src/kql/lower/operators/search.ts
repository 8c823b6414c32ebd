/**
 * search [in (T1, T2…)] <condition>: a bare "term" matches when any string column has the term
 * (whole-term, case-insensitive; `*` wildcards become a contains/regex match); `Col:"v"` is
 * `Col has "v"`; other expressions are ordinary predicates. Several tables union with `$table`.
 */
import { child, kindName, list, requireChild, type KNode } from '../../bridge/syntax.js';
import * as R from '../../ir/relational.js';
import type { Rel } from '../../ir/relational.js';
import { call, col, lit, type Scalar } from '../../ir/scalar.js';
import { notSupported, type LowerContext } from '../context.js';
import { lowerScalar } from '../scalar.js';
import { lowerTabular } from '../tabular.js';
import { outputColumns, requireInput, type OperatorLowering } from './shared.js';
import { alignTo } from './union.js';

function termMatch(term: string, column: Scalar): Scalar {
  if (term.includes('*')) {
    const re = `(?i)${term.split('*').map((p) => p.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')).join('.*')}`;
    return call('op:MatchRegex', [column, lit(re, 'string')], 'bool');
  }
  return call('op:Has', [column, lit(term, 'string')], 'bool');
}

function searchPredicate(node: KNode, rel: Rel, cx: LowerContext): Scalar {
  const k = kindName(node);
  if (k === 'AndExpression' || k === 'OrExpression') {
    return call(k === 'AndExpression' ? 'op:And' : 'op:Or', [searchPredicate(requireChild(node, 'Left'), rel, cx), searchPredicate(requireChild(node, 'Right'), rel, cx)], 'bool');
  }
  if (k === 'ParenthesizedExpression') return searchPredicate(requireChild(node, 'Expression'), rel, cx);
  if (k === 'StringLiteralExpression' && node.ResultType?.Name === 'bool') {
    const term = String(node.LiteralValue ?? '');
    const cols = rel.columns.filter((c) => c.type === 'string');
    if (cols.length === 0) return lit(false, 'bool');
    return cols.map((c) => termMatch(term, col(c.name, c.type))).reduce((a, b) => call('op:Or', [a, b], 'bool'));
  }
  if (k === 'SearchExpression') {
    const target = lowerScalar(requireChild(node, 'Left'), cx);
    const value = requireChild(node, 'Right');
    return termMatch(String(value.LiteralValue ?? value.ToString().trim()), target);
  }
  return lowerScalar(node, cx);
}

export const lowerSearch: OperatorLowering = (op, input, cx) => {
  const inClause = child(op, 'InClause');
  const condition = requireChild(op, 'Condition');
  const sources: { rel: Rel; name: string }[] = inClause
    ? list(inClause, 'Expressions').map((e) => ({ rel: lowerTabular(e, cx), name: e.ReferencedSymbol?.Name ?? e.ToString().trim() }))
    : [{ rel: requireInput(input, op), name: '' }];
  if (sources.length === 0) throw notSupported('search without tables', op);
  const out = outputColumns(op);
  const filtered = sources.map((s) => ({ ...s, rel: R.filter(s.rel, searchPredicate(condition, s.rel, cx)) }));
  const hasTableColumn = out.some((c) => c.name === '$table');
  if (filtered.length === 1 && !hasTableColumn) return filtered[0]!.rel;
  const aligned = filtered.map((s) => R.project(s.rel, alignTo(s.rel, out, hasTableColumn ? '$table' : undefined)));
  return R.union({ inputs: aligned, sourceColumn: hasTableColumn ? '$table' : undefined, sourceNames: filtered.map((s) => s.name), columns: out });
};
