/**
 * A small JSON client for the Defender for Endpoint API: adds the bearer token, sends JSON, backs off
 * on 429 honouring Retry-After (capped), turns non-2xx answers into MdeHttpError (with the
 * documented `{"error":{"code","message"}}` body) and connection failures into a clear message.
 */
import { MdeHttpError, ResponseError } from './errors.js';
import type { TokenProvider } from './token.js';

export interface HttpExchange {
  readonly method: string;
  readonly url: string;
  readonly status: number;
}

export interface MdeClientOptions {
  readonly apiBase: string;
  readonly getToken: TokenProvider;
  /** How many times a 429 is retried (default 3). */
  readonly maxRetries?: number;
  /** Longest single wait on a 429, in ms, whatever Retry-After says (default 60,000). */
  readonly maxRetryWaitMs?: number;
  readonly requestTimeoutMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
  /** Told of every response (for progress output): never of headers or bodies. */
  readonly onExchange?: (e: HttpExchange) => void;
  /** Told when a 429 is being waited out. */
  readonly onBackoff?: (waitMs: number, attempt: number) => void;
}

export interface MdeResponse<T> {
  readonly status: number;
  readonly body: T;
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Milliseconds to wait from a Retry-After header (delta-seconds or HTTP-date), or undefined. */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value.trim()) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

function networkMessage(err: unknown, url: string): string {
  const cause = (err as { cause?: { code?: string; message?: string } })?.cause;
  const what = cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err));
  const host = (() => { try { return new URL(url).host; } catch { return url; } })();
  if ((err as Error)?.name === 'TimeoutError') return `no answer from ${host} in time (request timed out)`;
  return `cannot reach the Defender API at ${host} (${what}): check the network, a proxy, or HARRIER_MDE_API`;
}

export class MdeClient {
  private readonly maxRetries: number;
  private readonly maxRetryWaitMs: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;

  constructor(private readonly opts: MdeClientOptions) {
    this.maxRetries = opts.maxRetries ?? 3;
    this.maxRetryWaitMs = opts.maxRetryWaitMs ?? 60_000;
    this.sleep = opts.sleep ?? defaultSleep;
    this.now = opts.now ?? Date.now;
  }

  url(path: string): string {
    return `${this.opts.apiBase}/${path.replace(/^\/+/, '')}`;
  }

  async request<T = unknown>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<MdeResponse<T>> {
    const url = this.url(path);
    const token = await this.opts.getToken();
    for (let attempt = 0; ; attempt++) {
      const headers: Record<string, string> = { Authorization: `Bearer ${token}`, Accept: 'application/json' };
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      let res: Response;
      try {
        res = await fetch(url, {
          method, headers,
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
          signal: AbortSignal.timeout(this.opts.requestTimeoutMs ?? 60_000),
        });
      } catch (err) {
        throw new ResponseError('network', networkMessage(err, url));
      }
      const text = await res.text();
      this.opts.onExchange?.({ method, url, status: res.status });
      if (res.status === 429 && attempt < this.maxRetries) {
        const asked = parseRetryAfter(res.headers.get('retry-after'), this.now());
        const wait = Math.min(asked ?? 1000 * 2 ** attempt, this.maxRetryWaitMs);
        this.opts.onBackoff?.(wait, attempt + 1);
        await this.sleep(wait);
        continue;
      }
      let json: unknown = undefined;
      if (text.trim() !== '') {
        try { json = JSON.parse(text); } catch { json = undefined; }
      }
      if (res.status < 200 || res.status > 299) {
        const e = (json as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
        throw new MdeHttpError(res.status, typeof e?.code === 'string' ? e.code : '', typeof e?.message === 'string' ? e.message : (json === undefined ? text.slice(0, 200) : ''), method, url);
      }
      return { status: res.status, body: json as T };
    }
  }
}
