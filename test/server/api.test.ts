/**
 * `harrier serve`'s JSON API on a small simulated store: the query contract and its errors, the
 * security rules (loopback only without a token; 401/403/415), 20 concurrent queries, a cancelled
 * long query that stops within 1 s, the incidents and timeline documents equal to `harrier hunt` /
 * `harrier timeline --format json`, the report as HTML and Markdown, and static files that cannot
 * leave their folder.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { simulate } from '../../src/simulate/simulate.js';
import { startServer, type RunningServer } from '../../src/server/server.js';
import { HISTORY_LIMIT } from '../../src/server/console-store.js';
import { loadRulesForCli } from '../../src/cli/commands/hunt.js';
import { prepareIncidentInputs } from '../../src/cli/commands/incident-options.js';

const dir = mkdtempSync(join(tmpdir(), 'harrier-serve-'));
const db = join(dir, 'sim.duckdb');
const web = join(dir, 'web');
const NOW = '2026-11-25T12:00:00Z';
let server: RunningServer;

const execFileAsync = promisify(execFile);
const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
/** The CLI in a child process, awaited without blocking this process's event loop (the server runs here). */
async function cli(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  try {
    const r = await execFileAsync(process.execPath, ['--import', import.meta.resolve('tsx'), MAIN, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
    return { status: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { status: e.code ?? 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

const options = (extra: Record<string, unknown> = {}) => ({
  db, host: '127.0.0.1', port: 0, queryTimeoutMs: 60_000, webRoot: web, now: new Date(NOW),
  rules: loadRulesForCli([]), incidentInputs: prepareIncidentInputs({ watchlist: [`${db}.hr-watchlist.csv`], tz: [] }, () => undefined), ...extra,
});

async function post(base: string, body: unknown, headers: Record<string, string> = {}, signal?: AbortSignal) {
  const r = await fetch(`${base}/api/query`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body), ...(signal ? { signal } : {}) });
  return { status: r.status, body: await r.json() as Record<string, unknown> };
}

before(async () => {
  await simulate({ out: db, devices: 30, hours: 72, end: NOW, seed: 5 });
  mkdirSync(web);
  writeFileSync(join(web, 'index.html'), '<!doctype html><title>Harrier</title>');
  writeFileSync(join(dir, 'secret.txt'), 'TOP-SECRET-7731');
  server = await startServer(options());
});

after(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('POST /api/query', () => {
  it('answers the query --format json contract plus timings and diagnostics', async () => {
    const r = await post(server.url, { query: 'DeviceProcessEvents | summarize n = count() by ActionType | order by ActionType asc' });
    assert.equal(r.status, 200);
    assert.deepEqual(r.body['columns'], [{ name: 'ActionType', type: 'string' }, { name: 'n', type: 'long' }]);
    assert.equal((r.body['rows'] as unknown[][])[0]![0], 'ProcessCreated');
    assert.ok(Number((r.body['rows'] as unknown[][])[0]![1]) > 0);
    assert.deepEqual(r.body['diagnostics'], []);
    assert.equal(r.body['truncated'], false);
    assert.ok(typeof (r.body['timings'] as Record<string, number>)['totalMs'] === 'number');
  });

  it('pins now() to --now, or to the call\'s now; caps and reports truncation', async () => {
    assert.deepEqual((await post(server.url, { query: 'print now()' })).body['rows'], [['2026-11-25T12:00:00Z']]);
    assert.deepEqual((await post(server.url, { query: 'print now()', now: '2024-01-01T00:00:00Z' })).body['rows'], [['2024-01-01T00:00:00Z']]);
    const r = await post(server.url, { query: 'range i from 1 to 50 step 1', maxRows: 10 });
    assert.equal((r.body['rows'] as unknown[]).length, 10);
    assert.equal(r.body['truncated'], true);
  });

  it('a query that cannot run is a 400 with diagnostics carrying line and column', async () => {
    const r = await post(server.url, { query: 'DeviceProcessEvents\n| where NoSuchColumn == 1' });
    assert.equal(r.status, 400);
    const d = (r.body['diagnostics'] as { code: string; line: number; column: number }[])[0]!;
    assert.equal(d.code, 'KQL-BIND');
    assert.equal(d.line, 2);
    assert.ok(d.column > 1);
    assert.equal((await post(server.url, { query: '' })).status, 400);
    assert.equal((await post(server.url, null)).status, 400);
    assert.equal((await post(server.url, ['print 1'])).status, 400);
    assert.equal((await post(server.url, { query: 'print 1', maxRows: -3 })).status, 400);
    assert.equal((await post(server.url, { query: 'print 1', now: 'yesterday' })).status, 400);
  });

  it('20 concurrent queries all succeed with their own answers', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => post(server.url, { query: `print x = ${i}, n = toscalar(DeviceNetworkEvents | count)` })));
    answers.forEach((a, i) => {
      assert.equal(a.status, 200);
      assert.equal((a.body['rows'] as unknown[][])[0]![0], i);
    });
  });

  it('a client that gives up cancels its query within 1 s; the next query runs at once', async () => {
    const abort = new AbortController();
    const long = post(server.url, { query: 'range i from 1 to 5000000000 step 1 | where i % 7 == 3 | count' }, {}, abort.signal).catch((e: Error) => e);
    await new Promise((r) => setTimeout(r, 400));
    const t0 = performance.now();
    abort.abort();
    assert.ok(await long instanceof Error);
    const next = await post(server.url, { query: 'print ok = 1' });
    assert.equal(next.status, 200);
    assert.ok(performance.now() - t0 < 1000, `the next query answered ${Math.round(performance.now() - t0)} ms after the cancel`);
  });
});

describe('security', () => {
  it('refuses non-JSON bodies (415), foreign origins (403) and unknown API routes (404); allows its own origin', async () => {
    const form = await fetch(`${server.url}/api/query`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'query=print%201' });
    assert.equal(form.status, 415);
    assert.equal((await fetch(`${server.url}/api/schema`, { headers: { origin: 'http://evil.example' } })).status, 403);
    assert.equal((await post(server.url, { query: 'print 1' }, { origin: 'http://evil.example' })).status, 403);
    assert.equal((await fetch(`${server.url}/api/schema`, { headers: { origin: server.url } })).status, 200);
    assert.equal((await fetch(`${server.url}/api/nothing`)).status, 404);
  });

  it('on loopback, a request under another host name (DNS rebinding) is refused', async () => {
    const { request } = await import('node:http');
    const status = (host: string) => new Promise<number>((resolve, reject) => {
      const u = new URL(`${server.url}/api/schema`);
      request({ host: u.hostname, port: u.port, path: u.pathname, headers: { host } }, (res) => { res.resume(); resolve(res.statusCode ?? 0); }).on('error', reject).end();
    });
    assert.equal(await status('attacker.example:8717'), 421);
    assert.equal(await status(`localhost:${new URL(server.url).port}`), 200);
    assert.equal(await status(new URL(server.url).host), 200);
  });

  it('any non-loopback address needs HARRIER_TOKEN to start, then on every API call (401 without it)', async () => {
    await assert.rejects(startServer(options({ host: '0.0.0.0' })), /HARRIER_TOKEN/);
    const open = await startServer(options({ host: '0.0.0.0', token: 'tok-3f9a' }));
    try {
      const base = open.url.replace('0.0.0.0', '127.0.0.1');
      assert.equal((await fetch(`${base}/api/schema`)).status, 401);
      assert.equal((await fetch(`${base}/api/schema`, { headers: { authorization: 'Bearer wrong' } })).status, 401);
      assert.equal((await post(base, { query: 'print 1' })).status, 401);
      assert.equal((await fetch(`${base}/api/schema`, { headers: { authorization: 'Bearer tok-3f9a' } })).status, 200);
      assert.equal((await post(base, { query: 'print 1' }, { authorization: 'Bearer tok-3f9a' })).status, 200);
    } finally {
      await open.close();
    }
  });

  it('static files: / is index.html; no path leaves the web folder', async () => {
    const home = await fetch(`${server.url}/`);
    assert.equal(home.status, 200);
    assert.match(home.headers.get('content-type') ?? '', /text\/html/);
    assert.match(await home.text(), /<title>Harrier<\/title>/);
    for (const p of ['/..%2fsecret.txt', '/%2e%2e%2fsecret.txt', '/..%5csecret.txt', '/x/..%2f..%2fsecret.txt']) {
      const r = await fetch(`${server.url}${p}`);
      assert.ok(r.status === 403 || r.status === 404, `${p}: ${r.status}`);
      assert.doesNotMatch(await r.text(), /TOP-SECRET-7731/);
    }
  });
});

describe('POST /api/check and GET /api/rules', () => {
  const check = async (query: unknown) => {
    const r = await fetch(`${server.url}/api/check`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
    return { status: r.status, body: await r.json() as { diagnostics: { code: string; message: string; line?: number }[] } };
  };

  it('answers the diagnostics a run would start with, without running the query', async () => {
    assert.deepEqual(await check('DeviceProcessEvents | take 1'), { status: 200, body: { diagnostics: [] } });
    assert.deepEqual(await check('   '), { status: 200, body: { diagnostics: [] } });
    const bind = await check('DeviceProcessEvents\n| where NoSuchColumn == 1');
    assert.equal(bind.body.diagnostics[0]!.code, 'KQL-BIND');
    assert.equal(bind.body.diagnostics[0]!.line, 2);
    // Accepted by Kusto's binder, refused by Harrier: the check says so, as a run would.
    const refused = await check('DeviceProcessEvents | reduce by ProcessCommandLine');
    assert.equal(refused.body.diagnostics[0]!.code, 'NOT-SUPPORTED');
    const ran = await post(server.url, { query: 'DeviceProcessEvents | reduce by ProcessCommandLine' });
    assert.deepEqual(ran.body['diagnostics'], refused.body.diagnostics);
    assert.equal((await check(42)).status, 400);
  });

  it('GET /api/info names the store and the pinned clock', async () => {
    const r = await (await fetch(`${server.url}/api/info`)).json() as Record<string, unknown>;
    assert.equal(r['store'], 'sim.duckdb');
    assert.equal(r['now'], new Date(NOW).toISOString());
    assert.equal(r['maxRows'], 100_000);
    assert.equal(r['queryTimeoutMs'], 60_000);
  });

  it('lists the rules with the tables they read and the ATT&CK names and tactics of their techniques', async () => {
    const r = await (await fetch(`${server.url}/api/rules`)).json() as {
      rules: { id: string; name: string; techniques: string[]; tables: string[]; query: string }[];
      attack: { tactics: { shortname: string }[]; techniques: Record<string, { name: string; tactics: string[] }> };
    };
    const usb = r.rules.find((x) => x.techniques.includes('T1052.001'))!;
    assert.ok(usb.tables.includes('DeviceFileEvents'), usb.tables.join(','));
    assert.match(usb.query, /DeviceFileEvents/);
    assert.equal(r.attack.tactics.length, 14);
    assert.equal(r.attack.techniques['T1052.001']!.name, 'Exfiltration over USB');
    assert.deepEqual(r.attack.techniques['T1052.001']!.tactics, ['exfiltration']);
    for (const x of r.rules) for (const t of x.techniques) assert.ok(r.attack.techniques[t], `${t} of ${x.name} has its ATT&CK name`);
  });
});

describe('GET /api/schema and /api/incidents', () => {
  it('lists the MDE tables with typed, described columns', async () => {
    const s = await (await fetch(`${server.url}/api/schema`)).json() as { tables: { name: string; columns: { name: string; type: string; description: string }[]; actionTypes: string[] }[] };
    const dfe = s.tables.find((t) => t.name === 'DeviceFileEvents')!;
    assert.ok(dfe.columns.some((c) => c.name === 'AdditionalFields' && c.type === 'dynamic' && c.description.length > 0));
    assert.ok(dfe.actionTypes.includes('FileCreated'));
  });

  it('equals harrier hunt --format json for the same store, now and watchlist', async () => {
    const api = await (await fetch(`${server.url}/api/incidents`)).json() as { incidents: { id: string; riskScore: number; severity: string }[] };
    const r = await cli(['hunt', '--db', db, '--now', NOW, '--watchlist', `${db}.hr-watchlist.csv`, '--format', 'json']);
    assert.equal(r.status, 0, r.stderr);
    const expected = JSON.parse(r.stdout) as typeof api;
    assert.ok(expected.incidents.length > 0);
    assert.deepEqual(api.incidents.map((i) => [i.id, i.riskScore, i.severity]), expected.incidents.map((i) => [i.id, i.riskScore, i.severity]));
    assert.deepEqual(api, expected);
  });
});

describe('GET /api/timeline and /api/report', () => {
  it('the timeline equals harrier timeline --format json for the same device and window', async () => {
    const incidents = await (await fetch(`${server.url}/api/incidents`)).json() as { incidents: { devices: string[]; firstSeen: string }[] };
    const device = incidents.incidents[0]!.devices[0]!;
    const from = new Date(Date.parse(NOW) - 24 * 3_600_000).toISOString();
    const q = new URLSearchParams({ device, from, to: NOW });
    const api = await fetch(`${server.url}/api/timeline?${q}`);
    assert.equal(api.status, 200);
    const doc = await api.json() as { devices: string[]; events: { findings: unknown[] }[] };
    const r = await cli(['timeline', '--db', db, '--device', device, '--from', from, '--to', NOW, '--format', 'json']);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(doc, JSON.parse(r.stdout));
    assert.ok(doc.events.some((e) => e.findings.length > 0), 'no event flagged by a finding');
    assert.equal((await fetch(`${server.url}/api/timeline`)).status, 400);
    assert.equal((await fetch(`${server.url}/api/timeline?device=no-such-host`)).status, 404);
  });

  it('the report of the top incident as HTML (no script, a CSP) and as a Markdown download', async () => {
    const html = await fetch(`${server.url}/api/report`);
    assert.equal(html.status, 200);
    assert.match(html.headers.get('content-type') ?? '', /text\/html/);
    assert.match(html.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    const page = await html.text();
    for (const h of ['Preparation', 'Data Collection', 'Data Analysis', 'Investigation', 'Response', 'Documentation', 'Improvement']) assert.match(page, new RegExp(`<h2[^>]*>${h}`));
    assert.doesNotMatch(page, /<script/i);
    const md = await fetch(`${server.url}/api/report?format=md&download=1`);
    assert.equal(md.status, 200);
    assert.match(md.headers.get('content-disposition') ?? '', /^attachment; filename="harrier-report-INC-[0-9a-f]+\.md"$/);
    assert.match(await md.text(), /^## Preparation$/m);
    assert.equal((await fetch(`${server.url}/api/report?format=pdf`)).status, 400);
    assert.equal((await fetch(`${server.url}/api/report?incident=INC-nope`)).status, 404);
  });
});

describe('history and saved queries beside the store', () => {
  const send = (method: string, path: string, body?: unknown, type = 'application/json') =>
    fetch(`${server.url}${path}`, { method, headers: { 'content-type': type }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });

  it('saves, lists (by name), replaces, deletes, and keeps them in <db>.console.json', async () => {
    assert.equal((await send('POST', '/api/saved', { name: 'USB copies', query: 'DeviceEvents | where ActionType == "UsbDriveMounted"' })).status, 200);
    assert.equal((await send('POST', '/api/saved', { name: 'Dropbox', query: 'DeviceNetworkEvents | where RemoteUrl has "dropbox"' })).status, 200);
    assert.equal((await send('POST', '/api/saved', { name: 'USB copies', query: 'DeviceEvents | take 1' })).status, 200);
    const list = await (await fetch(`${server.url}/api/saved`)).json() as { saved: { name: string; query: string }[] };
    assert.deepEqual(list.saved.map((q) => [q.name, q.query]), [['Dropbox', 'DeviceNetworkEvents | where RemoteUrl has "dropbox"'], ['USB copies', 'DeviceEvents | take 1']]);
    const file = JSON.parse(readFileSync(`${db}.console.json`, 'utf8')) as { saved: unknown[] };
    assert.equal(file.saved.length, 2);
    assert.equal((await send('DELETE', '/api/saved', { name: 'Dropbox' })).status, 200);
    assert.equal((await send('DELETE', '/api/saved', { name: 'Dropbox' })).status, 404);
    assert.equal((await send('POST', '/api/saved', { name: '', query: 'x' })).status, 400);
    assert.equal((await send('POST', '/api/saved', { name: 'n', query: 'x' }, 'text/plain')).status, 415);
  });

  it('history: newest first, a repeated query moves to the top, capped', async () => {
    for (const q of ['print 1', 'print 2', 'print 1']) assert.equal((await send('POST', '/api/history', { query: q })).status, 200);
    const h = await (await fetch(`${server.url}/api/history`)).json() as { history: { query: string; at: string }[] };
    assert.deepEqual(h.history.map((e) => e.query).slice(0, 2), ['print 1', 'print 2']);
    assert.ok(!Number.isNaN(Date.parse(h.history[0]!.at)));
    for (let i = 0; i < HISTORY_LIMIT + 5; i++) await send('POST', '/api/history', { query: `print ${i}` });
    const capped = await (await fetch(`${server.url}/api/history`)).json() as { history: unknown[] };
    assert.equal(capped.history.length, HISTORY_LIMIT);
  });
});
