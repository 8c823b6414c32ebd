/**
 * scan → a recursive CTE that walks the serialized input one row per iteration (per partition).
 * The CTE row is the scan state after that input row: for each step k an active flag `__a<k>`,
 * its match id `__m<k>` and the referenced values of steps 1..k (`__v<k>_<r>`), plus what the row
 * emitted at each step (`__e<k>`, declared values `__x<k>_<d>`). Step conditions and assignments
 * are ordinary compiled SQL whose `s_j.col` references read the state they are checked against:
 * check 1 of step k reads the previous step's state, check 2 the step's own state after the later
 * steps ran (Kusto's documented matching logic, evaluated from the last step to the first). An
 * empty state reads as the declared defaults (null for input columns). Cost: one iteration per
 * row of the longest partition, each joining the state with the input (quadratic in the worst case).
 * An engine that does not materialize CTEs (ClickHouse) re-reads the numbered input on each
 * iteration, so its numbering breaks ties on the rows' own values to stay the same every time.
 */
import type { SeqScan } from '../kql/ir/relational.js';
import type { Scalar } from '../kql/ir/scalar.js';
import { compileScalar, orderBySql, type ScalarEnv } from './compile-scalar.js';
import { castTo, type Compiled, type SqlCompiler } from './compile.js';
import { hook } from './dialect.js';

interface Ref { readonly step: number; readonly column: string; readonly type: Scalar['type'] }

