/**
 * Calls to `harrier serve`'s JSON API. Off loopback the server wants `Authorization: Bearer
 * <HARRIER_TOKEN>`: on a 401 the console asks for the token once and keeps it for the tab only
 * (sessionStorage), never in the URL or local storage.
 */
import type { Diagnostic, HuntAnswer, QueryAnswer, RulesAnswer, SchemaTable, TimelineAnswer } from './contract.js';

const TOKEN_KEY = 'harrier.token';

export class ApiError extends Error {
  constructor(readonly status: number, message: string, readonly diagnostics: readonly Diagnostic[] = []) {
    super(message);
  }
}

function headers(extra: Record<string, string> = {}): Record<string, string> {
  const token = sessionStorage.getItem(TOKEN_KEY);
  return { ...extra, ...(token ? { authorization: `Bearer ${token}` } : {}) };
}

/** One question at a time: calls refused together wait for the same answer. */
let asking: Promise<boolean> | undefined;
function askForToken(): Promise<boolean> {
  asking ??= Promise.resolve().then(() => {
    const token = window.prompt('This Harrier server needs its access token (HARRIER_TOKEN):');
    if (token) sessionStorage.setItem(TOKEN_KEY, token.trim());
    asking = undefined;
    return Boolean(token);
  });
  return asking;
}

async function call(path: string, init: RequestInit = {}, retried = false): Promise<Response> {
  const sentToken = sessionStorage.getItem(TOKEN_KEY);
  const r = await fetch(path, { ...init, headers: headers(init.headers as Record<string, string> | undefined) });
  if (r.status === 401 && !retried) {
    // Another call may have been given the token meanwhile; otherwise ask.
    if (sessionStorage.getItem(TOKEN_KEY) !== sentToken || await askForToken()) return call(path, init, true);
  }
  if (!r.ok) {
    let body: { error?: string; diagnostics?: Diagnostic[] } = {};
    try { body = await r.json() as typeof body; } catch { /* not JSON */ }
    throw new ApiError(r.status, body.error ?? `${r.status} ${r.statusText}`, body.diagnostics ?? []);
  }
  return r;
}

const getJson = async <T>(path: string, signal?: AbortSignal): Promise<T> => (await call(path, signal ? { signal } : {})).json() as Promise<T>;
const sendJson = async <T>(method: string, path: string, body: unknown, signal?: AbortSignal): Promise<T> =>
  (await call(path, { method, body: JSON.stringify(body), headers: { 'content-type': 'application/json' }, ...(signal ? { signal } : {}) })).json() as Promise<T>;

export const api = {
  /** `answered` is called when the answer's headers are in: from there on, the time is the console's (body, parse, grid). */
  query: async (query: string, maxRows: number, signal: AbortSignal, answered?: () => void): Promise<QueryAnswer> => {
    const r = await call('/api/query', { method: 'POST', body: JSON.stringify({ query, maxRows }), headers: { 'content-type': 'application/json' }, signal });
    answered?.();
    return r.json() as Promise<QueryAnswer>;
  },
  check: (query: string, signal: AbortSignal) => sendJson<{ diagnostics: Diagnostic[] }>('POST', '/api/check', { query }, signal),
  info: () => getJson<{ store: string; now: string | null; harrier: string; maxRows: number; queryTimeoutMs: number }>('/api/info'),
  schema: () => getJson<{ tables: SchemaTable[] }>('/api/schema'),
  rules: () => getJson<RulesAnswer>('/api/rules'),
  incidents: () => getJson<HuntAnswer>('/api/incidents'),
  timeline: (device: string, from: string, to: string, signal?: AbortSignal) => {
    const q = new URLSearchParams({ device, ...(from ? { from } : {}), ...(to ? { to } : {}) });
    return getJson<TimelineAnswer>(`/api/timeline?${q}`, signal);
  },
  /** The report as text (HTML or Markdown), fetched with the token so it can be shown and downloaded. */
  report: async (incident: string, format: 'html' | 'md') => (await call(`/api/report?${new URLSearchParams({ incident, format })}`)).text(),
  history: () => getJson<{ history: { query: string; at: string }[] }>('/api/history'),
  addHistory: (query: string) => sendJson<unknown>('POST', '/api/history', { query }),
  saved: () => getJson<{ saved: { name: string; query: string; savedAt: string }[] }>('/api/saved'),
  save: (name: string, query: string) => sendJson<unknown>('POST', '/api/saved', { name, query }),
  removeSaved: (name: string) => sendJson<unknown>('DELETE', '/api/saved', { name }),
};
