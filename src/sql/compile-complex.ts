/**
 * The larger node compilers: aggregate (incl. tuple aggregates via struct arg_max), join (all
 * kinds; innerunique dedupes the left side per key; string columns of the outer side never null)
 * and mv-expand (parallel unnest with index and row limit).
 */
import { makeContext, type FnArg } from '../kql/functions/index.js';
import type { Aggregate, Join, MvExpand } from '../kql/ir/relational.js';
import { compileScalar, functionFor, type ScalarEnv } from './compile-scalar.js';
import type { Compiled, SqlCompiler } from './compile.js';
import { hook } from './dialect.js';
import { quoteIdent } from './quote.js';

export function compileAggregate(rel: Aggregate, c: SqlCompiler): Compiled {
  const input = c.compile(rel.input);
  const alias = c.nextAlias();
  const env = c.env(rel.input, input.names, alias);
  const names = c.columnNames(rel.columns);
  const d = c.dialect;
  // A lone arg_max/arg_min is "top row per group": QUALIFY is several times faster than a struct aggregate.
  const only = rel.aggs.length === 1 ? rel.aggs[0]! : undefined;
  if (only && (only.fn === 'arg_max' || only.fn === 'arg_min') && c.dialect.flags.qualify) {
    const keySql = rel.keys.map((k) => compileScalar(k.expr, env));
    const by = compileScalar(only.args[0]!, env);
    const cols = [...keySql, ...only.args.slice(1).map((v) => compileScalar(v, env))].map((sql, i) => `${sql} AS ${names[i]}`);
    const top = c.dialect.hooks.topRowPerGroup;
    if (top && rel.keys.length > 0 && rel.keys.every((k) => k.expr.type === 'string')) {
      return { sql: top({ cols, fromSql: input.sql, alias, keys: keySql, by, max: only.fn === 'arg_max' }), names };
    }
    const order = `${by} ${only.fn === 'arg_max' ? 'DESC' : 'ASC'} NULLS LAST`;
    return { sql: `SELECT ${cols.join(', ')} FROM (${input.sql}) AS ${alias} QUALIFY row_number() OVER (${keySql.length ? `PARTITION BY ${keySql.join(', ')} ` : ''}ORDER BY ${order}) = 1`, names };
  }
  const select: string[] = [];
  const outer: string[] = [];
  let n = 0;
  rel.keys.forEach((k) => {
    const name = names[n++]!;
    select.push(`${compileScalar(k.expr, env)} AS ${name}`);
    outer.push(name);
  });
  let tupleIdx = 0;
  for (const a of rel.aggs) {
    if (a.fn === 'arg_max' || a.fn === 'arg_min') {
      const by = compileScalar(a.args[0]!, env);
      const fields = a.args.slice(1).map((v, i) => ({ name: `f${i}`, sql: compileScalar(v, env) }));
      const struct = hook(d, 'structPack')(fields);
      const tupleName = quoteIdent(`__tuple${tupleIdx++}`);
      // When every by-value is null Kusto still returns a row: fall back to any row of the group.
      select.push(`coalesce(${hook(d, a.fn === 'arg_max' ? 'aggArgMax' : 'aggArgMin')(struct, by)}, ${hook(d, 'aggAnyValue')(struct)}) AS ${tupleName}`);
      a.names.forEach((_, i) => {
        const t = a.types[i]!;
        const field = hook(d, 'structGet')(tupleName, `f${i}`);
        outer.push(`${t === 'string' ? `coalesce(${field}, '')` : field} AS ${names[n++]}`);
      });
      continue;
    }
    const def = functionFor(d, a.fn);
    if (def.kind !== 'aggregate') throw new Error(`not supported: aggregate ${a.fn}()`);
    const args: FnArg[] = a.args.map((x) => ({ sql: compileScalar(x, env), type: x.type, ir: x }));
    const nowSql = hook(d, 'timestampFromMicros')(c.nowMicros);
    const name = names[n++]!;
    select.push(`${def.sql(args, makeContext(d, a.types[0]!, nowSql))} AS ${name}`);
    outer.push(name);
  }
  if (select.length === 0) select.push('1 AS __dummy');
  const groupBy = rel.keys.length ? ` GROUP BY ${rel.keys.map((_, i) => String(i + 1)).join(', ')}` : '';
  const inner = `SELECT ${select.join(', ')} FROM (${input.sql}) AS ${alias}${groupBy}`;
  if (tupleIdx === 0) return { sql: inner, names };
  return { sql: `SELECT ${outer.join(', ')} FROM (${inner}) AS ${c.nextAlias()}`, names };
}

