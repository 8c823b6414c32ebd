/**
 * The console's JSON API over one locked-down engine (the CLI's isolation: no file or network
 * access from queries). POST /api/query answers the `harrier query --format json` contract plus
 * `timings` and `diagnostics`; a client that disconnects cancels its query. GET /api/schema lists
 * the MDE tables; GET /api/incidents runs the hunt pack and answers `harrier hunt --format json`;
 * GET /api/timeline answers `harrier timeline --format json`; GET /api/report renders the report
 * of an incident (HTML, or Markdown with format=md) as `harrier report` writes it;
 * /api/history and /api/saved keep queries beside the store (console-store.ts). POST /api/check
 * answers the diagnostics of a query without running it (the editor's squiggles: the CLI's own
 * parser, binder and "not supported" checks); GET /api/rules lists the hunt pack with the tables
 * each rule reads and the ATT&CK names and tactics of its techniques; GET /api/info names the store
 * and the pinned clock.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { basename } from 'node:path';
import type { KqlEngine } from '../engine/contract.js';
import { QueryError } from '../engine/contract.js';
import { MDE_TABLES } from '../schema/index.js';
import { attackTactics, attackVersion, findTechnique } from '../attack/attack-data.js';
import { tablesOfQuery } from '../correlate/evidence.js';
import { renderQuery } from '../hunts/render-query.js';
import { runHuntsDetailed, type LoadedRule } from '../hunts/index.js';
import { huntJson } from '../correlate/incident-json.js';
import { incidentsForRun, type IncidentInputs } from '../correlate/for-run.js';
import { timelineDocument } from '../correlate/timeline-document.js';
import { latestEventTime } from '../store/latest-event.js';
import { collectReport, readStoreFacts, renderReport, ReportError } from '../report/index.js';
import { harrierVersion } from '../report/collect.js';
import { HttpError, readJsonBody, sendJson, sendText } from './http-io.js';
import { checkJson } from './security.js';
import type { ConsoleStore } from './console-store.js';

export const DEFAULT_MAX_ROWS = 10_000;
export const MAX_ROWS_CAP = 100_000;

export interface ApiContext {
  readonly db: string;
  readonly engine: KqlEngine;
  /** Watchlist files and audit trail named in the report. */
  readonly watchlistFiles: readonly string[];
  readonly auditFile: string;
  /** Pins now() for every query and hunt unless the call passes `now`. */
  readonly now?: Date;
  readonly queryTimeoutMs: number;
  readonly rules: readonly LoadedRule[];
  readonly incidentInputs: IncidentInputs;
  readonly consoleStore: ConsoleStore;
}

function parseNow(v: unknown, fallback: Date | undefined): Date | undefined {
  if (v === undefined || v === null || v === '') return fallback;
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(v) || Number.isNaN(Date.parse(v))) throw new HttpError(400, `now must be an ISO-8601 time, not ${JSON.stringify(v)}`);
  return new Date(v);
}

