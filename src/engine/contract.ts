/**
 * The public contract of the KQL engine, shared by the CLI (`harrier query`), the hunt runner,
 * the conformance harness and the server. Values in `rows` are already encoded for JSON output:
 *   - bool → boolean; int/long/real/decimal → number (long beyond 2^53 → string of digits);
 *   - string → string (never null); guid → string;
 *   - datetime → ISO-8601 UTC `YYYY-MM-DDTHH:MM:SS[.fffffff]Z` (7 fractional digits when non-zero);
 *   - timespan → `[-][d.]hh:mm:ss[.fffffff]`;
 *   - dynamic → a JSON value (object, array, number, string, boolean or null), never a JSON string;
 *   - null for a null value of any non-string type.
 */
import type { KqlType } from '../schema/kql-types.js';

export interface ResultColumn {
  readonly name: string;
  readonly type: KqlType;
}

export type EncodedValue = null | boolean | number | string | EncodedValue[] | { [key: string]: EncodedValue };

export interface Diagnostic {
  /** Stable code from the diagnostic code map, e.g. 'KQL-BIND', 'NOT-SUPPORTED'. */
  readonly code: string;
  readonly severity: 'error' | 'warning';
  readonly message: string;
  /** 1-based line and column of the span start in the query text, when known. */
  readonly line?: number;
  readonly column?: number;
  /** 0-based character offset and length in the query text, when known. */
  readonly start?: number;
  readonly length?: number;
}

export interface RenderInfo {
  /** `render` visualization kept as metadata, e.g. 'timechart'. */
  readonly visualization: string;
  readonly properties: Readonly<Record<string, string>>;
}

export interface QueryResult {
  readonly columns: readonly ResultColumn[];
  readonly rows: readonly (readonly EncodedValue[])[];
  /** True when the row cap cut the result. */
  readonly truncated: boolean;
  readonly render?: RenderInfo;
  readonly warnings: readonly Diagnostic[];
  readonly timings: { readonly parseMs: number; readonly translateMs: number; readonly executeMs: number; readonly totalMs: number };
}

export interface QueryOptions {
  /** Pins now()/ago(); default the wall clock at query start. */
  readonly now?: Date;
  /** Row cap (default 10,000 like Defender's UI; 0 = unlimited). */
  readonly maxRows?: number;
  /** Execution time limit in ms (default 600,000). */
  readonly timeoutMs?: number;
  /**
   * Cancels the query: before it starts it never runs; while it runs DuckDB is interrupted. The
   * query then fails with a CANCELLED diagnostic.
   */
  readonly signal?: AbortSignal;
}

/** Thrown for a query that cannot run: parse/bind errors, unsupported constructs, execution errors. */
export class QueryError extends Error {
  constructor(readonly diagnostics: readonly Diagnostic[], message?: string) {
    super(message ?? diagnostics.map((d) => d.message).join('; '));
    this.name = 'QueryError';
  }
}

export interface OpenEngineOptions {
  /** DuckDB store file; omitted → an in-memory store with every MDE table present and empty. */
  readonly db?: string;
  /** Folder that `externaldata` may read local files from; omitted → externaldata is refused. */
  readonly externalDataDir?: string;
}

/** What `openEngine()` (src/engine/index.ts) returns. One warm parser, one locked-down connection. */
export interface KqlEngine {
  query(text: string, options?: QueryOptions): Promise<QueryResult>;
  /** Parse, bind, lower and compile without executing: for `--dump` and linting. */
  explain(text: string, options?: QueryOptions): { readonly syntax: string; readonly ir: string; readonly sql: string };
  close(): void;
}