export function compileJoin(rel: Join, c: SqlCompiler): Compiled {
  if (!c.dialect.flags.joins) throw new Error(`not supported: join on the ${c.dialect.label} engine`);
  const left = c.compile(rel.left);
  const right = c.compile(rel.right);
  const la = c.nextAlias();
  const ra = c.nextAlias();
  const lenv = c.env(rel.left, left.names, la);
  const renv = c.env(rel.right, right.names, ra);
  const keyCond = rel.on.map((k) => {
    const l = compileScalar(k.left, lenv);
    const r = compileScalar(k.right, renv);
    if (k.left.type === k.right.type) return `${l} = ${r}`;
    return `${hook(c.dialect, 'castText')(l)} = ${hook(c.dialect, 'castText')(r)}`;
  }).join(' AND ') || (c.dialect.flags.keylessJoins ? 'TRUE' : `${la}.__join_key = ${ra}.__join_key`);
  const keyless = rel.on.length === 0 && !c.dialect.flags.keylessJoins;
  const withKey = (sql: string) => (keyless ? `SELECT *, 1 AS __join_key FROM (${sql}) AS ${c.nextAlias()}` : sql);
  let cond = keyCond;
  if (rel.residual) {
    if (rel.kind !== 'inner' && rel.kind !== 'leftouter') throw new Error(`internal: residual join condition with kind ${rel.kind}`);
    const both: ScalarEnv = {
      ...lenv,
      resolve: (name) => (name.startsWith('__left|') ? lenv.resolve(name.slice(7)) : name.startsWith('__right|') ? renv.resolve(name.slice(8)) : (() => { throw new Error(`internal: residual column ${name}`); })()),
    };
    cond = `(${keyCond}) AND coalesce(${compileScalar(rel.residual, both)}, FALSE)`;
  }
  let leftSql = left.sql;
  if (rel.kind === 'innerunique') {
    const keyEnv = c.env(rel.left, left.names);
    const parts = rel.on.map((k) => compileScalar(k.left, keyEnv)).join(', ');
    // The first row of each key in input order (an engine with unordered streams numbers them).
    const position = c.dialect.hooks.rowPosition ? ` ORDER BY ${c.dialect.hooks.rowPosition()}` : '';
    leftSql = `SELECT * FROM (${left.sql}) AS ${c.nextAlias()} QUALIFY row_number() OVER (PARTITION BY ${parts || '1'}${position}) = 1`;
  }
  const names = c.columnNames(rel.columns);
  const nullableLeft = rel.kind === 'rightouter' || rel.kind === 'fullouter';
  const nullableRight = rel.kind === 'leftouter' || rel.kind === 'fullouter';
  const select = rel.picks.map((p, i) => {
    const side = p.side === 'left' ? rel.left : rel.right;
    const idx = side.columns.findIndex((x) => x.name === p.from);
    const src = `${p.side === 'left' ? la : ra}.${(p.side === 'left' ? left : right).names[idx]}`;
    const t = side.columns[idx]!.type;
    const nullable = p.side === 'left' ? nullableLeft : nullableRight;
    return `${nullable && t === 'string' ? `coalesce(${src}, '')` : src} AS ${names[i]}`;
  });
  const from = (kw: string) => `FROM (${withKey(leftSql)}) AS ${la} ${kw} (${withKey(right.sql)}) AS ${ra} ON ${cond}`;
  switch (rel.kind) {
    case 'inner': case 'innerunique': return { sql: `SELECT ${select.join(', ')} ${from('JOIN')}`, names };
    case 'leftouter': return { sql: `SELECT ${select.join(', ')} ${from('LEFT JOIN')}`, names };
    case 'rightouter': return { sql: `SELECT ${select.join(', ')} ${from('RIGHT JOIN')}`, names };
    case 'fullouter': return { sql: `SELECT ${select.join(', ')} ${from('FULL JOIN')}`, names };
    case 'leftsemi': return { sql: `SELECT ${select.join(', ')} ${from(hook(c.dialect, 'semiAntiJoin')('semi'))}`, names };
    case 'leftanti': return { sql: `SELECT ${select.join(', ')} ${from(hook(c.dialect, 'semiAntiJoin')('anti'))}`, names };
    case 'rightsemi': case 'rightanti': {
      const kw = hook(c.dialect, 'semiAntiJoin')(rel.kind === 'rightsemi' ? 'semi' : 'anti');
      return { sql: `SELECT ${select.join(', ')} FROM (${withKey(right.sql)}) AS ${ra} ${kw} (${withKey(leftSql)}) AS ${la} ON ${cond}`, names };
    }
  }
}

export function compileMvExpand(rel: MvExpand, c: SqlCompiler, precompiled?: Compiled, qualifyPrecompiled = false): Compiled {
  const input = precompiled ?? c.compile(rel.input);
  const alias = c.nextAlias();
  // A LATERAL mv-apply passes its input precompiled with names already qualified by its own alias.
  const env = c.env(rel.input, input.names, precompiled && !qualifyPrecompiled ? undefined : alias);
  const d = c.dialect;
  const names = c.columnNames(rel.columns);
  const expanded = new Map<string, string>();
  const lists: string[] = [];
  rel.items.forEach((it, i) => {
    const j = it.expr.type === 'dynamic' ? compileScalar(it.expr, env) : hook(d, 'toJson')(compileScalar(it.expr, env), it.expr.type);
    lists.push(hook(d, 'mvExpandList')(j, rel.bagAsArray === true));
    expanded.set(it.name, `__mv${i}`);
  });
  const innerSql = hook(d, 'mvExpandRows')({ fromSql: input.sql, alias, keep: input.names, lists, limit: rel.limit, index: !!rel.indexColumn });
  const outer = rel.columns.map((col, i) => {
    const item = rel.items.find((it) => it.name === col.name);
    if (item) {
      const v = `"${expanded.get(col.name)}"`;
      const t = item.type;
      const sql = t === 'dynamic' ? v : t === 'string' ? hook(d, 'jsonToText')(v) : hook(d, 'tryCast')(`nullif(${hook(d, 'jsonToText')(v)}, '')`, t);
      return `${sql} AS ${names[i]}`;
    }
    if (col.name === rel.indexColumn) return `CAST("__mvidx" AS BIGINT) AS ${names[i]}`;
    const idx = rel.input.columns.findIndex((x) => x.name === col.name);
    if (idx < 0) throw new Error(`internal: mv-expand column ${col.name} not found`);
    return `${input.names[idx]} AS ${names[i]}`;
  });
  return { sql: `SELECT ${outer.join(', ')} FROM (${innerSql}) AS ${c.nextAlias()}`, names };
}
