/**
 * top-nested: level i aggregates by the first i `of` keys, ranks within its parent group and
 * keeps the top N; each level is joined to the surviving parents. `with others` is refused.
 */
import { child, kindName, list, requireChild } from '../../bridge/syntax.js';
import * as R from '../../ir/relational.js';
import type { Rel } from '../../ir/relational.js';
import { call, col, lit, rowFn, sortKey, type Scalar } from '../../ir/scalar.js';
import { notSupported } from '../context.js';
import { lowerScalar } from '../scalar.js';
import { lowerSortKey } from './sort.js';
import { namedItem, outputColumns, requireInput, selectColumns, type OperatorLowering } from './shared.js';

export const lowerTopNested: OperatorLowering = (op, input, cx) => {
  const rel = requireInput(input, op);
  const out = outputColumns(op);
  const clauses = list(op, 'Clauses');
  let parent: Rel | undefined;
  const keyNames: string[] = [];
  clauses.forEach((clause, level) => {
    if (child(clause, 'WithOthersClause')) throw notSupported('top-nested with others', clause);
    const keyName = out[level * 2]!.name;
    const aggName = out[level * 2 + 1]!.name;
    const keyExpr = lowerScalar(namedItem(requireChild(clause, 'OfExpression')).expr, cx);
    const byNode = requireChild(clause, 'ByExpression');
    const ordered = kindName(byNode) === 'OrderedExpression';
    const aggNode = namedItem(ordered ? requireChild(byNode, 'Expression') : byNode).expr;
    const agg = lowerScalar(aggNode, cx);
    if (agg.k !== 'call') throw notSupported('top-nested by a non-aggregate', byNode);
    const desc = ordered ? lowerSortKey(byNode, cx).desc : true;
    const limitNode = child(clause, 'Expression');
    const limit = limitNode ? lowerScalar(limitNode, cx) : undefined;
    // Aggregate at this level: keys of all levels so far.
    const keys = [...keyNames.map((n, i) => ({ name: n, expr: levelKey(clauses, i, out, cx) })), { name: keyName, expr: keyExpr }];
    let levelRel: Rel = R.aggregate({
      input: rel, keys, aggs: [{ names: [aggName], fn: agg.fn, args: agg.args, types: [out[level * 2 + 1]!.type] }],
      columns: [...keys.map((k) => ({ name: k.name, type: k.expr.type })), { name: aggName, type: out[level * 2 + 1]!.type }],
    });
    if (limit) {
      const partition = keyNames.length ? call('pack_array', keyNames.map((n) => col(n, levelRel.columns.find((c) => c.name === n)!.type)), 'dynamic') : undefined;
      const rank = rowFn('row_number', [], [sortKey(col(aggName, out[level * 2 + 1]!.type), desc, false)], 'long', partition);
      const ranked = R.project(levelRel, [...levelRel.columns.map((c) => ({ name: c.name, expr: col(c.name, c.type) as Scalar })), { name: '__rank', expr: rank }]);
      levelRel = selectColumns(R.filter(ranked, call('op:LessThanOrEqual', [col('__rank', 'long'), limit], 'bool')), levelRel.columns);
    }
    if (parent) {
      const p: Rel = parent;
      const on = keyNames.map((n) => ({ left: col(n, p.columns.find((c) => c.name === n)!.type), right: col(n, levelRel.columns.find((c) => c.name === n)!.type) }));
      const picks = [
        ...p.columns.map((c) => ({ side: 'left' as const, from: c.name, name: c.name })),
        { side: 'right' as const, from: keyName, name: keyName },
        { side: 'right' as const, from: aggName, name: aggName },
      ];
      const right: Rel = levelRel;
      levelRel = R.join({ kind: 'inner', left: p, right, on, picks, columns: picks.map((pk) => (pk.side === 'left' ? p : right).columns.find((c) => c.name === pk.from)!) });
    }
    parent = levelRel;
    keyNames.push(keyName);
  });
  void lit;
  return selectColumns(parent!, out);
};

function levelKey(clauses: ReturnType<typeof list>, i: number, out: ReturnType<typeof outputColumns>, cx: Parameters<OperatorLowering>[2]): Scalar {
  return lowerScalar(namedItem(requireChild(clauses[i]!, 'OfExpression')).expr, cx) ?? col(out[i * 2]!.name, out[i * 2]!.type);
}
