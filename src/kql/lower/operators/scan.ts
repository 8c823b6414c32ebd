/**
 * scan: lowers steps, declarations and with_match_id to a `seqscan` node. Step-qualified
 * references (`s1.col`) become columns `__step|<index>|col` that the compiler resolves against the
 * right step state. Refused (never guessed): output=last, optional steps, scan's own order
 * by/partition by clauses, references to a later step, unqualified reads of declared columns and
 * row functions inside steps.
 */
import { child, childText, kindName, list, namedParameters, requireChild, type KNode } from '../../bridge/syntax.js';
import * as R from '../../ir/relational.js';
import type { Rel, ScanStepIr } from '../../ir/relational.js';
import { referencedColumns, type Scalar, type SortKey } from '../../ir/scalar.js';
import { notSupported, type LowerContext } from '../context.js';
import { literalFor } from '../literals.js';
import { lowerScalar } from '../scalar.js';
import { nullOf, outputColumns, requireInput, type OperatorLowering } from './shared.js';

export const lowerScan: OperatorLowering = (op, input, cx) => lowerScanWith(op, requireInput(input, op), cx, []);

/** scan over `rel`, serialized by the current ordering, restarting per `partition` key. */
export function lowerScanWith(op: KNode, rel: Rel, cx: LowerContext, partition: readonly Scalar[], order?: readonly SortKey[]): Rel {
  if (child(op, 'OrderByClause') || child(op, 'PartitionByClause')) throw notSupported('scan order by/partition by clause', op);
  const params = namedParameters(op);
  let matchId: string | undefined;
  for (const [name, value] of params) {
    if (name !== 'with_match_id') throw notSupported(`scan parameter ${name}`, op);
    matchId = value.SimpleName ?? value.ToString().trim();
  }
  // The binder always appends a match_id column; Kusto outputs one only with with_match_id.
  const bound = outputColumns(op);
  const extra = bound.length - rel.columns.length - list(child(op, 'DeclareClause'), 'Declarations').length;
  const out = !matchId && extra === 1 && bound[bound.length - 1]!.name === 'match_id' ? bound.slice(0, -1) : bound;
  const inputNames = new Set(rel.columns.map((c) => c.name));
  const declared = list(child(op, 'DeclareClause'), 'Declarations').map((d) => {
    const name = requireChild(requireChild(d, 'NameAndType'), 'Name').SimpleName ?? '';
    const type = out.find((c) => c.name === name)?.type;
    if (!type) throw notSupported(`scan declaration ${name}`, d);
    const dv = child(d, 'DefaultValue');
    const value = dv ? requireChild(dv, 'Value') : null;
    // The binder leaves default values untyped: a literal takes the declared type.
    const init = !value ? nullOf(type) : value.IsLiteral && !value.ResultType ? literalFor(value, type) : lowerScalar(value, cx);
    return { name, type, init };
  });
  const declaredNames = new Set(declared.map((d) => d.name));
  const stepNodes = list(op, 'Steps');
  const index = new Map(stepNodes.map((s, i) => [requireChild(s, 'Name').SimpleName ?? '', i + 1] as const));
  const saved = cx.scanSteps;
  cx.scanSteps = index;
  try {
    const steps: ScanStepIr[] = stepNodes.map((s, i) => {
      const so = child(s, 'ScanStepOutput');
      const kind = so ? childText(so, 'OutputKind').toLowerCase() : 'all';
      if (kind !== 'all' && kind !== 'none') throw notSupported(`scan step output=${kind}`, s);
      if (child(s, 'OptionalKeyword')) throw notSupported('optional scan step', s);
      const check = (e: Scalar, node: KNode): Scalar => {
        for (const name of referencedColumns(e)) {
          const m = /^__step\|(\d+)\|/.exec(name);
          if (m && Number(m[1]) > i + 1) throw notSupported('scan step referencing a later step', node);
          if (!m && declaredNames.has(name) && !inputNames.has(name)) throw notSupported(`unqualified reference to scan column '${name}' (use <step>.${name})`, node);
        }
        if (hasRowFunction(e)) throw notSupported('row function inside a scan step', node);
        return e;
      };
      const condNode = requireChild(s, 'Condition');
      const condition = check(lowerScalar(condNode, cx), condNode);
      const assigns = list(child(s, 'ComputationClause'), 'Assignments').map((a) => {
        const name = requireChild(a, 'Name').SimpleName ?? '';
        if (!declaredNames.has(name)) throw notSupported(`scan assignment to '${name}' (not declared)`, a);
        const exprNode = requireChild(a, 'Expression');
        return { name, expr: check(lowerScalar(exprNode, cx), exprNode) };
      });
      return { name: requireChild(s, 'Name').SimpleName ?? `s${i + 1}`, output: kind, condition, assigns };
    });
    if (steps.length === 0) throw notSupported('scan without steps', op);
    if (kindName(op) !== 'ScanOperator') throw notSupported('scan', op);
    return R.seqScan({ input: rel, order: order ?? cx.ordering ?? [], partition, declared, ...(matchId ? { matchId } : {}), steps, columns: out });
  } finally {
    cx.scanSteps = saved;
  }
}

function hasRowFunction(e: Scalar): boolean {
  if (e.k === 'row') return true;
  if (e.k === 'call') return e.args.some(hasRowFunction);
  return false;
}
