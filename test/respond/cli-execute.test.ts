/**
 * `harrier respond … --execute` against a fake Defender (token endpoint + MDE API on 127.0.0.1):
 * the exact requests received (method, path, headers, JSON body) for every action, polling with
 * --wait, the 400/401/403/404/429 and network-failure paths, the protected-asset approval rule,
 * and that the client secret and the access token never appear in stdout, stderr or the audit files.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { FakeMde, type FakeMachine } from './fake-mde.js';
import { runCli, tempDir, type CliRun } from './helpers.js';
import { verifyAudit, readAudit } from '../../src/audit/index.js';

const TENANT = '8f3c2a51-6d0e-4b7a-9c21-3e5f7a9b0c1d';
const CLIENT = '2b7e9d14-0c3a-4f85-a1d6-9e8b7c6d5f4a';
const SECRET = 'Zq8~s3cr3t-V4lue.NeverPrint_7781';
const WS: FakeMachine = { id: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678', computerDnsName: 'ws-042.contoso.local', osPlatform: 'Windows11' };
const DC: FakeMachine = { id: 'dc0000000000000000000000000000000000dc01', computerDnsName: 'dc01.contoso.local', osPlatform: 'WindowsServer2022' };
const LAPTOP: FakeMachine = { id: 'b2c3d4e5f60718293a4b5c6d7e8f901234567890', computerDnsName: 'lt-007.contoso.local', osPlatform: 'Windows11' };

const fake = new FakeMde({ tenantId: TENANT, clientId: CLIENT, clientSecret: SECRET, machines: [WS, DC, LAPTOP] });
const outputs: CliRun[] = [];
const auditFiles: string[] = [];

before(async () => { await fake.start(); });
after(async () => { await fake.stop(); });

function env(extra: Record<string, string> = {}): Record<string, string> {
  return { HARRIER_TENANT_ID: TENANT, HARRIER_CLIENT_ID: CLIENT, HARRIER_CLIENT_SECRET: SECRET, HARRIER_TOKEN_URL: `${fake.base}/{tenant}/oauth2/v2.0/token`, HARRIER_MDE_API: fake.apiBase, ...extra };
}

async function respond(t: { after: (fn: () => void) => void }, args: string[], extraEnv: Record<string, string> = {}) {
  const dir = tempDir(t);
  const audit = join(dir, 'harrier-audit.jsonl');
  const from = fake.requests.length;
  const r = await runCli(['respond', ...args, '--db', join(dir, 'harrier.duckdb'), '--analyst', 'alice', '--poll-interval', '0.05'], env(extraEnv));
  outputs.push(r);
  auditFiles.push(audit);
  assertNoSecrets(r, audit);
  return { r, audit, reqs: fake.requests.slice(from), api: fake.requests.slice(from).filter((x) => x.url.startsWith('/api/')) };
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as AddressInfo).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

function secretsSeen(): string[] { return [SECRET, encodeURIComponent(SECRET), ...fake.issuedTokens]; }

function assertNoSecrets(r: CliRun, audit: string): void {
  const texts = [r.stdout, r.stderr];
  for (const f of [audit, `${audit}.head`]) if (existsSync(f)) texts.push(readFileSync(f, 'utf8'));
  for (const s of secretsSeen()) for (const text of texts) assert.ok(!text.includes(s), `a secret value leaked into output or the audit trail: ${s.slice(0, 6)}…`);
}

test('isolate by name with --execute --wait: token request, lookup, POST, polling, audit', async (t) => {
  const { r, audit, reqs, api } = await respond(t, ['isolate', '--device', 'ws-042.contoso.local', '--comment', 'PIP exfil to Dropbox, case 4711', '--isolation', 'Selective', '--execute', '--wait']);
  assert.equal(r.status, 0, r.stderr);
  // 1. the token request: OAuth 2.0 client credentials, form-encoded, the Defender scope
  const tok = reqs.filter((x) => x.url.includes('/oauth2/v2.0/token'));
  assert.equal(tok.length, 1);
  assert.equal(tok[0]!.method, 'POST');
  assert.match(tok[0]!.url, new RegExp(`^/${TENANT}/oauth2/v2\\.0/token(\\?|$)`));
  assert.match(String(tok[0]!.headers['content-type']), /^application\/x-www-form-urlencoded/);
  const form = new URLSearchParams(tok[0]!.body);
  assert.equal(form.get('grant_type'), 'client_credentials');
  assert.equal(form.get('client_id'), CLIENT);
  assert.equal(form.get('client_secret'), SECRET);
  assert.equal(form.get('scope'), 'https://api.securitycenter.microsoft.com/.default');
  const token = fake.issuedTokens.at(-1)!;
  // 2. the API calls, in order
  assert.equal(api[0]!.method, 'GET');
  assert.equal(api[0]!.url, '/api/machines?$filter=computerDnsName%20eq%20%27ws-042.contoso.local%27');
  assert.equal(api[0]!.headers['authorization'], `Bearer ${token}`);
  assert.equal(api[1]!.method, 'POST');
  assert.equal(api[1]!.url, `/api/machines/${WS.id}/isolate`);
  assert.equal(api[1]!.headers['authorization'], `Bearer ${token}`);
  assert.equal(api[1]!.headers['content-type'], 'application/json');
  assert.deepEqual(JSON.parse(api[1]!.body), { Comment: 'PIP exfil to Dropbox, case 4711', IsolationType: 'Selective' });
  const polls = api.slice(2);
  assert.ok(polls.length >= 2);
  const actionId = [...fake.actions.values()].find((a) => a.machineId === WS.id && a.type === 'Isolate')!.id;
  for (const p of polls) {
    assert.equal(p.method, 'GET');
    assert.equal(p.url, `/api/machineactions/${actionId}`);
    assert.equal(p.headers['authorization'], `Bearer ${token}`);
  }
  assert.match(r.stdout, new RegExp(`action id ${actionId}`));
  assert.match(r.stdout, /Succeeded/);
  assert.match(r.stderr, /InProgress/);
  // 3. the audit trail: the action sent and its final status, chained
  const entries = readAudit(audit);
  assert.deepEqual(entries.map((e) => [e['kind'], e['outcome']]), [['action', 'sent'], ['status', 'final']]);
  const sent = entries[0] as Record<string, any>;
  assert.equal(sent['who'].analyst, 'alice');
  assert.ok(sent['who'].osUser);
  assert.equal(sent['comment'], 'PIP exfil to Dropbox, case 4711');
  assert.deepEqual(sent['device'], { argument: 'ws-042.contoso.local', name: 'ws-042.contoso.local', machineId: WS.id, protected: null });
  assert.equal(sent['request'].url, `${fake.apiBase}/machines/${WS.id}/isolate`);
  assert.equal(sent['request'].headers.Authorization, 'Bearer <token acquired at run time>');
  assert.deepEqual(sent['response'], { status: 201, actionId, actionStatus: 'Pending', error: null });
  assert.equal((entries[1] as Record<string, any>)['response'].actionStatus, 'Succeeded');
  assert.equal(verifyAudit(audit).ok, true);
  fake.actions.clear();
});

const EXPECTED: [string[], string, Record<string, string>][] = [
  [['isolate'], 'isolate', { Comment: 'c', IsolationType: 'Full' }],
  [['release'], 'unisolate', { Comment: 'c' }],
  [['collect-package'], 'collectInvestigationPackage', { Comment: 'c' }],
  [['restrict-apps'], 'restrictCodeExecution', { Comment: 'c' }],
  [['unrestrict-apps'], 'unrestrictCodeExecution', { Comment: 'c' }],
  [['av-scan', '--scan', 'Full'], 'runAntiVirusScan', { Comment: 'c', ScanType: 'Full' }],
  [['stop-quarantine', '--sha1', 'A94A8FE5CCB19BA61C4C0873D391E987982FBBD3'], 'StopAndQuarantineFile', { Comment: 'c', Sha1: 'a94a8fe5ccb19ba61c4c0873d391e987982fbbd3' }],
];

test('every action by machine id: GET machines/{id}, then the documented endpoint and body', async (t) => {
  for (const [args, path, body] of EXPECTED) {
    const { r, api } = await respond(t, [...args, '--device', LAPTOP.id, '--comment', 'c', '--execute']);
    assert.equal(r.status, 0, `${args[0]}: ${r.stderr}`);
    assert.deepEqual(api.map((x) => `${x.method} ${x.url}`), [`GET /api/machines/${LAPTOP.id}`, `POST /api/machines/${LAPTOP.id}/${path}`], args[0]);
    assert.equal(api[1]!.headers['content-type'], 'application/json');
    assert.match(String(api[1]!.headers['authorization']), /^Bearer fake-access-token-/);
    assert.deepEqual(JSON.parse(api[1]!.body), body, args[0]);
  }
  fake.actions.clear();
});

test('400 "already in progress" names the pending action', async (t) => {
  fake.seedPending(WS.id, 'RunAntiVirusScan');
  const { r, audit } = await respond(t, ['av-scan', '--device', WS.id, '--comment', 'again', '--execute']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /already in progress/);
  assert.match(r.stderr, /\(400\)/);
  const e = readAudit(audit).at(-1) as Record<string, any>;
  assert.equal(e['outcome'], 'failed');
  assert.equal(e['response'].status, 400);
  fake.actions.clear();
});

test('401 from the API and a rejected client secret at the token endpoint', async (t) => {
  fake.scripted.push({ match: 'GET /api/machines', status: 401, body: { error: { code: 'Unauthorized', message: 'Unauthorized (invalid or expired authorization header)' } } });
  const a = await respond(t, ['collect-package', '--device', 'ws-042.contoso.local', '--comment', 'c', '--execute']);
  assert.equal(a.r.status, 1);
  assert.match(a.r.stderr, /401 Unauthorized/);
  assert.match(a.r.stderr, /HARRIER_TENANT_ID/);
  const b = await respond(t, ['collect-package', '--device', 'ws-042.contoso.local', '--comment', 'c', '--execute'], { HARRIER_CLIENT_SECRET: 'wrong-secret-value-1234' });
  assert.equal(b.r.status, 1);
  assert.match(b.r.stderr, /cannot get an access token/);
  assert.match(b.r.stderr, /invalid_client/);
  assert.ok(!b.r.stderr.includes('wrong-secret-value-1234'));
  assert.equal(b.api.length, 0, 'no API call without a token');
});

test('403 names the missing application permission', async (t) => {
  fake.opts.permissions = ['Machine.Read.All', 'Machine.Scan'];
  t.after(() => { delete fake.opts.permissions; });
  const { r } = await respond(t, ['isolate', '--device', 'ws-042.contoso.local', '--comment', 'c', '--execute']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /forbidden \(403\)/);
  assert.match(r.stderr, /'Machine\.Isolate'/);
  fake.opts.permissions = ['Machine.Scan'];
  const lookup = await respond(t, ['av-scan', '--device', 'ws-042.contoso.local', '--comment', 'c', '--execute']);
  assert.match(lookup.r.stderr, /'Machine\.Read\.All'/);
});

test('404: unknown device name and unknown machine id', async (t) => {
  const a = await respond(t, ['isolate', '--device', 'nosuch-host', '--comment', 'c', '--execute']);
  assert.equal(a.r.status, 1);
  assert.match(a.r.stderr, /knows no device named 'nosuch-host'/);
  assert.deepEqual(a.api.map((x) => x.url), ['/api/machines?$filter=computerDnsName%20eq%20%27nosuch-host%27', '/api/machines?$filter=startswith(computerDnsName%2C%27nosuch-host.%27)']);
  const b = await respond(t, ['isolate', '--device', 'f'.repeat(40), '--comment', 'c', '--execute']);
  assert.equal(b.r.status, 1);
  assert.match(b.r.stderr, /not found \(404\)/);
  assert.ok(!b.api.some((x) => x.method === 'POST'));
});

test('429: waits as Retry-After says, then succeeds', async (t) => {
  fake.scripted.push({ match: `POST /api/machines/${WS.id}/runAntiVirusScan`, status: 429, headers: { 'Retry-After': '1' }, body: { error: { code: 'TooManyRequests', message: 'Rate limit is exceeded. Try again in 1 seconds.' } } });
  const { r, api } = await respond(t, ['av-scan', '--device', 'ws-042.contoso.local', '--comment', 'c', '--execute']);
  assert.equal(r.status, 0, r.stderr);
  const posts = api.filter((x) => x.method === 'POST');
  assert.equal(posts.length, 2);
  assert.ok(posts[1]!.at - posts[0]!.at >= 950, `retried after ${posts[1]!.at - posts[0]!.at} ms`);
  assert.match(r.stderr, /rate limiting \(429\); waiting 1\.0 s/);
  // persistent 429: gives up after the retries with a clear message
  fake.scripted.push({ match: `POST /api/machines/${LAPTOP.id}/runAntiVirusScan`, status: 429, headers: { 'Retry-After': '0' }, body: { error: { code: 'TooManyRequests', message: 'Rate limit is exceeded.' } }, times: 10 });
  const b = await respond(t, ['av-scan', '--device', LAPTOP.id, '--comment', 'c', '--execute']);
  assert.equal(b.r.status, 1);
  assert.match(b.r.stderr, /429 Too Many Requests/);
  assert.equal(b.api.filter((x) => x.method === 'POST').length, 4);
  fake.scripted.length = 0;
  fake.actions.clear();
});

test('network failure: a clear message, no stack trace', async (t) => {
  const closed = await closedPort();
  const { r } = await respond(t, ['isolate', '--device', 'ws-042', '--comment', 'c', '--execute'], { HARRIER_MDE_API: `http://127.0.0.1:${closed}/api` });
  assert.equal(r.status, 1);
  assert.match(r.stderr, new RegExp(`cannot reach the Defender API at 127\\.0\\.0\\.1:${closed} \\(ECONNREFUSED\\)`));
  assert.ok(!/internal error|\n\s+at /.test(r.stderr), r.stderr);
  const c = await respond(t, ['isolate', '--device', 'ws-042', '--comment', 'c', '--execute'], { HARRIER_MDE_API: 'http://example.com/api' });
  assert.match(c.r.stderr, /must be an https:\/\/ URL/);
  const d = await respond(t, ['isolate', '--device', 'ws-042', '--comment', 'c', '--execute'], { HARRIER_CLIENT_SECRET: '', HARRIER_TENANT_ID: '' });
  assert.match(d.r.stderr, /set HARRIER_TENANT_ID, HARRIER_CLIENT_SECRET/);
});

test('protected assets: isolating a domain controller needs --approve-by from a second person', async (t) => {
  const a = await respond(t, ['isolate', '--device', 'dc01.contoso.local', '--comment', 'c', '--execute']);
  assert.equal(a.r.status, 1);
  assert.match(a.r.stderr, /dc01\.contoso\.local is a protected asset \(matches pattern 'dc\*'.*--approve-by NAME\. Nothing was sent/);
  assert.ok(!a.api.some((x) => x.method === 'POST'));
  assert.equal((readAudit(a.audit).at(-1) as Record<string, unknown>)['outcome'], 'refused');
  const self = await respond(t, ['isolate', '--device', 'dc01.contoso.local', '--comment', 'c', '--execute', '--approve-by', 'Alice']);
  assert.match(self.r.stderr, /must name a second person/);
  const b = await respond(t, ['isolate', '--device', 'dc01.contoso.local', '--comment', 'c', '--execute', '--approve-by', 'bob']);
  assert.equal(b.r.status, 0, b.r.stderr);
  assert.equal(b.api.filter((x) => x.method === 'POST').length, 1);
  const e = readAudit(b.audit).at(-1) as Record<string, any>;
  assert.equal(e['approvedBy'], 'bob');
  assert.match(e['device'].protected, /dc\*/);
  // an AV scan of the same DC needs no approval
  const c = await respond(t, ['av-scan', '--device', 'dc01.contoso.local', '--comment', 'c', '--execute']);
  assert.equal(c.r.status, 0, c.r.stderr);
  fake.actions.clear();
});

test('--wait reports a failed action with exit 1', async (t) => {
  fake.opts.finalStatus = 'Failed';
  t.after(() => { delete fake.opts.finalStatus; });
  const { r, audit } = await respond(t, ['collect-package', '--device', WS.id, '--comment', 'c', '--execute', '--wait']);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /Failed/);
  assert.equal((readAudit(audit).at(-1) as Record<string, any>)['response'].actionStatus, 'Failed');
  fake.actions.clear();
});

test('no secret value anywhere: stdout, stderr, audit trails and head files of every run', () => {
  assert.ok(outputs.length >= 15);
  for (const r of outputs) for (const s of secretsSeen()) {
    assert.ok(!r.stdout.includes(s) && !r.stderr.includes(s));
  }
  for (const f of auditFiles) for (const g of [f, `${f}.head`]) {
    if (!existsSync(g)) continue;
    const text = readFileSync(g, 'utf8');
    for (const s of secretsSeen()) assert.ok(!text.includes(s));
  }
});
