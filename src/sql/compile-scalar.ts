/**
 * Scalar IR → SQL expression. Column references resolve through the caller's resolver (so join
 * conditions can qualify sides); literals are always quoted/cast here; calls go to the catalog.
 */
import { lookupFunction, makeContext, type FnArg } from '../kql/functions/index.js';
import { DATETIME_TICK, type Scalar, type SortKey } from '../kql/ir/scalar.js';
import type { KqlType } from '../schema/kql-types.js';
import { dialectFunction, hook, type Dialect } from './dialect.js';
import type { FnDef } from '../kql/functions/catalog.js';

/**
 * The catalog entry for `name` on the dialect; throws "not supported" naming the engine when the
 * function exists but is not (yet) proven on this dialect.
 */
export function functionFor(d: Dialect, name: string): FnDef {
  const def = dialectFunction(d, name, lookupFunction);
  if (def) return def;
  const label = name.startsWith('op:') ? `operator ${name.slice(3)}` : `function ${name}()`;
  if (lookupFunction(name)) throw new Error(`not supported: ${label} on the ${d.label} engine (the DuckDB engine runs it)`);
  throw new Error(`not supported: ${label}`);
}

export interface ScalarEnv {
  readonly dialect: Dialect;
  readonly nowMicros: string;
  /** Compiling a where predicate: null and false are interchangeable at this level. */
  readonly predicate?: boolean;
  resolve(name: string): string;
  /** Compiles a tabular subquery (toscalar, in (T)) to SQL returning its first column. */
  subquery(rel: import('../kql/ir/relational.js').Rel): { sql: string; firstColumn: string };
  /** See FnContext.constant. */
  readonly constant?: (sql: string) => string;
  /** A column of the input holding each row's serialized position: the last key of window orders. */
  readonly position?: string;
}

export function literalSql(value: Scalar & { k: 'lit' }, d: Dialect): string {
  const t = value.type;
  const sqlType = hook(d, 'sqlType')(t);
  const v = value.value;
  if (v === null) return t === 'string' ? `''` : `CAST(NULL AS ${sqlType})`;
  switch (t) {
    case 'string': return hook(d, 'stringLiteral')(String(v));
    case 'bool': return v ? 'TRUE' : 'FALSE';
    case 'int': case 'long': case 'timespan': {
      const s = String(v);
      if (!/^-?\d+$/.test(s)) throw new Error(`internal: bad integer literal ${s}`);
      return `CAST(${s} AS ${sqlType})`;
    }
    case 'real': case 'decimal': {
      const n = Number(v);
      if (Number.isNaN(n)) return `CAST('NaN' AS DOUBLE)`;
      if (!Number.isFinite(n)) return `CAST('${n > 0 ? 'Infinity' : '-Infinity'}' AS DOUBLE)`;
      return `CAST(${String(n)} AS DOUBLE)`;
    }
    case 'datetime': {
      const m = DATETIME_TICK.exec(String(v));
      if (!m) throw new Error(`internal: bad datetime literal ${String(v)}`);
      // A 100 ns tick below the microsecond needs TIMESTAMP_NS (DuckDB's TIMESTAMP is µs).
      return m[2] ? hook(d, 'timestampFromNanos')(`CAST(${m[1]} AS BIGINT) * 1000 + ${Number(m[2]) * 100}`) : hook(d, 'timestampFromMicros')(m[1]!);
    }
    case 'dynamic': return hook(d, 'dynamicLiteral')(String(v));
    case 'guid': return hook(d, 'tryCast')(hook(d, 'stringLiteral')(String(v)), 'guid');
  }
}

export function compileScalar(e: Scalar, env: ScalarEnv, resultType?: KqlType): string {
  switch (e.k) {
    case 'col': return env.resolve(e.name);
    case 'lit': return literalSql(e, env.dialect);
    case 'param': return e.name;
    case 'star': throw new Error('not supported: * outside arg_max/arg_min');
    case 'subquery': {
      const q = env.subquery(e.rel);
      return `(SELECT ${q.firstColumn} FROM (${q.sql}) AS sq LIMIT 1)`;
    }
    case 'row': return compileRowFn(e, env);
    case 'call': {
      const def = functionFor(env.dialect, e.fn);
      const keepsPredicate = e.fn === 'op:And' || e.fn === 'op:Or';
      const argEnv = env.predicate && !keepsPredicate ? { ...env, predicate: false } : env;
      const args: FnArg[] = e.args.map((a) => {
        if (a.k === 'subquery' && a.type === 'dynamic') {
          const q = env.subquery(a.rel);
          // setSql (one column named v) for set operands (in, has_any); sql for a toscalar() value passed to a function.
          // A dynamic first column (toscalar(summarize make_set(…)), a column of arrays) is flattened
          // into its elements, as Kusto flattens dynamic arrays in in/has_any lists; JSON nulls drop out.
          const f = q.firstColumn;
          const setSql = a.rel.columns[0]?.type === 'dynamic'
            ? `SELECT ${hook(env.dialect, 'jsonToText')('e')} AS v FROM (SELECT ${hook(env.dialect, 'unnest')(hook(env.dialect, 'jsonElementsOrSelf')(f))} AS e ` +
              `FROM (${q.sql}) AS sq) AS flat WHERE coalesce(${hook(env.dialect, 'jsonType')('e')}, 'NULL') <> 'NULL'`
            : `SELECT ${f} AS v FROM (${q.sql}) AS sq`;
          return { sql: `(SELECT ${f} FROM (${q.sql}) AS sq LIMIT 1)`, type: 'dynamic', ir: a, setSql };
        }
        return { sql: compileScalar(a, argEnv), type: a.type, ir: a };
      });
      const nowSql = hook(env.dialect, 'timestampFromMicros')(env.nowMicros);
      return def.sql(args, makeContext(env.dialect, resultType ?? e.type, nowSql, env.predicate ?? false, env.constant));
    }
  }
}

