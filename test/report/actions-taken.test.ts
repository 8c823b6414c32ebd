/**
 * The report's "Actions taken" comes from the audit trail: isolate John Doe's device through a fake
 * Defender (token endpoint + MDE API on 127.0.0.1) with `harrier respond … --execute --wait`, then
 * `harrier report` on the same store lists that action with Defender's action id, final status,
 * analyst and audit sequence, and says how many actions the trail holds for the incident's device.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FakeMde } from '../respond/fake-mde.js';
import { runCli } from '../respond/helpers.js';
import { readAudit } from '../../src/audit/index.js';
import { defaultAuditPath } from '../../src/audit/location.js';
import { cli, plain, sections, smallEstate, tables, walk, type SmallEstate } from './helpers.js';

const TENANT = '0d6f1c2b-3a4e-4f50-8b61-7c8d9e0fa1b2';
const CLIENT = '5e4d3c2b-1a09-4f8e-9d7c-6b5a49382716';
const SECRET = 'report-test-secret~not-in-the-report';

let estate: SmallEstate;
let fake: FakeMde;
let md: string;

before(async () => {
  estate = await smallEstate();
  fake = new FakeMde({ tenantId: TENANT, clientId: CLIENT, clientSecret: SECRET, machines: [{ id: 'f00dfeed00000000000000000000000000000001', computerDnsName: estate.johnDevice, osPlatform: 'Windows11' }] });
  await fake.start();
  const env = { HARRIER_TENANT_ID: TENANT, HARRIER_CLIENT_ID: CLIENT, HARRIER_CLIENT_SECRET: SECRET, HARRIER_TOKEN_URL: `${fake.base}/{tenant}/oauth2/v2.0/token`, HARRIER_MDE_API: fake.apiBase };
  const r = await runCli(['respond', 'isolate', '--device', estate.johnDevice, '--comment', 'case 4711: PIP exfiltration', '--db', estate.db, '--analyst', 'alice', '--execute', '--wait', '--poll-interval', '0.05'], env);
  assert.equal(r.status, 0, r.stderr);
  const rep = cli(['report', '--db', estate.db, '--now', estate.now, '--watchlist', estate.watchlist, '--out', join(estate.dir, 'report-after-response')]);
  assert.equal(rep.status, 0, rep.stderr);
  md = readFileSync(join(estate.dir, 'report-after-response', 'report.md'), 'utf8');
});

after(async () => { await fake.stop(); });

test('Response lists the executed isolation from the audit trail', () => {
  const resp = sections(md).find((s) => s.title === 'Response');
  assert.ok(resp, 'no Response section');
  const text = walk(resp.tokens).map(plain).join('\n');
  assert.match(text, /1 executed action\(s\) in .*harrier-audit\.jsonl/);
  const taken = tables(resp.tokens).find((t) => t.headers.includes('Defender action id'));
  assert.ok(taken, 'no "Actions taken" table');
  assert.equal(taken.rows.length, 1);
  const row = Object.fromEntries(taken.headers.map((h, i) => [h, taken.rows[0]![i]!]));
  // The same facts as the audit trail: the row points at the submission record; its status is the
  // final one that polling recorded.
  const records = readAudit(defaultAuditPath(estate.db)) as unknown as { seq: number; kind: string; outcome: string }[];
  const sent = records.find((e) => e.kind === 'action' && e.outcome === 'sent')!;
  assert.ok(records.some((e) => e.kind === 'status' && e.outcome === 'final'), 'no final status in the trail');
  assert.equal(row['device'], estate.johnDevice);
  assert.match(row['action']!, /isolat/i);
  assert.equal(row['status'], 'Succeeded');
  assert.equal(row['analyst'], 'alice');
  assert.equal(row['comment'], 'case 4711: PIP exfiltration');
  assert.equal(row['audit seq'], String(sent.seq));
  assert.ok(row['Defender action id'] && row['Defender action id'] !== '-', 'no action id');
  assert.ok(fake.requests.some((q) => q.method === 'POST' && q.url.includes('/isolate')), 'the isolation was not sent');
  assert.ok(!md.includes(SECRET), 'the client secret leaked into the report');
});
