/**
 * A fake Microsoft identity platform token endpoint and Defender for Endpoint API on 127.0.0.1, built
 * from the documented contracts: client-credentials token requests, `GET machines?$filter=…`,
 * `GET machines/{id}`, the seven `POST machines/{id}/<action>` endpoints (201 + MachineAction, 400
 * when the same action is pending), `GET machineactions/{id}` progressing Pending → InProgress →
 * final, the `{"error":{"code","message"}}` error shape, and scripted 401/403/429 answers.
 * Every request is recorded (method, url, headers, body) for the tests to assert on.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly at: number;
}

export interface FakeMachine { id: string; computerDnsName: string; osPlatform: string }

export interface ScriptedResponse {
  /** e.g. 'POST /api/machines/abc/isolate' (the url's path without query), or a prefix ending in '*'. */
  readonly match: string;
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body?: unknown;
  /** How many times to answer this way (default 1). */
  times?: number;
}

const ACTION_PATHS: Record<string, { type: string; permission: string; scope?: (b: Record<string, unknown>) => string | null }> = {
  isolate: { type: 'Isolate', permission: 'Machine.Isolate', scope: (b) => String(b['IsolationType'] ?? 'Full') },
  unisolate: { type: 'Unisolate', permission: 'Machine.Isolate' },
  collectInvestigationPackage: { type: 'CollectInvestigationPackage', permission: 'Machine.CollectForensics' },
  restrictCodeExecution: { type: 'RestrictCodeExecution', permission: 'Machine.RestrictExecution' },
  unrestrictCodeExecution: { type: 'UnrestrictCodeExecution', permission: 'Machine.RestrictExecution' },
  runAntiVirusScan: { type: 'RunAntiVirusScan', permission: 'Machine.Scan', scope: (b) => String(b['ScanType'] ?? '') },
  StopAndQuarantineFile: { type: 'StopAndQuarantineFile', permission: 'Machine.StopAndQuarantine' },
};

export const ALL_PERMISSIONS = ['Machine.Read.All', 'Machine.Isolate', 'Machine.CollectForensics', 'Machine.RestrictExecution', 'Machine.Scan', 'Machine.StopAndQuarantine'];

export interface FakeMdeOptions {
  readonly tenantId: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly machines: FakeMachine[];
  /** Application roles granted to the app (default: all). */
  permissions?: string[];
  /** Final status machine actions reach (default Succeeded), after `pollsBeforeFinal` polls. */
  finalStatus?: string;
  pollsBeforeFinal?: number;
}

interface ActionState { id: string; type: string; machineId: string; polls: number; status: string; body: Record<string, unknown> }

export class FakeMde {
  readonly requests: RecordedRequest[] = [];
  readonly scripted: ScriptedResponse[] = [];
  readonly actions = new Map<string, ActionState>();
  readonly issuedTokens: string[] = [];
  private server: Server | undefined;
  port = 0;

  constructor(readonly opts: FakeMdeOptions) {}

  get base(): string { return `http://127.0.0.1:${this.port}`; }
  get apiBase(): string { return `${this.base}/api`; }
  get tokenUrl(): string { return `${this.base}/${this.opts.tenantId}/oauth2/v2.0/token`; }

  /** Requests to the API (not the token endpoint). */
  apiRequests(): RecordedRequest[] { return this.requests.filter((r) => r.url.startsWith('/api/')); }
  tokenRequests(): RecordedRequest[] { return this.requests.filter((r) => r.url.includes('/oauth2/v2.0/token')); }

  /** A pending action of a type on a machine, as if someone had just sent it. */
  seedPending(machineId: string, type: string): void {
    const id = randomUUID();
    this.actions.set(id, { id, type, machineId, polls: -1_000_000, status: 'Pending', body: {} });
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const rec: RecordedRequest = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body, at: Date.now() };
        this.requests.push(rec);
        const send = (status: number, json: unknown, headers: Record<string, string> = {}) => {
          res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
          res.end(json === undefined ? '' : JSON.stringify(json));
        };
        try {
          this.handle(rec, send);
        } catch (err) {
          send(500, { error: { code: 'InternalServerError', message: String(err) } });
        }
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.port = (this.server!.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    await new Promise<void>((r) => this.server?.close(() => r()) ?? r());
  }

