/**
 * IR → SQL: one nested SELECT per relational node, aliases t1, t2... from a counter (stable SQL),
 * shared subtrees as CTEs. Dispatch is a Record over node kinds, so a new kind without a compiler
 * is a type error. Output column i of every node is named by `names[i]`.
 */
import type { Rel, RelKind } from '../kql/ir/relational.js';
import type { KqlType } from '../schema/kql-types.js';
import { parseHiddenBag } from '../kql/ir/types.js';
import { hook, type Dialect } from './dialect.js';
import { compileScalar, literalSql, orderBySql, type ScalarEnv } from './compile-scalar.js';
import type { Scalar, SortKey } from '../kql/ir/scalar.js';
import { compileAggregate, compileJoin, compileMvExpand } from './compile-complex.js';
import { compileApply, compileApplySource } from './compile-apply.js';
import { compileSeqScan } from './compile-scan.js';
import { compileSeries } from './compile-series.js';
import { quoteIdent, quoteString } from './quote.js';
import { holdsTicks } from './ticks.js';

export interface Compiled { readonly sql: string; readonly names: readonly string[] }

export class SqlCompiler {
  private alias = 0;
  readonly ctes: string[] = [];
  /** Values evaluated once before the query (dialect flag sessionConstants): name → scalar SELECT. */
  readonly constants: { readonly name: string; readonly sql: string }[] = [];
  private readonly sharedNames = new Map<number, Compiled>();
  /** Open mv-apply scopes: id → the outer row's alias-qualified input. */
  readonly applyOuter = new Map<number, { rel: import('../kql/ir/relational.js').Apply; names: readonly string[]; partitioned?: import('./compile-apply-partitioned.js').PartitionedOuter }>();

  constructor(readonly dialect: Dialect, readonly nowMicros: string) {}

  nextAlias(): string { return `t${++this.alias}`; }

  /** Output names for a node's columns: the KQL names, made unique case-insensitively. */
  columnNames(columns: readonly { name: string }[]): string[] {
    const seen = new Set<string>();
    return columns.map((c, i) => {
      let n = c.name;
      if (seen.has(n.toLowerCase())) n = `${n}__${i}`;
      seen.add(n.toLowerCase());
      return quoteIdent(n);
    });
  }

  /**
   * Scalar environment over one input relation. With `qualifier` (the input's alias in FROM) column
   * references are qualified, so a lambda parameter of the generated SQL (`i -> …` in a list
   * function) never captures a column of the same name.
   */
  env(input: Rel | undefined, inputNames: readonly string[], qualifier?: string): ScalarEnv {
    return {
      dialect: this.dialect,
      nowMicros: this.nowMicros,
      resolve: (name) => {
        const i = input ? input.columns.findIndex((c) => c.name === name) : -1;
        const bagAt = (): number => (input ? input.columns.findIndex((c) => { const h = parseHiddenBag(c.name); return h !== undefined && name.startsWith(h.prefix); }) : -1);
        if (i >= 0 && !name.startsWith('__')) {
          // After bag_unpack(…, columnsConflict='replace_source') a same-named key may replace this column.
          const b = bagAt();
          if (b >= 0 && parseHiddenBag(input!.columns[b]!.name)!.conflict === 'replace') throw new Error(`not supported: reading column ${name} after bag_unpack with columnsConflict='replace_source'`);
        }
        if (i < 0) {
          // A name from an unpacked bag: read it from the hidden bag column.
          const b = bagAt();
          if (b < 0) throw new Error(`internal: column ${name} not in input`);
          const bagSql = qualifier ? `${qualifier}.${inputNames[b]}` : inputNames[b]!;
          return hook(this.dialect, 'jsonGet')(bagSql, quoteString(name.slice(parseHiddenBag(input!.columns[b]!.name)!.prefix.length)), false);
        }
        return qualifier ? `${qualifier}.${inputNames[i]}` : inputNames[i]!;
      },
      subquery: (rel) => {
        const c = this.compile(rel);
        return { sql: c.sql, firstColumn: c.names[0] ?? 'NULL' };
      },
      ...(this.dialect.flags.sessionConstants ? { constant: (sql: string) => this.constant(sql) } : {}),
    };
  }

  /** Registers a value to compute before the query; returns SQL reading it as a constant. */
  constant(sql: string): string {
    const name = `__harrier_c${this.constants.length + 1}`;
    this.constants.push({ name, sql });
    return hook(this.dialect, 'getSessionConstant')(name);
  }

  compile(rel: Rel): Compiled {
    const allowed = this.dialect.relations;
    if (allowed !== 'all' && !allowed.has(rel.k)) throw new Error(`not supported: ${RELATION_LABEL[rel.k]} on the ${this.dialect.label} engine (the DuckDB engine runs it)`);
    return (COMPILERS[rel.k] as (r: Rel, c: SqlCompiler) => Compiled)(rel, this);
  }