export function orderBySql(keys: readonly SortKey[], env: ScalarEnv): string {
  const sql = keys.map((k) => `${compileScalar(k.expr, env)} ${k.desc ? 'DESC' : 'ASC'} NULLS ${k.nullsFirst ? 'FIRST' : 'LAST'}`);
  if (env.position) sql.push(env.position);
  return sql.join(', ');
}

function compileRowFn(e: Scalar & { k: 'row' }, env: ScalarEnv): string {
  const part = e.partition ? `PARTITION BY ${compileScalar(e.partition, env)} ` : '';
  // The serialized order: the sort keys, else (an engine whose streams are unordered) the input position.
  const orderBy = e.order.length ? `ORDER BY ${orderBySql(e.order, env)}` : env.position ? `ORDER BY ${env.position}` : '';
  const spec = `${part}${orderBy}`.trimEnd();
  const over = `OVER (${spec})`;
  const a = e.args.map((x) => compileScalar(x, env));
  // A default of another type (next(Timestamp, 1, 0)) cannot be cast safely: use null instead.
  if ((e.fn === 'prev' || e.fn === 'next') && e.args[2] && e.args[2].type !== e.type) a.length = 2;
  switch (e.fn) {
    case 'row_number': return a[0] ? `CAST(row_number() ${over} + ${a[0]} - 1 AS BIGINT)` : `CAST(row_number() ${over} AS BIGINT)`;
    case 'prev': return hook(env.dialect, 'shiftRows')('lag', a[0]!, a[1] ?? '1', a[2], spec);
    case 'next': return hook(env.dialect, 'shiftRows')('lead', a[0]!, a[1] ?? '1', a[2], spec);
    case 'row_cumsum': return `sum(${a[0]}) OVER (${part}${orderBy ? `${orderBy} ` : ''}ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)`;
    // Ranks follow the serialized order; a new rank starts when the value changes.
    case 'row_rank_dense': return `dense_rank() OVER (${part}ORDER BY ${a[0]})`;
    case 'row_rank_min': return `rank() OVER (${part}ORDER BY ${a[0]})`;
    // rows_near: is any flag set in the frame [a[1] rows before, a[2] rows after] (literal counts).
    case 'window_any': {
      const n = (x: Scalar | undefined) => { if (x?.k !== 'lit' || !Number.isInteger(Number(x.value)) || Number(x.value) < 0) throw new Error('internal: window_any bounds'); return Number(x.value); };
      // max over 0/1 rather than bool_or, which ClickHouse lacks.
      return `(coalesce(max(CASE WHEN ${a[0]} THEN 1 ELSE 0 END) OVER (${part}${orderBy ? `${orderBy} ` : ''}ROWS BETWEEN ${n(e.args[1])} PRECEDING AND ${n(e.args[2])} FOLLOWING), 0) = 1)`;
    }
    // Each row folds the (start, previous) pair over the rows before it: a new session starts when
    // the value is more than a[1] ticks after the session's first value or a[2] after the previous.
    // Quadratic in the rows of one partition/restart group.
    case 'row_window_session': {
      if (e.args[0]?.type !== 'datetime' || e.type !== 'datetime') throw new Error('not supported: row_window_session() over a non-datetime value');
      const session = env.dialect.hooks.windowSessionStart;
      if (!session) throw new Error(`not supported: row_window_session() on the ${env.dialect.label} engine`);
      const frame = `OVER (${part}${orderBy ? `${orderBy} ` : ''}ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)`;
      return session(a[0]!, a[1]!, a[2]!, frame);
    }
    default: throw new Error(`not supported: row function ${e.fn}`);
  }
}
