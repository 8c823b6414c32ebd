/**
 * A fake Microsoft identity platform token endpoint, Microsoft Graph `security/runHuntingQuery`,
 * Log Analytics query API v1 and Kusto REST v2 endpoint on 127.0.0.1, from the documented request
 * and response shapes. Graph serves an in-memory event set filtered by the request's `Timespan`
 * (ISO-8601 interval) and the query's `DeviceName in~ (…)`, truncates at a configurable row cap,
 * refuses windows wider than `maxWindowMs` as too large, and plays scripted answers (429 with
 * Retry-After, a preempted 400) first. Every request is recorded for the tests.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest { readonly method: string; readonly url: string; readonly headers: IncomingHttpHeaders; readonly body: string }
export interface Scripted { status: number; headers?: Record<string, string>; body: unknown }
export interface FakeEvent { Timestamp: string; DeviceName: string; [k: string]: unknown }

export const TENANT = 'contoso-tenant';
export const CLIENT_ID = '11111111-2222-3333-4444-555555555555';
export const CLIENT_SECRET = 'sUpEr-SeCrEt-Value~42';

export class FakeRemote {
  readonly requests: RecordedRequest[] = [];
  readonly issuedTokens: string[] = [];
  /** Table name → events. */
  readonly events = new Map<string, FakeEvent[]>();
  /** Answers for the next Graph calls, in order. */
  readonly graphScript: Scripted[] = [];
  rowCap = 100_000;
  maxWindowMs = Number.POSITIVE_INFINITY;
  /** Graph calls (after the script) that answer normally before every further call fails with 500. */
  failAfterCalls = Number.POSITIVE_INFINITY;
  graphCalls = 0;
  legacyCasing = false;
  /** Answers for the next Log Analytics / Kusto calls. */
  laAnswer: unknown = undefined;
  adxFrames: unknown = undefined;
  private server: Server | undefined;
  port = 0;

  get base(): string { return `http://127.0.0.1:${this.port}`; }
  get tokenUrl(): string { return `${this.base}/${TENANT}/oauth2/v2.0/token`; }
  get env(): Record<string, string> {
    return {
      HARRIER_TENANT_ID: TENANT, HARRIER_CLIENT_ID: CLIENT_ID, HARRIER_CLIENT_SECRET: CLIENT_SECRET,
      HARRIER_TOKEN_URL: this.tokenUrl, HARRIER_GRAPH_API: `${this.base}/v1.0`, HARRIER_LOGANALYTICS_API: `${this.base}/la/v1`,
    };
  }
  graphRequests(): RecordedRequest[] { return this.requests.filter((r) => r.url === '/v1.0/security/runHuntingQuery'); }
  tokenRequests(): RecordedRequest[] { return this.requests.filter((r) => r.url.split('?')[0]!.endsWith('/oauth2/v2.0/token')); }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const rec = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
        this.requests.push(rec);
        const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
          res.writeHead(status, { 'content-type': 'application/json', 'request-id': randomUUID(), ...headers });
          res.end(body === undefined ? '' : JSON.stringify(body));
        };
        try { this.handle(rec, send); } catch (err) { send(500, { error: { code: 'FakeBug', message: String(err) } }); }
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.port = (this.server!.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => this.server?.close(() => r()) ?? r());
  }

  private authorized(rec: RecordedRequest): boolean {
    const token = /^Bearer (.+)$/.exec(String(rec.headers['authorization'] ?? ''))?.[1];
    return token !== undefined && this.issuedTokens.includes(token);
  }

  private handle(rec: RecordedRequest, send: (s: number, b: unknown, h?: Record<string, string>) => void): void {
    const path = rec.url.split('?')[0]!;
    if (path === `/${TENANT}/oauth2/v2.0/token` && rec.method === 'POST') {
      const form = new URLSearchParams(rec.body);
      if (form.get('grant_type') !== 'client_credentials' || !form.get('scope')) return send(400, { error: 'invalid_request', error_description: 'AADSTS900144: bad grant or scope' });
      if (form.get('client_id') !== CLIENT_ID || form.get('client_secret') !== CLIENT_SECRET) return send(401, { error: 'invalid_client', error_description: 'AADSTS7000215: Invalid client secret provided.' });
      const token = `fake-access-token-${randomUUID()}`;
      this.issuedTokens.push(token);
      return send(200, { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: token });
    }
    if (path === '/v1/rest/auth/metadata') return send(404, { error: { code: 'NotFound', message: 'no metadata' } });
    if (!this.authorized(rec)) return send(401, { error: { code: 'InvalidAuthenticationToken', message: 'Access token is empty or invalid.' } });
    if (path === '/v1.0/security/runHuntingQuery' && rec.method === 'POST') return this.graph(rec, send);
    const la = /^\/la\/v1\/workspaces\/([^/]+)\/query$/.exec(path);
    if (la && rec.method === 'POST') return send(200, this.laAnswer ?? { tables: [] });
    if (path === '/v2/rest/query' && rec.method === 'POST') return send(200, this.adxFrames ?? []);
    return send(404, { error: { code: 'NotFound', message: `no route ${rec.method} ${path}` } });
  }

  private graph(rec: RecordedRequest, send: (s: number, b: unknown, h?: Record<string, string>) => void): void {
    const scripted = this.graphScript.shift();
    if (scripted) return send(scripted.status, scripted.body, scripted.headers);
    if (this.graphCalls >= this.failAfterCalls) return send(500, { error: { code: 'InternalServerError', message: 'simulated outage' } });
    this.graphCalls++;
    const body = JSON.parse(rec.body) as { Query?: string; Timespan?: string };
    const query = body.Query ?? '';
    const table = [...this.events.keys()].find((k) => new RegExp(`(^|\\n|;)\\s*${k}\\b`).test(query)) ?? /^\s*(\w+)/.exec(query)?.[1] ?? '';
    const rows = this.events.get(table);
    if (!rows) return send(400, { error: { code: 'BadRequest', message: `Failed to resolve table expression named '${table}'` } });
    let from = Number.NEGATIVE_INFINITY, to = Number.POSITIVE_INFINITY;
    if (body.Timespan) {
      const [a, b] = body.Timespan.split('/');
      from = Date.parse(a!);
      to = Date.parse(b!);
      if (to - from > this.maxWindowMs) return send(400, { error: { code: 'BadRequest', message: 'Query execution has exceeded the allowed result size. Optimize your query by limiting the number of results and try again.' } });
    }
    const dm = /in~\s*\(([^)]*)\)/.exec(query);
    const devices = dm ? [...dm[1]!.matchAll(/"([^"]*)"/g)].map((m) => m[1]!.toLowerCase()) : undefined;
    const matching = rows.filter((e) => {
      const t = Date.parse(e.Timestamp);
      const name = e.DeviceName.toLowerCase();
      return t >= from && t < to && (!devices || devices.includes(name) || devices.includes(name.split('.')[0]!));
    });
    const take = /\|\s*(?:take|limit)\s+(\d+)/.exec(query);
    const results = matching.slice(0, Math.min(this.rowCap, take ? Number(take[1]) : Number.POSITIVE_INFINITY));
    const schema = Object.keys(rows[0] ?? { Timestamp: '' }).map((n) => (this.legacyCasing ? { Name: n, Type: n === 'Timestamp' ? 'DateTime' : 'String' } : { name: n, type: n === 'Timestamp' ? 'DateTime' : 'String' }));
    send(200, this.legacyCasing ? { Schema: schema, Results: results } : { '@odata.context': `${this.base}/v1.0/$metadata#microsoft.graph.security.huntingQueryResults`, schema, results });
  }
}

/** Events of one table: `n` rows spread over [start, start+spanMs) on the given devices, with a burst. */
export function makeEvents(table: string, start: number, spanMs: number, n: number, devices: readonly string[], burst?: { at: number; n: number }): FakeEvent[] {
  const out: FakeEvent[] = [];
  for (let i = 0; i < n; i++) {
    const t = start + Math.floor((i * spanMs) / n) + 123;
    out.push({ Timestamp: new Date(t).toISOString().replace('Z', '4567Z'), DeviceName: devices[i % devices.length]!, DeviceId: `dev${i % devices.length}`, ActionType: 'ProcessCreated', FileName: `p${i}.exe`, ReportId: String(i + 1), InitiatingProcessAccountName: `${table}-user` });
  }
  for (let i = 0; burst && i < burst.n; i++) {
    const t = burst.at + i * 1000;
    out.push({ Timestamp: new Date(t).toISOString(), DeviceName: devices[i % devices.length]!, DeviceId: `dev${i % devices.length}`, ActionType: 'ProcessCreated', FileName: `burst${i}.exe`, ReportId: String(100000 + i), InitiatingProcessAccountName: `${table}-user` });
  }
  return out;
}
