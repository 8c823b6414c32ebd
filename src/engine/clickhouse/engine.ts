/**
 * The KQL engine over ClickHouse (chDB or a server): the same parser, IR and compiler as the DuckDB
 * engine, the ClickHouse dialect, and a decoder from ClickHouse's JSON to the engine contract.
 * Every statement passes the SQL guard before it is sent.
 */
import { QueryError, type Diagnostic, type KqlEngine, type QueryOptions, type QueryResult } from '../contract.js';
import { encodeValue } from '../encode.js';
import { CANCELLED, DEFAULT_MAX_ROWS, DEFAULT_TIMEOUT_MS, assembleResult, refusalIn, serialized, throwIfCancelled } from '../run-query.js';
import { translate } from '../translate.js';
import { clickhouseDialect } from '../../sql/dialects/clickhouse/index.js';
import type { KqlType } from '../../schema/kql-types.js';
import type { EncodedValue } from '../contract.js';
import type { ChConnection } from './connection.js';
import { guardSql } from './sql-guard.js';

/** ClickHouse DateTime64 text `YYYY-MM-DD hh:mm:ss.fffffff` → the contract's ISO form. */
export function decodeDatetime(text: string): string {
  const m = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(?:\.(\d+))?$/.exec(text);
  if (!m) return text;
  const frac = (m[3] ?? '').padEnd(7, '0').slice(0, 7);
  return `${m[1]}T${m[2]}${/^0*$/.test(frac) ? '' : `.${frac}`}Z`;
}

/** One value of ClickHouse's JSONCompact output (shaped by the dialect's outputCast) → contract value. */
export function decodeValue(v: unknown, type: KqlType): EncodedValue {
  if (v === null || v === undefined) return type === 'string' ? '' : null;
  switch (type) {
    case 'datetime': return decodeDatetime(String(v));
    case 'long': case 'timespan': return encodeValue(BigInt(String(v)), type);
    case 'real': case 'decimal': {
      if (typeof v === 'number') return v;
      const s = String(v);
      return s === 'inf' || s === '+inf' ? Infinity : s === '-inf' ? -Infinity : Number(s);
    }
    default: return encodeValue(v, type);
  }
}

/** The diagnostic for a ClickHouse error during execution. Exported for tests. */
export function executionDiagnostic(msg: string, timeoutMs: number): Diagnostic {
  if (/TIMEOUT_EXCEEDED|Timeout exceeded/i.test(msg)) return { code: 'TIMEOUT', severity: 'error', message: `query timed out after ${timeoutMs} ms` };
  const refused = refusalIn(msg);
  if (refused) return refused;
  // A server without Harrier's executable UDFs (chDB declares them itself: udf-config.ts).
  const udf = /(?:Unknown function |Function with name `)(harrier_\w+)/.exec(msg)?.[1];
  if (udf) return { code: 'NOT-SUPPORTED', severity: 'error', message: `not supported: this ClickHouse server lacks Harrier's UDF ${udf}; install them with \`harrier clickhouse-udfs\` on the server host (docs/CLICKHOUSE.md)` };
  // ClickHouse messages carry a stack hint after the first line; the code and text are what matter.
  return { code: 'EXECUTION', severity: 'error', message: `execution failed: ${msg.split('\n')[0]}` };
}

export interface ClickHouseEngineOptions {
  readonly externalDataDir?: string;
}

/** A KqlEngine over an open read-only ClickHouse connection (closed with the engine). */
export async function openClickHouseEngine(conn: ChConnection, options: ClickHouseEngineOptions = {}): Promise<KqlEngine> {
  const fns = await conn.query('SELECT name FROM system.table_functions');
  const tableFunctions = new Set(fns.data.map((r) => String(r[0]).toLowerCase()));

  async function run(text: string, opts: QueryOptions = {}): Promise<QueryResult> {
    throwIfCancelled(opts);
    const start = performance.now();
    const maxRows = opts.maxRows ?? DEFAULT_MAX_ROWS;
    const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const tr = translate(clickhouseDialect, text, opts, options.externalDataDir, maxRows);
    if (tr.before.length > 0) throw new QueryError([{ code: 'NOT-SUPPORTED', severity: 'error', message: 'not supported: session constants on the ClickHouse engine' }]);
    const guarded = (sql: string) => {
      try {
        guardSql(sql, tableFunctions);
      } catch (err) {
        throw new QueryError([{ code: 'INTERNAL', severity: 'error', message: err instanceof Error ? err.message : String(err) }]);
      }
      return sql;
    };
    guarded(tr.sql);
    const t0 = performance.now();
    const settings = { timeoutSeconds: timeoutMs / 1000, ...(opts.signal ? { signal: opts.signal } : {}) };
    let data: readonly (readonly unknown[])[];
    try {
      if (tr.bag) {
        // bag_unpack at the end: the result's columns depend on the keys present in the data.
        const keys = (await conn.query(guarded(tr.bag.keysSql), settings)).data.map((r) => String(r[0]));
        const expanded = tr.bag.withKeys(keys);
        tr.sql = guarded(expanded.sql);
        tr.columns = expanded.columns;
      }
      const r = await conn.query(tr.sql, settings);
      data = r.data;
    } catch (err) {
      if (opts.signal?.aborted) throw new QueryError([CANCELLED]);
      throw new QueryError([executionDiagnostic(err instanceof Error ? err.message : String(err), timeoutMs)]);
    }
    return assembleResult(tr, data, maxRows, decodeValue, start, performance.now() - t0);
  }

  return {
    query: serialized(run),
    explain(text, opts = {}) {
      const tr = translate(clickhouseDialect, text, opts, options.externalDataDir, opts.maxRows ?? DEFAULT_MAX_ROWS);
      return { syntax: tr.syntax(), ir: tr.ir, sql: tr.sql };
    },
    close() { conn.close(); },
  };
}
