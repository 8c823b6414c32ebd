/**
 * A connection to a ClickHouse engine: embedded chDB (a data folder on this machine, here) or a
 * ClickHouse server over HTTP(S) (server-connection.ts). Both answer `JSONCompact` documents; the
 * engine decodes them. Query connections are read-only: chDB is opened with `--readonly=2` (reads
 * and per-query settings only), servers get `readonly=2` on every query.
 */
import { quoteIdentFor, quoteStringFor } from '../../sql/quote.js';
import { chdbUdfArgs } from './udf-config.js';
export interface ChResult {
  readonly meta: readonly { name: string; type: string }[];
  readonly data: readonly (readonly unknown[])[];
}

export interface ChQueryOptions {
  /** Server-side limit on execution time, whole seconds (ClickHouse's max_execution_time). */
  readonly timeoutSeconds?: number;
  readonly signal?: AbortSignal;
}

export interface ChConnection {
  /** Which engine this is, for messages ('chDB data folder …', 'ClickHouse server …'). */
  readonly description: string;
  query(sql: string, options?: ChQueryOptions): Promise<ChResult>;
  /** A statement without a result (DDL); write connections only. */
  command(sql: string): Promise<void>;
  /** Loads a Parquet file Harrier wrote into `table` (columns by position); write connections only. */
  insertParquet(table: string, file: string): Promise<void>;
  close(): void;
}

/** Settings every Harrier query runs with: Kusto's outer-join nulls, exact JSON numbers. */
export const QUERY_SETTINGS: Readonly<Record<string, string>> = {
  join_use_nulls: '1',
  output_format_json_quote_denormals: '1',
  output_format_json_quote_64bit_integers: '1',
  // Kusto reads a nonexistent JSON path as null, never as an error.
  function_json_value_return_type_allow_nullable: '1',
  // JSON text as Kusto (and DuckDB) write it: '/' is not escaped.
  output_format_json_escape_forward_slashes: '0',
  // A name is the input's column before it is an alias of the same SELECT (as in SQL and Kusto):
  // `summarize Timestamp = max(Timestamp), arg_max(Timestamp, …)` reads the column in both.
  prefer_column_name_to_alias: '1',
  // Join conditions beyond key equalities (lookup plugins: a distance or range test per pair).
  allow_experimental_join_condition: '1',
  // Generated SQL for long hunting queries can pass ClickHouse's 256 KiB default.
  max_query_size: '16777216',
  // scan is a recursive CTE with one iteration per row of its longest partition (compile-scan.ts);
  // the query timeout bounds it, not ClickHouse's default of 1,000 iterations.
  max_recursive_cte_evaluation_depth: '10000000',
};

type ChdbModule = typeof import('chdb');

async function loadChdb(): Promise<ChdbModule> {
  try {
    return await import('chdb');
  } catch (err) {
    throw new Error(`--engine chdb needs the optional npm package chdb (Linux x64 only), which is not installed here: ${err instanceof Error ? err.message : String(err)}`);
  }
}

const open = new Set<string>();

/**
 * Opens the chDB data folder `dir`. `writable` connections may create tables and insert (ingest);
 * query connections are read-only. One process holds one chDB folder at a time.
 */
export async function openChdb(dir: string, opts: { writable: boolean }): Promise<ChConnection> {
  const { Session } = await loadChdb();
  if (open.size > 0 && !open.has(dir)) throw new Error(`chDB can open one data folder per process; ${[...open][0]} is open`);
  const args = [...Object.entries(QUERY_SETTINGS).map(([k, v]) => `--${k}=${v}`), ...(await chdbUdfArgs())];
  if (!opts.writable) args.push('--readonly=2');
  const session = new Session(dir, { connectionArgs: args });
  open.add(dir);
  const settingsClause = (o?: ChQueryOptions) => (o?.timeoutSeconds ? ` SETTINGS max_execution_time = ${Math.max(1, Math.ceil(o.timeoutSeconds))}` : '');
  return {
    description: `chDB data folder ${dir}`,
    async query(sql, o) {
      let text: string;
      try {
        text = (await session.queryAsync(`${sql}${settingsClause(o)}`, { format: 'JSONCompact', ...(o?.signal ? { signal: o.signal } : {}) })).text();
      } catch (err) {
        // A query that fails after its output began (an executable UDF refusing a row) leaves that
        // output in chDB's buffer, where it would prefix the next result: drain it here.
        await session.queryAsync('SELECT 1', { format: 'JSONCompact' }).catch(() => undefined);
        throw err;
      }
      if (text.trim() === '') return { meta: [], data: [] };
      return JSON.parse(text) as ChResult;
    },
    async command(sql) {
      if (!opts.writable) throw new Error('internal: command on a read-only chDB connection');
      await session.queryAsync(sql, { format: 'Null' });
    },
    async insertParquet(table, file) {
      if (!opts.writable) throw new Error('internal: insert on a read-only chDB connection');
      await session.queryAsync(`INSERT INTO ${quoteIdentFor('clickhouse', table)} SELECT * FROM file(${quoteStringFor('clickhouse', file)}, 'Parquet')`, { format: 'Null' });
    },
    close() {
      open.delete(dir);
      session.close();
    },
  };
}
