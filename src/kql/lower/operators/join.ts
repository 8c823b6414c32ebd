/**
 * join (every kind; default innerunique) and lookup (default leftouter). Keys come from
 * `on Col`, `on $left.A == $right.B` and `and` chains of those. Output names are the binder's
 * (right-side duplicates get the `1` suffix there).
 */
import { child, childText, kindName, list, requireChild, type KNode } from '../../bridge/syntax.js';
import * as R from '../../ir/relational.js';
import type { JoinKind, Rel } from '../../ir/relational.js';
import { col, type Scalar } from '../../ir/scalar.js';
import { LowerError, notSupported, type LowerContext } from '../context.js';
import { lowerTabular } from '../tabular.js';
import { namedParameters } from '../../bridge/syntax.js';
import { columnType, outputColumns, requireInput, type OperatorLowering } from './shared.js';

const KINDS: Record<string, JoinKind> = {
  innerunique: 'innerunique', inner: 'inner', leftouter: 'leftouter', rightouter: 'rightouter', fullouter: 'fullouter',
  outer: 'fullouter', leftsemi: 'leftsemi', leftanti: 'leftanti', leftantisemi: 'leftanti', rightsemi: 'rightsemi', rightanti: 'rightanti', rightantisemi: 'rightanti',
  anti: 'leftanti', semi: 'leftsemi',
};

function joinKind(op: KNode, dflt: JoinKind): JoinKind {
  const k = namedParameters(op).get('kind');
  if (!k) return dflt;
  const name = k.ToString().trim().toLowerCase();
  const kind = KINDS[name];
  if (!kind) throw notSupported(`join kind=${name}`, op);
  return kind;
}

interface KeyPair { left: string; right: string }

function sideOf(node: KNode): { side: 'left' | 'right'; name: string } | undefined {
  if (kindName(node) !== 'PathExpression') return undefined;
  const target = requireChild(node, 'Expression').ToString().trim().toLowerCase();
  const name = requireChild(node, 'Selector').SimpleName ?? requireChild(node, 'Selector').ToString().trim();
  if (target === '$left') return { side: 'left', name };
  if (target === '$right') return { side: 'right', name };
  return undefined;
}

function collectKeys(node: KNode, out: KeyPair[]): void {
  const kind = kindName(node);
  if (kind === 'NameReference') {
    const name = node.ReferencedSymbol?.Name ?? node.SimpleName ?? '';
    out.push({ left: name, right: name });
    return;
  }
  if (kind === 'AndExpression') {
    collectKeys(requireChild(node, 'Left'), out);
    collectKeys(requireChild(node, 'Right'), out);
    return;
  }
  if (kind === 'EqualExpression') {
    const a = sideOf(requireChild(node, 'Left'));
    const b = sideOf(requireChild(node, 'Right'));
    if (a && b && a.side !== b.side) {
      out.push(a.side === 'left' ? { left: a.name, right: b.name } : { left: b.name, right: a.name });
      return;
    }
  }
  if (kind === 'ParenthesizedExpression') return collectKeys(requireChild(node, 'Expression'), out);
  throw notSupported(`join condition '${node.ToString().trim()}'`, node);
}

function keysOf(op: KNode, clauseProp: string): KeyPair[] {
  const clause = child(op, clauseProp);
  if (!clause || kindName(clause) !== 'JoinOnClause') throw notSupported('join without an on clause', op);
  const keys: KeyPair[] = [];
  for (const e of list(clause, 'Expressions')) collectKeys(e, keys);
  return keys;
}

function keyExprs(keys: KeyPair[], left: Rel, right: Rel, op: KNode): { left: Scalar; right: Scalar }[] {
  return keys.map((k) => {
    const lt = columnType(left, k.left);
    const rt = columnType(right, k.right);
    if (!lt || !rt) throw new LowerError(`join key ${k.left}/${k.right} not found`, op, 'KQL-BIND');
    return { left: col(k.left, lt), right: col(k.right, rt) };
  });
}

function lowerRight(op: KNode, cx: LowerContext): Rel {
  const saved = cx.ordering;
  const rel = lowerTabular(requireChild(op, 'Expression'), cx);
  cx.ordering = saved;
  return rel;
}

export const lowerJoin: OperatorLowering = (op, input, cx) => {
  const left = requireInput(input, op);
  const right = lowerRight(op, cx);
  const kind = joinKind(op, 'innerunique');
  const on = keyExprs(keysOf(op, 'ConditionClause'), left, right, op);
  const out = outputColumns(op);
  let picks: R.Join['picks'];
  if (kind === 'leftsemi' || kind === 'leftanti') picks = left.columns.map((c) => ({ side: 'left' as const, from: c.name, name: c.name }));
  else if (kind === 'rightsemi' || kind === 'rightanti') picks = right.columns.map((c) => ({ side: 'right' as const, from: c.name, name: c.name }));
  else {
    if (out.length !== left.columns.length + right.columns.length) throw notSupported('join output shape', op);
    picks = out.map((c, i) => (i < left.columns.length
      ? { side: 'left' as const, from: left.columns[i]!.name, name: c.name }
      : { side: 'right' as const, from: right.columns[i - left.columns.length]!.name, name: c.name }));
  }
  cx.ordering = null;
  return R.join({ kind, left, right, on, picks, columns: picks.map((p, i) => ({ name: p.name, type: out[i]?.type ?? (p.side === 'left' ? left : right).columns.find((c) => c.name === p.from)!.type })) });
};

export const lowerLookup: OperatorLowering = (op, input, cx) => {
  const left = requireInput(input, op);
  const right = lowerRight(op, cx);
  const kind = joinKind(op, 'leftouter');
  if (kind !== 'leftouter' && kind !== 'inner') throw notSupported(`lookup kind=${kind}`, op);
  const keys = keysOf(op, 'LookupClause');
  const on = keyExprs(keys, left, right, op);
  const out = outputColumns(op);
  const rightKeys = new Set(keys.map((k) => k.right));
  const rightCols = right.columns.filter((c) => !rightKeys.has(c.name));
  if (out.length !== left.columns.length + rightCols.length) throw notSupported('lookup output shape', op);
  const picks = out.map((c, i) => (i < left.columns.length
    ? { side: 'left' as const, from: left.columns[i]!.name, name: c.name }
    : { side: 'right' as const, from: rightCols[i - left.columns.length]!.name, name: c.name }));
  cx.ordering = null;
  void childText;
  return R.join({ kind, left, right, on, picks, columns: out });
};
