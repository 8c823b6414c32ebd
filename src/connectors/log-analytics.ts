/**
 * The Log Analytics query API (v1): `POST {api}/workspaces/{workspaceId}/query` with
 * `{"query", "timespan"?}`; the answer's `tables[0]` (`PrimaryResult`: `columns` of `{name,type}`,
 * `rows` as arrays) becomes the JSON contract. A 200 that carries an `error` (partial result) is
 * kept as a warning. Sentinel tables are the same KQL; their time column is `TimeGenerated`.
 */
import type { QueryResult } from '../engine/contract.js';
import type { Clock } from './clock.js';
import { ConnectorError, type ServiceAuth } from './config.js';
import { errorOf, postJson } from './http.js';
import { columnsFromSchema, encodeRows, getCi, remoteResult } from './normalize.js';

export interface LogAnalyticsOptions {
  readonly auth: ServiceAuth;
  readonly workspaceId: string;
  readonly clock: Clock;
  readonly onWait?: (ms: number, status: number) => void;
}

export async function queryLogAnalytics(query: string, timespan: string | undefined, maxRows: number, opts: LogAnalyticsOptions): Promise<QueryResult> {
  const started = performance.now();
  const url = `${opts.auth.apiBase}/workspaces/${encodeURIComponent(opts.workspaceId)}/query`;
  const answer = await postJson(url, timespan ? { query, timespan } : { query }, { auth: opts.auth, clock: opts.clock, ...(opts.onWait ? { onWait: opts.onWait } : {}) });
  if (answer.status < 200 || answer.status >= 300) {
    const { code, message } = errorOf(answer);
    const hint = answer.status === 403 ? ' (the app needs the Log Analytics Reader role on the workspace, or Data.Read on the Log Analytics API)' : '';
    throw new ConnectorError(`Log Analytics query failed: ${answer.status} ${code}: ${message}${hint} [request-id ${answer.requestId}]`, answer.status === 400 ? 'query' : 'remote', answer.status);
  }
  const tables = getCi(answer.body, 'tables');
  const first = Array.isArray(tables) ? tables[0] : undefined;
  if (!first) throw new ConnectorError(`Log Analytics answered without tables [request-id ${answer.requestId}]`, 'remote');
  const columns = columnsFromSchema(getCi(first, 'columns'));
  const rows = getCi(first, 'rows');
  const result = remoteResult(columns, encodeRows(columns, Array.isArray(rows) ? rows : []), maxRows, performance.now() - started);
  const partial = getCi(answer.body, 'error');
  if (partial && typeof partial === 'object') {
    const msg = String(getCi(partial, 'message') ?? 'partial result');
    return { ...result, warnings: [{ code: 'REMOTE-PARTIAL', severity: 'warning', message: `Log Analytics returned a partial result: ${msg}` }] };
  }
  return result;
}
