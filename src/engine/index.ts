/**
 * openEngine(): one warm parser and one locked-down DuckDB connection per store. User SQL only
 * ever runs after `enable_external_access=false` and `lock_configuration=true`, so no query can
 * read or write files or the network; externaldata is read in TS from the allowed folder only.
 */
import { analyze, formatDiagnostics, makeDiagnostic } from '../kql/analyze.js';
import { printRel } from '../kql/ir/print.js';
import { parseHiddenBag } from '../kql/ir/types.js';
import { duckdbDialect } from '../sql/dialects/duckdb/index.js';
import { SqlCompiler } from '../sql/compile.js';
import { hook } from '../sql/dialect.js';
import { quoteString } from '../sql/quote.js';
import { holdsTicks } from '../sql/ticks.js';
import { openStore, type Store } from '../store/index.js';
import { QueryError, type Diagnostic, type KqlEngine, type OpenEngineOptions, type QueryOptions, type QueryResult } from './contract.js';
import { encodeValue, outputCast } from './encode.js';
import { registerHarrierUdfs } from './udfs.js';

export * from './contract.js';
export { formatDiagnostics };

export const DEFAULT_MAX_ROWS = 10_000;
const CANCELLED: Diagnostic = { code: 'CANCELLED', severity: 'error', message: 'query cancelled' };
export const DEFAULT_TIMEOUT_MS = 600_000;

interface Translation {
  sql: string;
  columns: QueryResult['columns'];
  render?: QueryResult['render'];
  parseMs: number;
  translateMs: number;
  syntax: () => string;
  ir: string;
  /** Statements run before the query (session constants the query reads), and after it. */
  before: readonly string[];
  after: readonly string[];
  /** Set when the result ends in bag_unpack: SQL listing the bag keys, and the SQL for given keys. */
  bag?: { keysSql: string; withKeys(keys: readonly string[]): { sql: string; columns: QueryResult['columns'] } };
}

function translate(text: string, options: QueryOptions, externalDataDir: string | undefined, maxRows: number): Translation {
  const a = analyze(text, { externalDataDir });
  if (a.diagnostics.length > 0 || !a.rel) throw new QueryError(a.diagnostics, formatDiagnostics(text, a.diagnostics));
  const t0 = performance.now();
  const now = options.now ?? new Date();
  const nowMicros = (BigInt(now.getTime()) * 1000n).toString();
  const compiler = new SqlCompiler(duckdbDialect, nowMicros);
  let body;
  try {
    body = compiler.compile(a.rel);
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    const d = makeDiagnostic(text, msg.startsWith('not supported') ? 'NOT-SUPPORTED' : 'INTERNAL', msg);
    throw new QueryError([d], msg);
  }
  const all = a.rel.columns;
  const visible = all.map((c, i) => ({ c, i })).filter(({ c }) => !c.name.startsWith('__bag|'));
  const bagIdx = all.findIndex((c) => c.name.startsWith('__bag|'));
  const limit = maxRows > 0 ? ` LIMIT ${maxRows + 1}` : '';
  const withClause = compiler.ctes.length ? `WITH ${compiler.ctes.join(', ')} ` : '';
  const nanos = holdsTicks(body.sql) || holdsTicks(withClause);
  const build = (keys: readonly string[]) => {
    const hb = bagIdx >= 0 ? parseHiddenBag(all[bagIdx]!.name)! : { prefix: '', conflict: 'keep' as const };
    const prefix = hb.prefix;
    const taken = new Set(visible.map(({ c }) => c.name));
    const clash = keys.filter((k) => taken.has(prefix + k));
    if (clash.length > 0 && hb.conflict === 'error') {
      const msg = `bag_unpack: the bag key ${prefix + clash[0]!} conflicts with an existing column (columnsConflict='error'; use 'keep_source' or 'replace_source')`;
      throw new QueryError([makeDiagnostic(text, 'EXECUTION', msg)], msg);
    }
    const replaced = new Set(hb.conflict === 'replace' ? clash.map((k) => prefix + k) : []);
    const extra = keys.filter((k) => !taken.has(prefix + k));
    const fromBag = (k: string) => outputCast(hook(duckdbDialect, 'jsonGet')(body.names[bagIdx]!, quoteString(k), false), 'dynamic');
    const parts = [
      ...visible.map(({ c, i }) => (replaced.has(c.name) ? fromBag(c.name.slice(prefix.length)) : outputCast(body.names[i]!, c.type, nanos))),
      ...extra.map(fromBag),
    ];
    return {
      sql: `${withClause}SELECT ${parts.join(', ') || '1'} FROM (${body.sql}) AS result${limit}`,
      columns: [...visible.map(({ c }) => ({ name: c.name, type: replaced.has(c.name) ? 'dynamic' as const : c.type })), ...extra.map((k) => ({ name: prefix + k, type: 'dynamic' as const }))],
    };
  };
  const plain = build([]);
  const bag = bagIdx < 0 ? undefined : {
    keysSql: `${withClause}SELECT DISTINCT k FROM (SELECT unnest(json_keys(${body.names[bagIdx]})) AS k FROM (${body.sql}) AS b WHERE json_type(${body.names[bagIdx]}) = 'OBJECT') AS keys ORDER BY k LIMIT 1000`,
    withKeys: build,
  };
  // A constant may read the query's CTEs (let-bound tables), so it is computed under the same WITH.
  const before = compiler.constants.map((c) => hook(duckdbDialect, 'setSessionConstant')(c.name, `${withClause}${c.sql}`));
  const after = compiler.constants.map((c) => hook(duckdbDialect, 'resetSessionConstant')(c.name));
  return {
    sql: plain.sql, columns: plain.columns, render: a.render, bag, before, after,
    parseMs: a.parseMs, translateMs: a.lowerMs + (performance.now() - t0), syntax: a.syntaxDump, ir: printRel(a.rel),
  };
}

