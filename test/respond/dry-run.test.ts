/**
 * `harrier respond` without --execute: prints the exact requests (token redacted), sends nothing,
 * resolves names from the store's DeviceInfo when it can, flags protected assets, and audits the
 * dry run. Also: argument checks and the protected-assets file.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openStore } from '../../src/store/index.js';
import { readAudit, verifyAudit } from '../../src/audit/index.js';
import { FakeMde } from './fake-mde.js';
import { runCli, tempDir } from './helpers.js';

const SECRET = 'dry-run-secret-never-shown-0042';
const fake = new FakeMde({ tenantId: 't', clientId: 'c', clientSecret: SECRET, machines: [] });
before(async () => { await fake.start(); });
after(async () => { await fake.stop(); });

const WS_ID = '1f0e2d3c4b5a69788796a5b4c3d2e1f0a1b2c3d4';
const DC_ID = 'dcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdc02';

async function storeWithDevices(dir: string): Promise<string> {
  const db = join(dir, 'harrier.duckdb');
  const store = await openStore(db);
  await store.connection.run(`INSERT INTO DeviceInfo (Timestamp, DeviceId, DeviceName, OSPlatform) VALUES
    (TIMESTAMP '2026-11-25 10:00:00', '${WS_ID}', 'ws-042.contoso.local', 'Windows11'),
    (TIMESTAMP '2026-11-25 10:00:00', '${DC_ID}', 'dc02.contoso.local', 'WindowsServer2022'),
    (TIMESTAMP '2026-11-25 10:00:00', 'eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee', 'app01.contoso.local', 'WindowsServer2019')`);
  store.close();
  return db;
}

const env = () => ({ HARRIER_TENANT_ID: 't', HARRIER_CLIENT_ID: 'c', HARRIER_CLIENT_SECRET: SECRET, HARRIER_MDE_API: fake.apiBase, HARRIER_TOKEN_URL: `${fake.base}/t/oauth2/v2.0/token` });

test('dry run: the exact requests, token redacted, machine id from the store, nothing sent, audited', async (t) => {
  const dir = tempDir(t);
  const db = await storeWithDevices(dir);
  const r = await runCli(['respond', 'isolate', '--device', 'WS-042', '--comment', 'case 4711: staging + USB', '--isolation', 'Selective', '--db', db, '--analyst', 'alice'], env());
  assert.equal(r.status, 0, r.stderr);
  const expected = `# dry run: nothing is sent. Add --execute to send these requests to Defender.
# WS-042 is ws-042.contoso.local (machine id ${WS_ID}, Windows11) in ${db}

# 1. resolve 'WS-042' to its machine id
GET ${fake.apiBase}/machines?$filter=startswith(computerDnsName%2C%27ws-042.%27)
Authorization: Bearer <token acquired at run time>
Accept: application/json

# 2. isolate: isolate the device from the network (Full or Selective) (needs the app permission Machine.Isolate)
POST ${fake.apiBase}/machines/${WS_ID}/isolate
Authorization: Bearer <token acquired at run time>
Accept: application/json
Content-Type: application/json

{
  "Comment": "case 4711: staging + USB",
  "IsolationType": "Selective"
}
`;
  // a short name is looked up as an exact name first; the dry run shows that first lookup
  assert.equal(r.stdout, expected.replace('startswith(computerDnsName%2C%27ws-042.%27)', 'computerDnsName%20eq%20%27ws-042%27'));
  assert.equal(fake.requests.length, 0, 'a dry run sends nothing');
  assert.ok(!r.stdout.includes(SECRET) && !r.stderr.includes(SECRET));
  const audit = join(dir, 'harrier-audit.jsonl');
  const e = readAudit(audit) as Record<string, any>[];
  assert.equal(e.length, 1);
  assert.equal(e[0]!['mode'], 'dry-run');
  assert.equal(e[0]!['who'].analyst, 'alice');
  assert.equal(e[0]!['request'].url, `${fake.apiBase}/machines/${WS_ID}/isolate`);
  assert.deepEqual(e[0]!['request'].body, { Comment: 'case 4711: staging + USB', IsolationType: 'Selective' });
  assert.equal(e[0]!['response'], null);
  assert.ok(!readFileSync(audit, 'utf8').includes(SECRET));
  assert.equal(verifyAudit(audit).ok, true);
});

test('dry run without credentials or a store: placeholder machine id, default endpoint', async (t) => {
  const dir = tempDir(t);
  const r = await runCli(['respond', 'av-scan', '--device', 'lt-007.contoso.local', '--comment', 'c', '--db', join(dir, 'none.duckdb')], {});
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^POST https:\/\/api\.securitycenter\.microsoft\.com\/api\/machines\/\{machine id of lt-007\.contoso\.local, looked up at run time\}\/runAntiVirusScan$/m);
  assert.match(r.stdout, /"ScanType": "Quick"/);
});

test('dry run flags a protected server; a protected-assets file replaces the defaults', async (t) => {
  const dir = tempDir(t);
  const db = await storeWithDevices(dir);
  const a = await runCli(['respond', 'restrict-apps', '--device', 'app01.contoso.local', '--comment', 'c', '--db', db], env());
  assert.match(a.stdout, /# app01\.contoso\.local is a protected asset \(runs WindowsServer2019 \(serverOs in built-in defaults\)\): executing restrict-apps needs --approve-by NAME/);
  const file = join(dir, 'harrier-protected-assets.yaml');
  writeFileSync(file, 'devices:\n  - ws-042\npatterns: []\nserverOs: false\n');
  const b = await runCli(['respond', 'isolate', '--device', 'ws-042.contoso.local', '--comment', 'c', '--db', db], env());
  assert.match(b.stdout, new RegExp(`protected asset \\(listed in ${file.replace(/[.\\/]/g, '\\$&')}\\)`));
  const c = await runCli(['respond', 'isolate', '--device', 'app01.contoso.local', '--comment', 'c', '--db', db], env());
  assert.ok(!c.stdout.includes('protected asset'), 'serverOs: false in the file');
  writeFileSync(file, 'device: [x]\n');
  const d = await runCli(['respond', 'isolate', '--device', 'x', '--comment', 'c', '--db', db], env());
  assert.equal(d.status, 1);
  assert.match(d.stderr, /harrier-protected-assets\.yaml: .*expected keys: devices, patterns, serverOs/);
});

test('argument errors: bad --sha1, bad --isolation, empty comment, missing --device', async (t) => {
  const dir = tempDir(t);
  const db = join(dir, 'x.duckdb');
  const a = await runCli(['respond', 'stop-quarantine', '--device', 'x', '--comment', 'c', '--sha1', 'nothex', '--db', db], {});
  assert.equal(a.status, 1);
  assert.match(a.stderr, /--sha1 must be 40 hexadecimal digits/);
  const b = await runCli(['respond', 'isolate', '--device', 'x', '--comment', 'c', '--isolation', 'Partial', '--db', db], {});
  assert.match(b.stderr, /--isolation must be Full or Selective/);
  const c = await runCli(['respond', 'release', '--device', 'x', '--comment', ' ', '--db', db], {});
  assert.match(c.stderr, /--comment must not be empty/);
  const d = await runCli(['respond', 'release', '--comment', 'c', '--db', db], {});
  assert.notEqual(d.status, 0);
  assert.match(d.stderr, /required option '--device <name\|id>'/);
});
