/**
 * `harrier serve`: the console's HTTP server. Binds 127.0.0.1 by default; on any other address it
 * refuses to start without HARRIER_TOKEN and then requires it on every /api call; on loopback it
 * answers only to loopback host names (no DNS rebinding). Every request is
 * logged as one line (method, path, status, ms) — never a header, so the token never reaches logs.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { openEngine } from '../engine/index.js';
import { defaultAuditPath } from '../audit/location.js';
import type { LoadedRule } from '../hunts/index.js';
import type { IncidentInputs } from '../correlate/for-run.js';
import { handleApi, type ApiContext } from './api.js';
import { HttpError, sendJson, sendText } from './http-io.js';
import { checkLoopbackHost, checkOrigin, checkToken, isLoopbackHost } from './security.js';
import { staticFile } from './static-files.js';
import { ConsoleStore, consoleFileFor } from './console-store.js';

export const DEFAULT_PORT = 8717;
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../dist/web/', import.meta.url));

export interface ServeOptions {
  readonly db: string;
  readonly host: string;
  readonly port: number;
  readonly now?: Date;
  readonly queryTimeoutMs: number;
  /** Required when host is not a loopback address (from HARRIER_TOKEN). */
  readonly token?: string;
  readonly webRoot?: string;
  readonly rules: readonly LoadedRule[];
  readonly incidentInputs: IncidentInputs;
  readonly watchlistFiles?: readonly string[];
  /** Audit trail the report lists actions from (default: harrier-audit.jsonl beside the store). */
  readonly auditFile?: string;
  /** History and saved queries (default: `<db>.console.json`). */
  readonly consoleFile?: string;
  readonly log?: (line: string) => void;
}

export interface RunningServer {
  readonly url: string;
  close(): Promise<void>;
}

export async function startServer(o: ServeOptions): Promise<RunningServer> {
  const loopback = isLoopbackHost(o.host);
  if (!loopback && !o.token) throw new Error(`binding ${o.host} exposes the store beyond this machine: set HARRIER_TOKEN (every API call must then send it)`);
  const token = loopback ? undefined : o.token;
  const engine = await openEngine({ db: o.db });
  // Load the parser now, so the first analyst query does not pay for it (~1 s).
  await engine.query('print 1');
  const cx: ApiContext = {
    db: o.db, engine, queryTimeoutMs: o.queryTimeoutMs, rules: o.rules, incidentInputs: o.incidentInputs,
    watchlistFiles: o.watchlistFiles ?? [], auditFile: o.auditFile ?? defaultAuditPath(o.db), ...(o.now ? { now: o.now } : {}),
    consoleStore: new ConsoleStore(o.consoleFile ?? consoleFileFor(o.db)),
  };
  const webRoot = o.webRoot ?? DEFAULT_WEB_ROOT;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (loopback) checkLoopbackHost(req);
    const url = new URL(req.url ?? '/', 'http://console.invalid');
    if (url.pathname.startsWith('/api/')) {
      checkOrigin(req);
      checkToken(req, token);
      if (await handleApi(req, res, url, cx)) return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, 'only GET for the web app');
    const f = staticFile(webRoot, url.pathname);
    sendText(res, 200, f.type, f.body);
  }

  const server = createServer((req, res) => {
    const t0 = performance.now();
    res.on('finish', () => o.log?.(`${req.method} ${(req.url ?? '').split('?')[0]} ${res.statusCode} ${Math.round(performance.now() - t0)} ms`));
    handle(req, res).catch((err: unknown) => {
      if (res.headersSent) { res.destroy(); return; }
      if (err instanceof HttpError) sendJson(res, err.status, { error: err.message, ...err.extra });
      else {
        o.log?.(`internal error: ${err instanceof Error ? err.message : String(err)}`);
        sendJson(res, 500, { error: 'internal error (see the server log)' });
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => resolve());
  });
  const addr = server.address() as AddressInfo;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  return {
    url: `http://${host}:${addr.port}`,
    async close() {
      await new Promise<void>((resolve) => { server.close(() => resolve()); server.closeAllConnections(); });
      engine.close();
    },
  };
}
