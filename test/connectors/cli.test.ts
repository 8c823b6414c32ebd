/** The CLI surfaces: `collect defender`, `query --engine`, `hunt --engine`; secrets never printed. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLIENT_SECRET, FakeRemote, makeEvents } from './fake-remote.js';
import { runCli, type CliRun } from './helpers.js';

const START = Date.UTC(2026, 10, 1);
const HOUR = 3_600_000;

async function setup(t: { after: (fn: () => Promise<void> | void) => void }) {
  const fake = new FakeRemote();
  await fake.start();
  fake.events.set('DeviceProcessEvents', makeEvents('DeviceProcessEvents', START, 24 * HOUR, 40, ['ws-01.contoso.local', 'ws-02.contoso.local']));
  const dir = mkdtempSync(join(tmpdir(), 'harrier-connectors-cli-'));
  t.after(async () => { await fake.stop(); rmSync(dir, { recursive: true, force: true }); });
  return { fake, dir };
}

function noSecrets(fake: FakeRemote, ...runs: CliRun[]): void {
  for (const r of runs) {
    const text = r.stdout + r.stderr;
    assert.ok(!text.includes(CLIENT_SECRET), 'client secret printed');
    for (const tok of fake.issuedTokens) assert.ok(!text.includes(tok), 'access token printed');
  }
}

test('collect defender stores the rows and prints a summary', async (t) => {
  const { fake, dir } = await setup(t);
  const db = join(dir, 'h.duckdb');
  const r = await runCli(['collect', 'defender', '--db', db, '--device', 'ws-01', '--from', '2026-11-01T00:00:00Z', '--to', '2026-11-02T00:00:00Z', '--tables', 'DeviceProcessEvents'], fake.env);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /DeviceProcessEvents: 20 row\(s\) in \d+ window\(s\)/);
  const q = await runCli(['query', '--db', db, '--format', 'json', 'DeviceProcessEvents | summarize n = count()'], {});
  assert.deepEqual(JSON.parse(q.stdout).rows, [[20]]);
  const missing = await runCli(['collect', 'defender', '--db', db, '--from', '2026-11-01T00:00:00Z', '--to', '2026-11-02T00:00:00Z'], fake.env);
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /--device NAME .* or pass --all/);
  noSecrets(fake, r, q, missing);
});

test('query --engine defender prints the same JSON contract; a rejected secret is not echoed', async (t) => {
  const { fake } = await setup(t);
  const r = await runCli(['query', '--engine', 'defender', '--format', 'json', 'DeviceProcessEvents | take 2'], fake.env);
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { columns: { name: string; type: string }[]; rows: unknown[][] };
  assert.deepEqual(Object.keys(out), ['columns', 'rows']);
  assert.equal(out.columns[0]!.type, 'datetime');
  assert.equal(out.rows.length, 2);
  assert.equal(JSON.parse(fake.graphRequests()[0]!.body).Query, 'DeviceProcessEvents | take 2');
  const np = await runCli(['query', '--engine', 'defender', '--format', 'json', 'SigninLogs | where TimeGenerated > ago(1h)'], fake.env);
  assert.equal(np.status, 2);
  assert.match(np.stderr, /not portable to Defender/);
  assert.equal(fake.graphRequests().length, 1);
  const bad = await runCli(['query', '--engine', 'defender', 'DeviceProcessEvents'], { ...fake.env, HARRIER_CLIENT_SECRET: `${CLIENT_SECRET}-wrong` });
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /cannot get an access token/);
  assert.ok(!bad.stderr.includes(`${CLIENT_SECRET}-wrong`));
  noSecrets(fake, r, np, bad);
});

test('hunt --engine defender sends portable rules and reports the others without sending them', async (t) => {
  const { fake, dir } = await setup(t);
  const rules = join(dir, 'rules');
  mkdirSync(rules);
  writeFileSync(join(rules, 'execution_sentinel-only.yaml'), [
    'id: 0b7a2c55-8f0e-4c3e-9d7e-1a2b3c4d5e6f', 'name: Sentinel-only rule', 'description: uses TimeGenerated', 'severity: Low',
    'tactics:', '  - Execution', 'relevantTechniques:', '  - T1059', 'query: |', '  SecurityEvent', '  | where TimeGenerated > ago(1d)', '',
  ].join('\n'));
  const r = await runCli(['hunt', '--engine', 'defender', '--rules', 'hunts', '--rules', rules, '--only', 'collection_archive-via-utility', '--only', 'execution_sentinel-only', '--format', 'json'], fake.env);
  assert.match(r.stderr, /Sentinel-only rule.*not portable to Defender/);
  const sent = fake.graphRequests().map((x) => (JSON.parse(x.body) as { Query: string }).Query);
  assert.ok(sent.some((q) => q.includes('let HuntLookback') && q.includes('DeviceProcessEvents')), sent.join('\n---\n'));
  assert.ok(!sent.some((q) => q.includes('TimeGenerated')));
  noSecrets(fake, r);
});