/**
 * The diagnostic for a DuckDB error during execution. A Harrier UDF that meets input it cannot
 * compute exactly refuses with "not supported: …"; DuckDB wraps that message, so it is unwrapped to
 * the NOT-SUPPORTED code the translator uses for refusals. Exported for tests.
 */
export function executionDiagnostic(msg: string, timeoutMs: number): Diagnostic {
  if (/interrupt/i.test(msg)) return { code: 'TIMEOUT', severity: 'error', message: `query timed out after ${timeoutMs} ms` };
  const refused = /(not supported: [^\n]*)/.exec(msg)?.[1];
  if (refused) return { code: 'NOT-SUPPORTED', severity: 'error', message: refused };
  return { code: 'EXECUTION', severity: 'error', message: `execution failed: ${msg}` };
}

/**
 * Opens the store and locks its instance down before any user SQL: no file system or network
 * access, and the configuration cannot be changed back. Exported for the isolation tests.
 */
export async function openLockedStore(db: string | undefined): Promise<Store> {
  const store = await openStore(db ?? ':memory:');
  await registerHarrierUdfs(store.connection);
  await store.connection.run(`SET enable_external_access = false`);
  await store.connection.run(`SET lock_configuration = true`);
  return store;
}

export async function openEngine(options: OpenEngineOptions = {}): Promise<KqlEngine> {
  const store = await openLockedStore(options.db);
  const conn = store.connection;
  let queue: Promise<unknown> = Promise.resolve();

  async function run(text: string, opts: QueryOptions = {}): Promise<QueryResult> {
    if (opts.signal?.aborted) throw new QueryError([CANCELLED]);
    const start = performance.now();
    const maxRows = opts.maxRows ?? DEFAULT_MAX_ROWS;
    const tr = translate(text, opts, options.externalDataDir, maxRows);
    const t0 = performance.now();
    const timeout = setTimeout(() => conn.interrupt(), opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    const onAbort = () => conn.interrupt();
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    let rows: unknown[][];
    try {
      if (opts.signal?.aborted) throw new Error('interrupted before start');
      for (const sql of tr.before) await conn.run(sql);
      if (tr.bag) {
        // bag_unpack at the end: the result's columns depend on the keys present in the data.
        const keys = (await conn.runAndReadAll(tr.bag.keysSql)).getRows().map((r) => String(r[0]));
        const expanded = tr.bag.withKeys(keys);
        tr.sql = expanded.sql;
        tr.columns = expanded.columns;
      }
      const reader = await conn.runAndReadAll(tr.sql);
      rows = reader.getRows() as unknown[][];
    } catch (err) {
      if (opts.signal?.aborted) throw new QueryError([CANCELLED]);
      throw new QueryError([executionDiagnostic(err instanceof Error ? err.message : String(err), opts.timeoutMs ?? DEFAULT_TIMEOUT_MS)]);
    } finally {
      clearTimeout(timeout);
      opts.signal?.removeEventListener('abort', onAbort);
      // Session constants can hold large values (a pattern built from an IOC table): free them.
      for (const sql of tr.after) await conn.run(sql).catch(() => undefined);
    }
    const executeMs = performance.now() - t0;
    const truncated = maxRows > 0 && rows.length > maxRows;
    if (truncated) rows = rows.slice(0, maxRows);
    const encoded = rows.map((r) => tr.columns.map((c, i) => encodeValue(r[i], c.type)));
    return {
      columns: tr.columns, rows: encoded, truncated, render: tr.render, warnings: [],
      timings: { parseMs: tr.parseMs, translateMs: tr.translateMs, executeMs, totalMs: performance.now() - start },
    };
  }

  return {
    query(text, opts) {
      // One connection: run queries one after another.
      const p = queue.then(() => run(text, opts));
      queue = p.catch(() => undefined);
      return p;
    },
    explain(text, opts = {}) {
      const tr = translate(text, opts, options.externalDataDir, opts.maxRows ?? DEFAULT_MAX_ROWS);
      return { syntax: tr.syntax(), ir: tr.ir, sql: [...tr.before, tr.sql].join(';\n') };
    },
    close() { store.close(); },
  };
}