  shared(rel: Rel & { k: 'shared' }): Compiled {
    const existing = this.sharedNames.get(rel.id);
    if (existing) return existing;
    const inner = this.compile(rel.input);
    const name = `s${rel.id}`;
    this.ctes.push(`${name} AS ${this.dialect.flags.materializedCte ? 'MATERIALIZED ' : ''}(${inner.sql})`);
    const c = { sql: `SELECT * FROM ${name}`, names: inner.names };
    this.sharedNames.set(rel.id, c);
    return c;
  }

  sqlType(t: KqlType): string { return hook(this.dialect, 'sqlType')(t); }
}

/** How a relational node is named in a refusal (the KQL that produces it). */
const RELATION_LABEL: Readonly<Record<RelKind, string>> = {
  scan: 'a table', values: 'datatable/print', range: 'range', filter: 'where', project: 'project/extend',
  aggregate: 'summarize', sort: 'sort', take: 'take', join: 'join', union: 'union', mvexpand: 'mv-expand',
  apply: 'mv-apply', applysource: 'mv-apply', shared: 'a shared subquery', seqscan: 'scan', series: 'make-series',
};

type Compilers = { [K in RelKind]: (rel: Extract<Rel, { k: K }>, c: SqlCompiler) => Compiled };

const COMPILERS: Compilers = {
  scan: (rel, c) => {
    const names = rel.columns.map((col) => quoteIdent(col.name));
    return { sql: `SELECT ${names.join(', ')} FROM ${quoteIdent(rel.table)}`, names };
  },
  values: (rel, c) => {
    const names = c.columnNames(rel.columns);
    const env = c.env(undefined, []);
    const cell = (e: Rel extends never ? never : import('../kql/ir/scalar.js').Scalar, t: KqlType) => {
      const sql = compileScalar(e, env);
      // A datetime with sub-microsecond ticks stays TIMESTAMP_NS (a TIMESTAMP cast would cut them).
      if (t === 'datetime' && e.type === t && holdsTicks(sql)) return sql;
      return e.type === t ? `CAST(${sql} AS ${c.sqlType(t)})` : castTo(sql, e.type, t, c);
    };
    if (rel.rows.length === 0) {
      return { sql: `SELECT ${rel.columns.map((col, i) => `CAST(NULL AS ${c.sqlType(col.type)}) AS ${names[i]}`).join(', ')} WHERE FALSE`, names };
    }
    if (rel.rows.length === 1) {
      return { sql: `SELECT ${rel.rows[0]!.map((e, i) => `${cell(e, rel.columns[i]!.type)} AS ${names[i]}`).join(', ')}`, names };
    }
    if (!c.dialect.flags.valuesTable) {
      // UNION ALL does not keep its order: each row carries its position, and the rows come out sorted by it.
      const selects = rel.rows.map((r, k) => `SELECT ${k} AS __row, ${r.map((e, i) => `${cell(e, rel.columns[i]!.type)} AS ${names[i]}`).join(', ')}`);
      return { sql: `SELECT ${names.join(', ')} FROM (${selects.join(' UNION ALL ')}) AS ${c.nextAlias()} ORDER BY __row`, names };
    }
    const rows = rel.rows.map((r) => `(${r.map((e, i) => cell(e, rel.columns[i]!.type)).join(', ')})`);
    return { sql: `SELECT * FROM (VALUES ${rows.join(', ')}) AS ${c.nextAlias()}(${names.join(', ')})`, names };
  },
  range: (rel, c) => {
    const names = c.columnNames(rel.columns);
    const env = c.env(undefined, []);
    const from = compileScalar(rel.from, env);
    const to = compileScalar(rel.to, env);
    const step = compileScalar(rel.step, env);
    const t = rel.columns[0]!.type;
    const a = c.nextAlias();
    const series = (count: string) => hook(c.dialect, 'seriesRows')(count, a);
    if (t === 'datetime') {
      const us = hook(c.dialect, 'epochMicros');
      const count = `CAST(floor((${us(to)} - ${us(from)}) / (${step} / 10)) AS ${c.sqlType('long')})`;
      return { sql: `SELECT ${hook(c.dialect, 'addMicros')(from, `CAST(i * ${hook(c.dialect, 'intDiv')(step, '10')} AS ${c.sqlType('long')})`)} AS ${names[0]} FROM ${series(count)}`, names };
    }
    const count = `CAST(floor((${to} - ${from}) / (${step})) AS ${c.sqlType('long')})`;
    return { sql: `SELECT CAST(${from} + i * (${step}) AS ${c.sqlType(t)}) AS ${names[0]} FROM ${series(count)}`, names };
  },
  filter: (rel, c) => {
    const input = c.compile(rel.input);
    const a = c.nextAlias();
    return { sql: `SELECT * FROM (${input.sql}) AS ${a} WHERE ${compileScalar(rel.predicate, { ...c.env(rel.input, input.names, a), predicate: true })}`, names: input.names };
  },
  project: (rel, c) => {
    const input = c.compile(rel.input);
    const names = c.columnNames(rel.columns);
    // Window functions reorder rows: restore the serialized order they were computed over. An
    // engine with an unstable sort numbers the input rows first, so ties keep their order.
    const ordered = rel.items.map((it) => findRowOrder(it.expr)).find((o) => o && o.length > 0);
    const windowed = rel.items.some((it) => findRowOrder(it.expr) !== undefined);
    const position = windowed && c.dialect.hooks.rowPosition ? '__pos' : undefined;
    const alias = c.nextAlias();
    const env = { ...c.env(rel.input, input.names, alias), ...(position ? { position } : {}) };
    const items = rel.items.map((it, i) => `${compileScalar(it.expr, env)} AS ${names[i]}`);
    const orderBy = ordered ? ` ORDER BY ${orderBySql(ordered, env)}` : position ? ` ORDER BY ${position}` : '';
    const from = position ? `SELECT *, ${c.dialect.hooks.rowPosition!()} AS ${position} FROM (${input.sql}) AS ${c.nextAlias()}` : input.sql;
    return { sql: `SELECT ${items.join(', ')} FROM (${from}) AS ${alias}${orderBy}`, names };
  },
  aggregate: (rel, c) => compileAggregate(rel, c),
  sort: (rel, c) => {
    const input = c.compile(rel.input);
    const alias = c.nextAlias();
    const env = c.env(rel.input, input.names, alias);
    const keys = rel.keys.map((k) => `${compileScalar(k.expr, env)} ${k.desc ? 'DESC' : 'ASC'} NULLS ${k.nullsFirst ? 'FIRST' : 'LAST'}`);
    // Ties keep their input order (Kusto's sort is stable in practice; ClickHouse's is not).
    if (c.dialect.hooks.rowPosition) keys.push(c.dialect.hooks.rowPosition());
    return { sql: `SELECT * FROM (${input.sql}) AS ${alias} ORDER BY ${keys.join(', ')}`, names: input.names };
  },
  take: (rel, c) => {
    const input = c.compile(rel.input);
    const n = compileScalar(rel.count, c.env(rel.input, input.names));
    return { sql: `SELECT * FROM (${input.sql}) AS ${c.nextAlias()} LIMIT greatest(CAST(${n} AS BIGINT), 0)`, names: input.names };
  },
  join: (rel, c) => compileJoin(rel, c),
  union: (rel, c) => {
    const names = c.columnNames(rel.columns);
    const parts = rel.inputs.map((input, idx) => {
      const inner = c.compile(input);
      let j = 0;
      const cols = rel.columns.map((col, i) => {
        if (col.name === rel.sourceColumn) return `${hook(c.dialect, 'stringLiteral')(rel.sourceNames[idx] ?? '')} AS ${names[i]}`;
        const sql = inner.names[j++]!;
        return `${c.dialect.hooks.unionColumn ? c.dialect.hooks.unionColumn(sql, col.type) : sql} AS ${names[i]}`;
      });
      return `SELECT ${cols.join(', ')} FROM (${inner.sql}) AS ${c.nextAlias()}`;
    });
    return { sql: parts.map((p) => `(${p})`).join(' UNION ALL '), names };
  },
  mvexpand: (rel, c) => compileMvExpand(rel, c),
  apply: (rel, c) => compileApply(rel, c),
  applysource: (rel, c) => compileApplySource(rel, c),
  shared: (rel, c) => c.shared(rel),
  seqscan: (rel, c) => compileSeqScan(rel, c),
  series: (rel, c) => compileSeries(rel, c),
};

/** SQL converting a value of one KQL type to another (used by values rows). */
export function castTo(sql: string, from: KqlType, to: KqlType, c: SqlCompiler): string {
  if (from === to) return sql;
  if (to === 'string') return `coalesce(CAST(${sql} AS ${c.sqlType('string')}), '')`;
  if (to === 'dynamic') return hook(c.dialect, 'toJson')(sql, from);
  return hook(c.dialect, 'tryCast')(sql, to);
}

export { literalSql };

function findRowOrder(e: Scalar): readonly SortKey[] | undefined {
  if (e.k === 'row') return e.order;
  if (e.k === 'call') for (const a of e.args) { const o = findRowOrder(a); if (o) return o; }
  return undefined;
}
