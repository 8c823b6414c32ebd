/** Unit tests of the respond stage's parts: catalogue, Retry-After, back-off cap, protected assets, config. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ACTIONS, ACTION_NAMES, validateParams } from '../../src/respond/actions.js';
import { MdeClient, parseRetryAfter } from '../../src/respond/client.js';
import { checkEndpoint, loadMdeConfig, redact, tokenUrlFromEnv } from '../../src/respond/config.js';
import { DEFAULT_PROTECTED, protectionReason } from '../../src/respond/protected-assets.js';
import { machineLookupPath } from '../../src/respond/resolve-device.js';
import { renderRequest } from '../../src/respond/render.js';

test('catalogue: documented paths, permissions, and which actions need approval', () => {
  assert.deepEqual(ACTION_NAMES.map((n) => [n, ACTIONS[n].path, ACTIONS[n].permission]), [
    ['isolate', 'isolate', 'Machine.Isolate'], ['release', 'unisolate', 'Machine.Isolate'],
    ['collect-package', 'collectInvestigationPackage', 'Machine.CollectForensics'],
    ['restrict-apps', 'restrictCodeExecution', 'Machine.RestrictExecution'], ['unrestrict-apps', 'unrestrictCodeExecution', 'Machine.RestrictExecution'],
    ['av-scan', 'runAntiVirusScan', 'Machine.Scan'], ['stop-quarantine', 'StopAndQuarantineFile', 'Machine.StopAndQuarantine'],
  ]);
  assert.deepEqual(ACTION_NAMES.filter((n) => ACTIONS[n].needsApproval), ['isolate', 'restrict-apps']);
  assert.deepEqual(validateParams(ACTIONS['release'], { comment: 'c', scan: 'Full' }), ['--scan applies to av-scan only']);
  assert.deepEqual(validateParams(ACTIONS['stop-quarantine'], { comment: 'c' }), ['stop-quarantine needs --sha1 HASH']);
});

test('Retry-After: seconds or an HTTP date', () => {
  assert.equal(parseRetryAfter('3', 0), 3000);
  assert.equal(parseRetryAfter(null, 0), undefined);
  assert.equal(parseRetryAfter('junk', 0), undefined);
  const now = Date.parse('2026-11-25T12:00:00Z');
  assert.equal(parseRetryAfter('Wed, 25 Nov 2026 12:00:10 GMT', now), 10_000);
});

test('429 back-off honours Retry-After, capped, and gives up after maxRetries', async (t) => {
  let n = 0;
  const srv = createServer((_req, res) => {
    n++;
    if (n <= 2) { res.writeHead(429, { 'Retry-After': n === 1 ? '3600' : '2' }); res.end('{"error":{"code":"TooManyRequests","message":"slow down"}}'); return; }
    res.writeHead(200, { 'content-type': 'application/json' }); res.end('{"ok":true}');
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  t.after(() => srv.close());
  const waits: number[] = [];
  const client = new MdeClient({ apiBase: `http://127.0.0.1:${(srv.address() as AddressInfo).port}/api`, getToken: async () => 't', maxRetryWaitMs: 30_000, sleep: async (ms) => { waits.push(ms); } });
  const r = await client.request('GET', 'machines');
  assert.deepEqual(r.body, { ok: true });
  assert.deepEqual(waits, [30_000, 2000]);
  n = -10;
  await assert.rejects(client.request('GET', 'machines'), (e: Error & { status?: number }) => e.status === 429);
  assert.equal(waits.length, 5);
});

test('protected assets: defaults catch domain controllers and servers, not workstations', () => {
  assert.match(protectionReason(DEFAULT_PROTECTED, { name: 'dc01.contoso.local' }) ?? '', /dc\*/);
  assert.match(protectionReason(DEFAULT_PROTECTED, { name: 'sql01.contoso.local', osPlatform: 'WindowsServer2022' }) ?? '', /serverOs/);
  assert.equal(protectionReason(DEFAULT_PROTECTED, { name: 'ws-042.contoso.local', osPlatform: 'Windows11' }), undefined);
  const custom = { source: 'f', devices: ['ABC'], patterns: ['*-prod-*'], serverOs: false };
  assert.ok(protectionReason(custom, { name: 'abc.contoso.local' }));
  assert.ok(protectionReason(custom, { name: 'web-prod-01' }));
  assert.equal(protectionReason(custom, { name: 'sql01', osPlatform: 'WindowsServer2022' }), undefined);
});

test('config: https only, except loopback http; secrets redacted; lookup path encoding', () => {
  assert.equal(checkEndpoint('X', 'https://eu.api.security.microsoft.com/api'), 'https://eu.api.security.microsoft.com/api');
  assert.equal(checkEndpoint('X', 'http://127.0.0.1:8080/api'), 'http://127.0.0.1:8080/api');
  assert.throws(() => checkEndpoint('X', 'http://10.0.0.5/api'), /https/);
  assert.equal(tokenUrlFromEnv({}, 'contoso.onmicrosoft.com'), 'https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token');
  assert.throws(() => loadMdeConfig({ HARRIER_TENANT_ID: 't' }), /HARRIER_CLIENT_ID, HARRIER_CLIENT_SECRET/);
  assert.equal(redact('a s3cr3t+/ b s3cr3t%2B%2F', ['s3cr3t+/']), 'a <redacted> b <redacted>');
  assert.equal(machineLookupPath("O'Brien-PC"), 'machines?$filter=computerDnsName%20eq%20%27o%27%27brien-pc%27');
  assert.equal(renderRequest({ method: 'GET', url: 'https://x/api/machines/1' }), 'GET https://x/api/machines/1\nAuthorization: Bearer <token acquired at run time>\nAccept: application/json\n');
});