async function query(req: IncomingMessage, res: ServerResponse, cx: ApiContext): Promise<void> {
  checkJson(req);
  const parsed = await readJsonBody(req);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new HttpError(400, 'the body must be a JSON object {"query": …}');
  const body = parsed as { query?: unknown; now?: unknown; maxRows?: unknown };
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

/** Parses, binds and translates without running: the diagnostics a run would start with. */
async function check(req: IncomingMessage, res: ServerResponse, cx: ApiContext): Promise<void> {
  const body = await jsonObject(req);
  if (typeof body['query'] !== 'string') throw new HttpError(400, 'query must be a string');
  if (body['query'].trim() === '') { sendJson(res, 200, { diagnostics: [] }); return; }
  try {
    cx.engine.explain(body['query'], cx.now ? { now: cx.now } : {});
    sendJson(res, 200, { diagnostics: [] });
  } catch (err) {
    if (!(err instanceof QueryError)) throw err;
    sendJson(res, 200, { diagnostics: err.diagnostics });
  }
}

/** The hunt pack as the console shows it: each rule's query as it runs, the tables it reads, ATT&CK names. */
function rules(res: ServerResponse, cx: ApiContext): void {
  const techniqueIds = new Set(cx.rules.flatMap((r) => r.rule.relevantTechniques));
  const techniques: Record<string, { name: string; tactics: readonly string[] }> = {};
  for (const id of [...techniqueIds].sort()) {
    const t = findTechnique(id);
    if (t) techniques[id] = { name: t.name, tactics: t.tactics };
  }
  sendJson(res, 200, {
    rules: cx.rules.map((r) => ({
      id: r.rule.id, name: r.rule.name, severity: r.rule.severity, techniques: r.rule.relevantTechniques,
      tables: tablesOfQuery(r.rule.query), query: renderQuery(r).text,
    })),
    attack: { version: attackVersion(), tactics: attackTactics().map((t) => ({ id: t.id, shortname: t.shortname, name: t.name })), techniques },
  });
}

/** What the console shows in its top bar: which store, and the clock queries and hunts use. */
function info(res: ServerResponse, cx: ApiContext): void {
  sendJson(res, 200, { store: basename(cx.db), now: cx.now?.toISOString() ?? null, harrier: harrierVersion(), maxRows: MAX_ROWS_CAP, queryTimeoutMs: cx.queryTimeoutMs });
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

function timeParam(url: URL, name: string): Date | undefined {
  const v = url.searchParams.get(name);
  if (v === null || v === '') return undefined;
  if (!/^\d{4}-\d{2}-\d{2}/.test(v) || Number.isNaN(Date.parse(v))) throw new HttpError(400, `${name} must be an ISO-8601 time, not ${JSON.stringify(v)}`);
  return new Date(v);
}

async function timeline(url: URL, res: ServerResponse, cx: ApiContext): Promise<void> {
  const device = url.searchParams.get('device');
  if (!device) throw new HttpError(400, 'device is required (DeviceName, its host part, or DeviceId)');
  const [from, to] = [timeParam(url, 'from'), timeParam(url, 'to')];
  if (from && to && from >= to) throw new HttpError(400, 'from must be before to');
  const limit = Number(url.searchParams.get('limit') ?? 10_000);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_ROWS_CAP) throw new HttpError(400, `limit must be 1–${MAX_ROWS_CAP}`);
  const doc = await timelineDocument({
    db: cx.db, device, limit, ...(from ? { from } : {}), ...(to ? { to } : {}),
    hunt: { engine: cx.engine, rules: cx.rules, lastEvent: await latestEventTime(cx.db), ...(cx.now ? { now: cx.now } : {}) },
  });
  if (doc.devices.length === 0) throw new HttpError(404, `no events for device '${device}'${from || to ? ' in that window' : ''}`);
  sendJson(res, 200, doc);
}

async function report(url: URL, res: ServerResponse, cx: ApiContext): Promise<void> {
  const format = url.searchParams.get('format') ?? 'html';
  if (format !== 'html' && format !== 'md') throw new HttpError(400, 'format must be html or md');
  const now = parseNow(url.searchParams.get('now'), cx.now) ?? new Date();
  const run = await runHuntsDetailed(cx.engine, cx.rules, { now });
  const found = await incidentsForRun(cx.engine, run, cx.rules, cx.incidentInputs);
  const incidentId = url.searchParams.get('incident') ?? undefined;
  let model;
  try {
    model = await collectReport({
      facts: await readStoreFacts(cx.db), rules: cx.rules, run, incidents: found, engine: cx.engine, watchlist: cx.incidentInputs.watchlist,
      watchlistFiles: cx.watchlistFiles, auditFile: cx.auditFile, ...(incidentId ? { incidentId } : {}),
    });
  } catch (err) {
    if (err instanceof ReportError) throw new HttpError(404, err.message);
    throw err;
  }
  const rendered = renderReport(model);
  const name = `harrier-report-${model.incident?.id ?? 'no-incident'}.${format}`;
  const download: Record<string, string> = url.searchParams.get('download') === '1' ? { 'content-disposition': `attachment; filename="${name}"` } : {};
  if (format === 'md') sendText(res, 200, 'text/markdown; charset=utf-8', rendered.markdown, download);
  // The report is self-contained (inline SVG, no script); a CSP keeps it that way in the browser.
  else sendText(res, 200, 'text/html; charset=utf-8', rendered.html, { 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:", ...download });
}

async function jsonObject(req: IncomingMessage): Promise<Record<string, unknown>> {
  checkJson(req);
  const body = await readJsonBody(req);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new HttpError(400, 'the body must be a JSON object');
  return body as Record<string, unknown>;
}

/** Routes an /api request; false when the path is not an API route. */
export async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL, cx: ApiContext): Promise<boolean> {
  const route = `${req.method ?? 'GET'} ${url.pathname}`;
  switch (route) {
    case 'POST /api/query': await query(req, res, cx); return true;
    case 'POST /api/check': await check(req, res, cx); return true;
    case 'GET /api/info': info(res, cx); return true;
    case 'GET /api/schema': schema(res); return true;
    case 'GET /api/rules': rules(res, cx); return true;
    case 'GET /api/incidents': await incidents(url, res, cx); return true;
    case 'GET /api/timeline': await timeline(url, res, cx); return true;
    case 'GET /api/report': await report(url, res, cx); return true;
    case 'GET /api/history': sendJson(res, 200, { history: cx.consoleStore.read().history }); return true;
    case 'POST /api/history': sendJson(res, 200, await cx.consoleStore.addHistory((await jsonObject(req))['query'])); return true;
    case 'GET /api/saved': sendJson(res, 200, { saved: cx.consoleStore.read().saved }); return true;
    case 'POST /api/saved': {
      const b = await jsonObject(req);
      sendJson(res, 200, await cx.consoleStore.save(b['name'], b['query']));
      return true;
    }
    case 'DELETE /api/saved': {
      const name = (await jsonObject(req))['name'];
      if (!await cx.consoleStore.remove(name)) throw new HttpError(404, `no saved query named ${JSON.stringify(name)}`);
      sendJson(res, 200, { deleted: name });
      return true;
    }
    default:
      if (url.pathname.startsWith('/api/')) throw new HttpError(404, `no API route ${route}`);
      return false;
  }
}