  private handle(rec: RecordedRequest, send: (s: number, j: unknown, h?: Record<string, string>) => void): void {
    const path = rec.url.split('?')[0]!;
    const key = `${rec.method} ${path}`;
    const script = this.scripted.find((s) => (s.times ?? 1) > 0 && (s.match.endsWith('*') ? key.startsWith(s.match.slice(0, -1)) : key === s.match));
    if (script) {
      script.times = (script.times ?? 1) - 1;
      send(script.status, script.body, script.headers);
      return;
    }
    if (path === `/${this.opts.tenantId}/oauth2/v2.0/token` && rec.method === 'POST') return this.token(rec, send);
    if (!path.startsWith('/api/')) return send(404, { error: { code: 'NotFound', message: 'no such endpoint' } });
    const auth = String(rec.headers['authorization'] ?? '');
    const token = /^Bearer (.+)$/.exec(auth)?.[1];
    if (!token || !this.issuedTokens.includes(token)) return send(401, { error: { code: 'Unauthorized', message: 'Unauthorized (invalid or expired authorization header)' } });
    const perms = this.opts.permissions ?? ALL_PERMISSIONS;
    const forbidden = () => send(403, { error: { code: 'Forbidden', message: 'Forbidden (valid token but insufficient permission for the action)' } });
    const notFound = (what: string) => send(404, { error: { code: 'ResourceNotFound', message: `Resource ${what} not found`, target: randomUUID() } });
    let m: RegExpExecArray | null;
    if (rec.method === 'GET' && path === '/api/machines') {
      if (!perms.includes('Machine.Read.All')) return forbidden();
      const filter = new URL(rec.url, this.base).searchParams.get('$filter') ?? '';
      const eq = /^computerDnsName eq '((?:[^']|'')*)'$/.exec(filter);
      const sw = /^startswith\(computerDnsName,'((?:[^']|'')*)'\)$/.exec(filter);
      if (!eq && !sw) return send(400, { error: { code: 'ODataError', message: `Invalid OData URI query: ${filter}` } });
      const v = (eq ?? sw)![1]!.replace(/''/g, "'");
      const value = this.opts.machines.filter((x) => (eq ? x.computerDnsName === v : x.computerDnsName.startsWith(v)));
      return send(200, { '@odata.context': `${this.apiBase}/$metadata#Machines`, value });
    }
    if (rec.method === 'GET' && (m = /^\/api\/machines\/([0-9a-f]{40})$/.exec(path))) {
      if (!perms.includes('Machine.Read.All')) return forbidden();
      const machine = this.opts.machines.find((x) => x.id === m![1]);
      return machine ? send(200, machine) : notFound(m[1]!);
    }
    if (rec.method === 'POST' && (m = /^\/api\/machines\/([^/]+)\/([A-Za-z]+)$/.exec(path))) {
      const spec = ACTION_PATHS[m[2]!];
      if (!spec) return send(404, { error: { code: 'NotFound', message: 'no such action' } });
      if (!perms.includes(spec.permission)) return forbidden();
      if (!/^application\/json/.test(String(rec.headers['content-type'] ?? ''))) return send(415, { error: { code: 'UnsupportedMediaType', message: 'Content-Type must be application/json' } });
      const machine = this.opts.machines.find((x) => x.id === m![1]);
      if (!machine) return notFound(m[1]!);
      let b: Record<string, unknown>;
      try { b = JSON.parse(rec.body) as Record<string, unknown>; } catch { return send(400, { error: { code: 'InvalidRequestBody', message: 'Invalid request body.' } }); }
      if (typeof b['Comment'] !== 'string' || b['Comment'] === '') return send(400, { error: { code: 'MissingRequiredParameter', message: 'Parameter Comment is missing.' } });
      const pending = [...this.actions.values()].find((a) => a.machineId === machine.id && a.type === spec.type && (a.status === 'Pending' || a.status === 'InProgress'));
      if (pending) return send(400, { error: { code: 'ActiveRequestAlreadyExists', message: 'Action is already in progress', target: randomUUID() } });
      const id = randomUUID();
      this.actions.set(id, { id, type: spec.type, machineId: machine.id, polls: 0, status: 'Pending', body: b });
      return send(201, this.actionJson(this.actions.get(id)!, machine));
    }
    if (rec.method === 'GET' && (m = /^\/api\/machineactions\/([0-9a-f-]{36})$/.exec(path))) {
      if (!perms.includes('Machine.Read.All')) return forbidden();
      const a = this.actions.get(m[1]!);
      if (!a) return notFound(m[1]!);
      a.polls++;
      const n = this.opts.pollsBeforeFinal ?? 2;
      a.status = a.polls >= n ? (this.opts.finalStatus ?? 'Succeeded') : a.polls >= 1 ? 'InProgress' : 'Pending';
      return send(200, this.actionJson(a, this.opts.machines.find((x) => x.id === a.machineId)!));
    }
    return send(404, { error: { code: 'NotFound', message: `no route ${key}` } });
  }

  private token(rec: RecordedRequest, send: (s: number, j: unknown, h?: Record<string, string>) => void): void {
    const form = new URLSearchParams(rec.body);
    if (form.get('grant_type') !== 'client_credentials' || form.get('scope') !== 'https://api.securitycenter.microsoft.com/.default') {
      return send(400, { error: 'invalid_request', error_description: 'AADSTS900144: bad grant or scope', error_codes: [900144] });
    }
    if (form.get('client_id') !== this.opts.clientId || form.get('client_secret') !== this.opts.clientSecret) {
      return send(401, { error: 'invalid_client', error_description: "AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '" + this.opts.clientId + "'.", error_codes: [7000215] });
    }
    const token = `fake-access-token-${randomUUID()}`;
    this.issuedTokens.push(token);
    send(200, { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: token });
  }

  private actionJson(a: ActionState, machine: FakeMachine): Record<string, unknown> {
    return {
      id: a.id, type: a.type, scope: (ACTION_PATHS[Object.keys(ACTION_PATHS).find((k) => ACTION_PATHS[k]!.type === a.type)!]?.scope?.(a.body)) ?? null,
      requestor: this.opts.clientId, requestorComment: a.body['Comment'] ?? '', status: a.status,
      machineId: machine.id, computerDnsName: machine.computerDnsName,
      creationDateTimeUtc: '2026-11-25T12:00:00Z', lastUpdateDateTimeUtc: '2026-11-25T12:00:05Z', relatedFileInfo: a.body['Sha1'] ? { fileIdentifier: a.body['Sha1'], fileIdentifierType: 'Sha1' } : null,
    };
  }
}
