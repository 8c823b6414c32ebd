/**
 * The console's JSON API over one locked-down engine (the CLI's isolation: no file or network
 * access from queries). POST /api/query answers the `harrier query --format json` contract plus
 * `timings` and `diagnostics`; a client that disconnects cancels its query. GET /api/schema lists
 * the MDE tables; GET /api/incidents runs the hunt pack and answers `harrier hunt --format json`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KqlEngine } from '../engine/contract.js';
import { QueryError } from '../engine/contract.js';
import { MDE_TABLES } from '../schema/index.js';
import { runHuntsDetailed, type LoadedRule } from '../hunts/index.js';
import { huntJson } from '../correlate/incident-json.js';
import { incidentsForRun, type IncidentInputs } from '../cli/commands/incident-options.js';
import { HttpError, readJsonBody, sendJson } from './http-io.js';
import { checkJson } from './security.js';

export const DEFAULT_MAX_ROWS = 10_000;
export const MAX_ROWS_CAP = 100_000;

export interface ApiContext {
  readonly engine: KqlEngine;
  /** Pins now() for every query and hunt unless the call passes `now`. */
  readonly now?: Date;
  readonly queryTimeoutMs: number;
  readonly rules: readonly LoadedRule[];
  readonly incidentInputs: IncidentInputs;
}

function parseNow(v: unknown, fallback: Date | undefined): Date | undefined {
  if (v === undefined || v === null || v === '') return fallback;
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(v) || Number.isNaN(Date.parse(v))) throw new HttpError(400, `now must be an ISO-8601 time, not ${JSON.stringify(v)}`);
  return new Date(v);
}

async function query(req: IncomingMessage, res: ServerResponse, cx: ApiContext): Promise<void> {
  checkJson(req);
  const body = await readJsonBody(req) as { query?: unknown; now?: unknown; maxRows?: unknown };
  if (typeof body.query !== 'string' || body.query.trim() === '') throw new HttpError(400, 'query must be a non-empty string');
  const maxRows = body.maxRows === undefined ? DEFAULT_MAX_ROWS : body.maxRows;
  if (typeof maxRows !== 'number' || !Number.isInteger(maxRows) || maxRows < 1) throw new HttpError(400, 'maxRows must be a positive whole number');
  const now = parseNow(body.now, cx.now);
  // The client going away (a new run, Cancel, a closed tab) interrupts DuckDB.
  const abort = new AbortController();
  const onClose = () => { if (!res.writableEnded) abort.abort(); };
  res.on('close', onClose);
  try {
    const r = await cx.engine.query(body.query, { maxRows: Math.min(maxRows, MAX_ROWS_CAP), timeoutMs: cx.queryTimeoutMs, signal: abort.signal, ...(now ? { now } : {}) });
    sendJson(res, 200, { columns: r.columns, rows: r.rows, truncated: r.truncated, ...(r.render ? { render: r.render } : {}), warnings: r.warnings, diagnostics: [], timings: r.timings });
  } catch (err) {
    if (!(err instanceof QueryError)) throw err;
    if (abort.signal.aborted) return; // nobody is listening
    sendJson(res, 400, { error: err.message, diagnostics: err.diagnostics });
  } finally {
    res.off('close', onClose);
  }
}

function schema(res: ServerResponse): void {
  sendJson(res, 200, {
    tables: [...MDE_TABLES.values()].map((t) => ({
      name: t.name, description: t.description, actionTypes: t.actionTypes,
      columns: t.columns.map((c) => ({ name: c.name, type: c.type, description: c.description })),
    })),
  });
}

async function incidents(url: URL, res: ServerResponse, cx: ApiContext): Promise<void> {
  const now = parseNow(url.searchParams.get('now'), cx.now) ?? new Date();
  const run = await runHuntsDetailed(cx.engine, cx.rules, { now });
  const found = await incidentsForRun(cx.engine, run, cx.rules, cx.incidentInputs);
  const failed = run.runs.filter((r) => r.error).map((r) => ({ rule: r.rule.rule.id, error: r.error!.message }));
  sendJson(res, 200, { ...huntJson(found, run.findings), ...(failed.length ? { failedRules: failed } : {}) });
}

/** Routes an /api request; false when the path is not an API route. */
export async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL, cx: ApiContext): Promise<boolean> {
  const route = `${req.method ?? 'GET'} ${url.pathname}`;
  switch (route) {
    case 'POST /api/query': await query(req, res, cx); return true;
    case 'GET /api/schema': schema(res); return true;
    case 'GET /api/incidents': await incidents(url, res, cx); return true;
    default:
      if (url.pathname.startsWith('/api/')) throw new HttpError(404, `no API route ${route}`);
      return false;
  }
}
