/**
 * mv-apply as a LATERAL join: the subquery's source is the current outer row with its arrays
 * expanded (compiled like mv-expand, but reading the outer row's columns through its alias). An
 * engine without LATERAL joins runs the subquery partitioned instead (compile-apply-partitioned.ts).
 */
import type { Apply, ApplySource } from '../kql/ir/relational.js';
import * as R from '../kql/ir/relational.js';
import type { Compiled, SqlCompiler } from './compile.js';
import { compileMvExpand } from './compile-complex.js';
import { compileApplyPartitioned, compilePartitionedSource } from './compile-apply-partitioned.js';

export function compileApply(rel: Apply, c: SqlCompiler): Compiled {
  if (!c.dialect.flags.lateral) return compileApplyPartitioned(rel, c);
  const input = c.compile(rel.input);
  const o = c.nextAlias();
  c.applyOuter.set(rel.id, { rel, names: input.names.map((n) => `${o}.${n}`) });
  const sub = c.compile(rel.sub);
  c.applyOuter.delete(rel.id);
  const s = c.nextAlias();
  const names = c.columnNames(rel.columns);
  const cols = rel.columns.map((col, i) => {
    const si = rel.sub.columns.findIndex((x) => x.name === col.name);
    if (si >= 0) return `${s}.${sub.names[si]} AS ${names[i]}`;
    const oi = rel.input.columns.findIndex((x) => x.name === col.name);
    if (oi < 0) throw new Error(`internal: mv-apply column ${col.name} not found`);
    return `${o}.${input.names[oi]} AS ${names[i]}`;
  });
  return { sql: `SELECT ${cols.join(', ')} FROM (${input.sql}) AS ${o}, LATERAL (${sub.sql}) AS ${s}`, names };
}

export function compileApplySource(rel: ApplySource, c: SqlCompiler): Compiled {
  const outer = c.applyOuter.get(rel.id);
  if (!outer) throw new Error('internal: mv-apply source outside its apply');
  if (outer.partitioned) return compilePartitionedSource(rel, outer.partitioned, outer.rel, c);
  const expand = R.mvexpand({ input: outer.rel.input, items: outer.rel.items, indexColumn: outer.rel.indexColumn, columns: rel.columns });
  return compileMvExpand(expand, c, { sql: 'SELECT 1', names: outer.names });
}
