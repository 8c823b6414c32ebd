/**
 * Microsoft Graph `POST {api}/security/runHuntingQuery` with `{"Query", "Timespan"?}`: the answer's
 * `schema`/`results` (any capitalisation) as the JSON contract, plus the raw body for lossless
 * ingest and the request id for the manifest. Errors are classified so the collector can react:
 * `too-large` (result size / row limit), `preempted` (preempted, timed out, exceeded execution
 * limits: retry smaller), `throttled` (429 after the Retry-After waits), `auth`, `query`, `other`.
 */
import type { Clock } from './clock.js';
import { ConnectorError, type ServiceAuth } from './config.js';
import { errorOf, postJson } from './http.js';
import { columnsFromSchema, getCi } from './normalize.js';
import type { ResultColumn } from '../engine/contract.js';

export type GraphErrorKind = 'too-large' | 'preempted' | 'throttled' | 'auth' | 'query' | 'other';

export class GraphHuntingError extends ConnectorError {
  constructor(readonly graphKind: GraphErrorKind, message: string, status: number, readonly requestId: string) {
    super(message, graphKind, status);
    this.name = 'GraphHuntingError';
  }
}

export interface HuntingAnswer {
  readonly columns: ResultColumn[];
  /** Rows as Graph returns them: objects keyed by column name. */
  readonly results: unknown[];
  /** The schema array exactly as returned (for the stored API JSON file). */
  readonly schema: unknown[];
  readonly requestId: string;
}

export interface GraphHuntingOptions {
  readonly auth: ServiceAuth;
  readonly clock: Clock;
  readonly onWait?: (ms: number, status: number) => void;
  readonly maxRetries?: number;
}

export function classifyGraphError(status: number, code: string, message: string): GraphErrorKind {
  const text = `${code} ${message}`;
  if (status === 429) return 'throttled';
  if (status === 401 || status === 403) return 'auth';
  if (/result size|too large|too many (rows|results)|exceeds? the (maximum|allowed) (number of )?(rows|records|result)|E_QUERY_RESULT_SET_TOO_LARGE|row limit/i.test(text)) return 'too-large';
  if (/preempt|timed? ?out|timeout|exceeded the allowed limits|cancel+ed/i.test(text) || status === 504 || status === 408) return 'preempted';
  if (status === 400) return 'query';
  return 'other';
}

export async function runHuntingQuery(query: string, timespan: string | undefined, opts: GraphHuntingOptions): Promise<HuntingAnswer> {
  const url = `${opts.auth.apiBase}/security/runHuntingQuery`;
  const answer = await postJson(url, timespan ? { Query: query, Timespan: timespan } : { Query: query }, {
    auth: opts.auth, clock: opts.clock, ...(opts.onWait ? { onWait: opts.onWait } : {}), ...(opts.maxRetries !== undefined ? { maxRetries: opts.maxRetries } : {}),
  });
  if (answer.status < 200 || answer.status >= 300) {
    const { code, message } = errorOf(answer);
    const kind = classifyGraphError(answer.status, code, message);
    const hint = kind === 'auth' ? ' (the app needs the Microsoft Graph application permission ThreatHunting.Read.All, with admin consent)'
      : kind === 'throttled' ? ' (Defender allows 45 calls a minute and limited CPU per tenant: try again later)' : '';
    throw new GraphHuntingError(kind, `runHuntingQuery failed: ${answer.status} ${code}: ${message}${hint} [request-id ${answer.requestId}]`, answer.status, answer.requestId);
  }
  const schema = getCi(answer.body, 'schema');
  const results = getCi(answer.body, 'results');
  if (!Array.isArray(results)) throw new GraphHuntingError('other', `runHuntingQuery answered without a results array [request-id ${answer.requestId}]`, answer.status, answer.requestId);
  const schemaArr = Array.isArray(schema) ? schema : [];
  return { columns: columnsFromSchema(schemaArr), results, schema: schemaArr, requestId: answer.requestId };
}
