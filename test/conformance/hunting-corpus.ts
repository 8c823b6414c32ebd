/**
 * Loads the MDE hunting-query corpus (`hunting-queries/queries.jsonl`), selects the queries the
 * harness measures (dialect not `sentinel`, no tables outside MDE: `otherTables` empty), spots
 * network `externaldata`, and classifies an engine outcome into the buckets of the report.
 * Pure functions apart from the file read.
 */
import { join } from 'node:path';
import type { QueryOutcome } from './engine-client.js';
import { readJsonl } from './load-corpus.js';
import { stripCommentsAndStrings } from './sort-detect.js';

export interface HuntingQuery {
  readonly id: string;
  readonly repo: string;
  readonly path: string;
  readonly name: string;
  readonly dialect: string;
  readonly tables: readonly string[];
  readonly otherTables: readonly string[];
  readonly query: string;
}

export function huntingQueriesPath(sharedDir: string): string {
  return join(sharedDir, 'hunting-queries', 'queries.jsonl');
}

export function loadHuntingQueries(sharedDir: string): HuntingQuery[] {
  const path = huntingQueriesPath(sharedDir);
  return readJsonl(path).map((raw, i) => {
    const r = raw as Record<string, unknown>;
    if (typeof r['id'] !== 'string' || typeof r['query'] !== 'string') throw new Error(`${path} record ${i + 1}: lacks id/query`);
    const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);
    return {
      id: r['id'], repo: String(r['repo'] ?? ''), path: String(r['path'] ?? ''), name: String(r['name'] ?? ''),
      dialect: String(r['dialect'] ?? 'unknown'), tables: list(r['tables']), otherTables: list(r['otherTables']), query: r['query'],
    };
  });
}

/** The measured subset: not Sentinel dialect and referencing only MDE tables. */
export function selectHuntingQueries(all: readonly HuntingQuery[]): HuntingQuery[] {
  return all.filter((q) => q.dialect !== 'sentinel' && q.otherTables.length === 0);
}

/** True when the query calls `externaldata` (outside comments/strings) with an http(s) URL. */
export function usesNetworkExternaldata(query: string): boolean {
  return /\bexternaldata\b/i.test(stripCommentsAndStrings(query)) && /\bhttps?:\/\//i.test(query);
}

export type HuntingStatus =
  | 'ok'              // translated and executed
  | 'bind-error'      // parse/bind diagnostics against the MDE schema (excluded from the rate)
  | 'network'         // externaldata over the network (not run, excluded from the rate)
  | 'not-supported'   // the engine refused a construct explicitly
  | 'sql-error'       // the generated SQL failed in DuckDB
  | 'timeout'
  | 'crash'
  | 'other-error';

export const COUNTED_STATUSES: readonly HuntingStatus[] = ['ok', 'not-supported', 'sql-error', 'timeout', 'crash', 'other-error'];

/** Diagnostic codes (or messages) that mean "the query does not bind against the schema". */
const BIND_CODE = /^(KQL-|KS\d+)/i;
const NOT_SUPPORTED = /NOT-SUPPORTED|UNSUPPORTED|not supported/i;
const SQL_ERROR = /SQL|DUCKDB|EXEC|Binder Error|Catalog Error|Parser Error|Conversion Error|Invalid Input Error|Out of Range Error/i;

export interface HuntingVerdict {
  readonly status: HuntingStatus;
  readonly code?: string;
  readonly message?: string;
}

export function classifyHuntingOutcome(out: QueryOutcome): HuntingVerdict {
  switch (out.kind) {
    case 'ok': return { status: 'ok' };
    case 'timeout': return { status: 'timeout', code: 'TIMEOUT', message: 'timed out' };
    case 'crash': return { status: 'crash', code: 'CRASH', message: out.message };
    case 'unavailable': return { status: 'other-error', code: 'UNAVAILABLE', message: out.message };
    case 'error': {
      const diags = out.error.diagnostics ?? [];
      const errors = diags.filter((d) => d.severity === 'error');
      const first = errors[0] ?? diags[0];
      const code = first?.code ?? out.error.name;
      const message = first?.message ?? out.error.message;
      const bind = errors.find((d) => BIND_CODE.test(d.code));
      if (bind) return { status: 'bind-error', code: bind.code, message: bind.message };
      if (code === 'TIMEOUT') return { status: 'timeout', code, message };
      if (NOT_SUPPORTED.test(code) || NOT_SUPPORTED.test(message)) return { status: 'not-supported', code, message };
      if (SQL_ERROR.test(code) || SQL_ERROR.test(message)) return { status: 'sql-error', code, message };
      return { status: 'other-error', code, message };
    }
  }
}