export function compileSeqScan(rel: SeqScan, c: SqlCompiler): Compiled {
  const input = c.compile(rel.input);
  const base = c.env(rel.input, input.names);
  const n = rel.steps.length;
  const steps = rel.steps.map((s, i) => ({ ...s, k: i + 1 }));
  // Every step-qualified reference, numbered.
  const refs: Ref[] = [];
  const refIndex = new Map<string, number>();
  const collect = (e: Scalar): void => {
    if (e.k === 'col') {
      const m = /^__step\|(\d+)\|(.*)$/s.exec(e.name);
      if (m && !refIndex.has(e.name)) { refIndex.set(e.name, refs.length); refs.push({ step: Number(m[1]), column: m[2]!, type: e.type }); }
    } else if (e.k === 'call') e.args.forEach(collect);
  };
  for (const s of rel.steps) { collect(s.condition); s.assigns.forEach((a) => collect(a.expr)); }
  const declIdx = new Map(rel.declared.map((d, i) => [d.name, i] as const));
  const sqlType = (t: Scalar['type']) => c.sqlType(t);
  const typedNull = (t: Scalar['type']) => `CAST(NULL AS ${sqlType(t)})`;
  const defaultOf = (r: Ref): string => {
    const d = declIdx.get(r.column);
    if (d !== undefined) return convert(compileScalar(rel.declared[d]!.init, base), rel.declared[d]!.init.type, r.type, c);
    return r.type === 'string' ? `''` : typedNull(r.type);
  };
  // Env reading step references from the state of step `owner` (0 = no state), active flag SQL `active`.
  const envFor = (owner: number, active: string): ScalarEnv => ({
    ...base,
    resolve: (name) => {
      const r = refIndex.get(name);
      if (r === undefined) return base.resolve(name);
      const ref = refs[r]!;
      if (owner === 0 || ref.step > owner) return defaultOf(ref);
      return `CASE WHEN ${active} THEN __v${owner}_${r} ELSE ${defaultOf(ref)} END`;
    },
  });
  const bool = (e: Scalar, env: ScalarEnv) => `coalesce(${compileScalar(e, { ...env, predicate: false })}, FALSE)`;
  // An empty state value: strings are never null (they read as '' anyway, see defaultOf).
  const emptyOf = (t: Scalar['type']) => (t === 'string' ? "''" : 'NULL');
  const BIGINT = sqlType('long');
  const BOOLEAN = sqlType('bool');
  const stateCols: { name: string; type: string; init: string }[] = [{ name: '__ctr', type: BIGINT, init: '-1' }];
  for (const s of steps) {
    stateCols.push({ name: `__a${s.k}`, type: BOOLEAN, init: 'FALSE' }, { name: `__m${s.k}`, type: BIGINT, init: 'NULL' });
    refs.forEach((r, i) => { if (r.step <= s.k) stateCols.push({ name: `__v${s.k}_${i}`, type: sqlType(r.type), init: emptyOf(r.type) }); });
    stateCols.push({ name: `__e${s.k}`, type: BOOLEAN, init: 'FALSE' });
    rel.declared.forEach((d, i) => stateCols.push({ name: `__x${s.k}_${i}`, type: sqlType(d.type), init: emptyOf(d.type) }));
  }
  const inputCols = input.names;
  // Layer 0: previous state joined with the next input row.
  const samePartition = hook(c.dialect, 'nullSafeEqual')('inp.__pk', 'st.__pk');
  const layer0 = `SELECT st.__pk AS __pk, inp.__rn AS __rn, ${stateCols.map((s) => `st.${s.name} AS ${s.name}`).join(', ')}, ${inputCols.map((n2) => `inp.${n2} AS ${n2}`).join(', ')} FROM __st AS st JOIN __inp AS inp ON ${samePartition} AND inp.__rn = st.__rn + 1`;
  // Layer 1: check 1 of every step (previous step's old state).
  const l1 = steps.map((s) => `${s.k === 1 ? 'FALSE' : `(__a${s.k - 1} AND ${bool(s.condition, envFor(s.k - 1, `__a${s.k - 1}`))})`} AS __c1_${s.k}`);
  // Layer 2: the state each step sees for check 2 (cleared when the next step promoted it).
  const l2 = steps.map((s) => `${s.k === n ? `__a${n}` : `(__a${s.k} AND NOT __c1_${s.k + 1})`} AS __s${s.k}`);
  // Layer 3: check 2.
  const l3 = steps.map((s) => `(NOT __c1_${s.k} AND ${s.k === 1 ? 'TRUE' : `__s${s.k}`} AND ${bool(s.condition, envFor(s.k, `__s${s.k}`))}) AS __c2_${s.k}`);
  // Layer 4: assignments (declared values of the extended row at each step).
  const l4: string[] = [];
  for (const s of steps) {
    rel.declared.forEach((d, i) => {
      const a = s.assigns.find((x) => x.name === d.name);
      const init = convert(compileScalar(d.init, base), d.init.type, d.type, c);
      const val = a
        ? `CASE WHEN __c1_${s.k} THEN ${convert(compileScalar(a.expr, envFor(s.k - 1, `__a${s.k - 1}`)), a.expr.type, d.type, c)} WHEN __c2_${s.k} THEN ${convert(compileScalar(a.expr, envFor(s.k, `__s${s.k}`)), a.expr.type, d.type, c)} END`
        : init;
      l4.push(`${val} AS __y${s.k}_${i}`);
    });
  }
  l4.push('(__c2_1 AND NOT __s1) AS __new');
  // Layer 5: the new state, each column in its anchor type (ClickHouse's recursive CTE wants the
  // anchor's types exactly). A string value of a step that did not match is null here and never
  // read (strings are never null), so it becomes ''.
  const typeOf = new Map(stateCols.map((x) => [x.name, x.type] as const));
  const next: string[] = ['__pk', `CAST(__rn AS ${BIGINT}) AS __rn`];
  const set = (name: string, sql: string) => {
    const t = typeOf.get(name)!;
    next.push(`CAST(${t === sqlType('string') ? `coalesce(${sql}, '')` : sql} AS ${t}) AS ${name}`);
  };
  set('__ctr', '__ctr + CASE WHEN __new THEN 1 ELSE 0 END');
  for (const s of steps) {
    const k = s.k;
    const matched = `(__c1_${k} OR __c2_${k})`;
    set(`__a${k}`, `(${matched} OR __s${k})`);
    set(`__m${k}`, `CASE WHEN __c1_${k} THEN ${k > 1 ? `__m${k - 1}` : 'NULL'}${k === 1 ? ' WHEN __new THEN __ctr + 1' : ''} ELSE __m${k} END`);
    refs.forEach((r, i) => {
      if (r.step > k) return;
      if (r.step < k) { set(`__v${k}_${i}`, `CASE WHEN __c1_${k} THEN __v${k - 1}_${i} ELSE __v${k}_${i} END`); return; }
      const d = declIdx.get(r.column);
      const value = d !== undefined ? convert(`__y${k}_${d}`, rel.declared[d]!.type, r.type, c) : base.resolve(r.column);
      set(`__v${k}_${i}`, `CASE WHEN ${matched} THEN ${value} ELSE __v${k}_${i} END`);
    });
    set(`__e${k}`, s.output === 'none' ? 'FALSE' : matched);
    rel.declared.forEach((_, i) => set(`__x${k}_${i}`, `__y${k}_${i}`));
  }
  const a = () => c.nextAlias();
  const recursive = `SELECT ${next.join(', ')} FROM (SELECT *, ${l4.join(', ')} FROM (SELECT *, ${l3.join(', ')} FROM (SELECT *, ${l2.join(', ')} FROM (SELECT *, ${l1.join(', ')} FROM (${layer0}) AS ${a()}) AS ${a()}) AS ${a()}) AS ${a()}) AS ${a()}`;
  const anchor = `SELECT DISTINCT __pk, CAST(0 AS ${BIGINT}) AS __rn, ${stateCols.map((s) => `CAST(${s.init} AS ${s.type}) AS ${s.name}`).join(', ')} FROM __inp`;
  const pk = rel.partition.map((p) => compileScalar(p, base));
  const pkSql = pk.length === 0 ? '0' : pk.length === 1 ? pk[0]! : hook(c.dialect, 'structPack')(pk.map((sql, i) => ({ name: `f${i}`, sql })));
  // __inp is read three times; an engine that does not materialize it must number the rows the
  // same way each time, so ties in the order keys are broken by the rows' own values.
  const order = [...(rel.order.length ? [orderBySql(rel.order, base)] : []), ...(c.dialect.flags.materializedCte ? [] : inputCols.map((n2) => `${n2} ASC NULLS LAST`))];
  const over = `${pk.length ? `PARTITION BY ${pkSql} ` : ''}${order.length ? `ORDER BY ${order.join(', ')}` : ''}`;
  const inp = `SELECT *, ${pkSql} AS __pk, CAST(row_number() OVER (${over}) AS ${BIGINT}) AS __rn FROM (${input.sql}) AS ${a()}`;
  // Output: one row per (input row, step that matched and outputs), later steps first.
  const names = c.columnNames(rel.columns);
  const pick = (col: (k: number) => string) => `CASE __k ${steps.map((s) => `WHEN ${s.k} THEN ${col(s.k)}`).join(' ')} END`;
  const cols = rel.columns.map((col, i) => {
    const d = declIdx.get(col.name);
    if (d !== undefined) return `${pick((k) => `st.__x${k}_${d}`)} AS ${names[i]}`;
    if (col.name === rel.matchId) return `${pick((k) => `st.__m${k}`)} AS ${names[i]}`;
    const idx = rel.input.columns.findIndex((x) => x.name === col.name);
    if (idx < 0) throw new Error(`internal: scan column ${col.name} not found`);
    return `inp.${inputCols[idx]} AS ${names[i]}`;
  });
  const ks = c.dialect.flags.valuesTable
    ? `(VALUES ${steps.map((s) => `(${s.k})`).join(', ')}) AS __ks(__k)`
    : `(${steps.map((s) => `SELECT ${s.k} AS __k`).join(' UNION ALL ')}) AS __ks`;
  const materialized = c.dialect.flags.materializedCte ? 'MATERIALIZED ' : '';
  const body = `WITH RECURSIVE __inp AS ${materialized}(${inp}), __st AS (${anchor} UNION ALL ${recursive}) `
    + `SELECT ${cols.join(', ')} FROM __st AS st JOIN __inp AS inp ON ${samePartition} AND inp.__rn = st.__rn CROSS JOIN ${ks} `
    + `WHERE ${pick((k) => `st.__e${k}`)} ORDER BY inp.__pk, st.__rn, __k DESC`;
  return { sql: `SELECT * FROM (${body}) AS ${a()}`, names };
}

function convert(sql: string, from: Scalar['type'], to: Scalar['type'], c: SqlCompiler): string {
  if (from === to) return to === 'string' ? `coalesce(${sql}, '')` : sql;
  return castTo(sql, from, to, c);
}
