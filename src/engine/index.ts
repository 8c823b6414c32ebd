/**
 * openEngine(): one warm parser and one locked-down DuckDB connection per store. User SQL only
 * ever runs after `enable_external_access=false` and `lock_configuration=true`, so no query can
 * read or write files or the network; externaldata is read in TS from the allowed folder only.
 */
import { formatDiagnostics } from '../kql/analyze.js';
import { duckdbDialect } from '../sql/dialects/duckdb/index.js';
import { openStore, type Store } from '../store/index.js';
import { QueryError, type Diagnostic, type KqlEngine, type OpenEngineOptions, type QueryOptions, type QueryResult } from './contract.js';
import { encodeValue } from './encode.js';
import { translate } from './translate.js';
import { CANCELLED, DEFAULT_MAX_ROWS, DEFAULT_TIMEOUT_MS, assembleResult, refusalIn, serialized, throwIfCancelled } from './run-query.js';
import { registerHarrierUdfs } from './udfs-duckdb.js';

export * from './contract.js';
export { formatDiagnostics };

export { DEFAULT_MAX_ROWS, DEFAULT_TIMEOUT_MS } from './run-query.js';

/**
 * The diagnostic for a DuckDB error during execution. A Harrier UDF that meets input it cannot
 * compute exactly refuses with "not supported: …"; DuckDB wraps that message, so it is unwrapped to
 * the NOT-SUPPORTED code the translator uses for refusals. Exported for tests.
 */
export function executionDiagnostic(msg: string, timeoutMs: number): Diagnostic {
  if (/interrupt/i.test(msg)) return { code: 'TIMEOUT', severity: 'error', message: `query timed out after ${timeoutMs} ms` };
  return refusalIn(msg) ?? { code: 'EXECUTION', severity: 'error', message: `execution failed: ${msg}` };
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

  async function run(text: string, opts: QueryOptions = {}): Promise<QueryResult> {
    throwIfCancelled(opts);
    const start = performance.now();
    const maxRows = opts.maxRows ?? DEFAULT_MAX_ROWS;
    const tr = translate(duckdbDialect, text, opts, options.externalDataDir, maxRows);
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
    return assembleResult(tr, rows, maxRows, encodeValue, start, performance.now() - t0);
  }

  return {
    query: serialized(run),
    explain(text, opts = {}) {
      const tr = translate(duckdbDialect, text, opts, options.externalDataDir, opts.maxRows ?? DEFAULT_MAX_ROWS);
      return { syntax: tr.syntax(), ir: tr.ir, sql: [...tr.before, tr.sql].join(';\n') };
    },
    close() { store.close(); },
  };
}
