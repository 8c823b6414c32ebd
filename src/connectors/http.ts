/**
 * One JSON POST to a remote engine, with the connectors' shared behaviour: bearer token, a fresh
 * `client-request-id`, the service's request id read back, waits as `Retry-After` says on 429/503
 * (seconds or an HTTP date, exponential when absent, on the injected clock), and errors whose
 * messages are scrubbed of secrets and tokens.
 */
import { randomUUID } from 'node:crypto';
import { redact } from '../respond/config.js';
import type { Clock } from './clock.js';
import { ConnectorError, type ServiceAuth } from './config.js';

export interface HttpAnswer {
  readonly status: number;
  readonly body: unknown;
  readonly text: string;
  /** The service's id for the request (`request-id`, `x-ms-request-id`), else the client id sent. */
  readonly requestId: string;
  readonly clientRequestId: string;
}

export interface PostOptions {
  readonly auth: ServiceAuth;
  readonly clock: Clock;
  /** Retries on 429/503 before giving up (default 5). */
  readonly maxRetries?: number;
  /** Longest single wait (default 120 s). */
  readonly maxWaitMs?: number;
  /** Called before each wait (progress/log lines). */
  readonly onWait?: (ms: number, status: number) => void;
  readonly extraHeaders?: Record<string, string>;
}

export function retryAfterMs(header: string | null, attempt: number, now: number): number {
  if (header) {
    const secs = Number(header);
    if (Number.isFinite(secs) && secs >= 0) return secs * 1000;
    const date = Date.parse(header);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  return Math.min(60_000, 1000 * 2 ** attempt);
}

export async function postJson(url: string, payload: unknown, opts: PostOptions): Promise<HttpAnswer> {
  const maxRetries = opts.maxRetries ?? 5;
  const host = new URL(url).host;
  for (let attempt = 0; ; attempt++) {
    const token = await opts.auth.token();
    const secrets = [...opts.auth.secrets, token];
    const clientRequestId = randomUUID();
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json', 'client-request-id': clientRequestId, ...opts.extraHeaders },
        body: JSON.stringify(payload),
      });
    } catch (err) {
      const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).message;
      throw new ConnectorError(redact(`cannot reach ${host} (${cause})`, secrets), 'network');
    }
    const text = await res.text();
    let body: unknown = undefined;
    try { body = text ? JSON.parse(text) : undefined; } catch { body = undefined; }
    const requestId = res.headers.get('request-id') ?? res.headers.get('x-ms-request-id') ?? clientRequestId;
    if ((res.status === 429 || res.status === 503) && attempt < maxRetries) {
      const wait = Math.min(opts.maxWaitMs ?? 120_000, retryAfterMs(res.headers.get('retry-after'), attempt, opts.clock.now()));
      opts.onWait?.(wait, res.status);
      await opts.clock.sleep(wait);
      continue;
    }
    return { status: res.status, body, text: redact(text, secrets), requestId, clientRequestId };
  }
}

/** `error.code` / `error.message` of an answer in the `{"error":{…}}` shape (Graph, Log Analytics, Kusto). */
export function errorOf(answer: HttpAnswer): { code: string; message: string } {
  const e = (answer.body as { error?: { code?: unknown; message?: unknown; innererror?: { message?: unknown } } } | undefined)?.error;
  const code = typeof e?.code === 'string' ? e.code : `HTTP ${answer.status}`;
  const inner = typeof e?.innererror?.message === 'string' ? ` (${e.innererror.message})` : '';
  const message = typeof e?.message === 'string' ? e.message + inner : answer.text.slice(0, 300);
  return { code, message };
}
