/** `collectDefender` against the fake Graph: requests, windows, splits, throttling, resume without duplicates. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectDefender, graphAuth, virtualClock, ConnectorError, type CollectDefenderOptions } from '../../src/connectors/index.js';
import { openStore } from '../../src/store/index.js';
import { CLIENT_SECRET, FakeRemote, makeEvents } from './fake-remote.js';

const START = Date.UTC(2026, 10, 1);
const HOUR = 3_600_000;
const DEVICES = ['ws-01.contoso.local', 'ws-02.contoso.local'];

async function setup(t: { after: (fn: () => Promise<void> | void) => void }) {
  const fake = new FakeRemote();
  await fake.start();
  fake.events.set('DeviceProcessEvents', [
    ...makeEvents('DeviceProcessEvents', START, 48 * HOUR, 240, [...DEVICES, 'srv-99.contoso.local'], { at: START + 30 * HOUR, n: 150 }),
  ]);
  fake.events.set('DeviceLogonEvents', makeEvents('DeviceLogonEvents', START, 48 * HOUR, 30, DEVICES));
  fake.rowCap = 100;
  const dir = mkdtempSync(join(tmpdir(), 'harrier-collect-'));
  t.after(async () => { await fake.stop(); rmSync(dir, { recursive: true, force: true }); });
  return { fake, dir, db: join(dir, 'store.duckdb') };
}

function baseOptions(fake: FakeRemote, db: string, clock = virtualClock(START)): CollectDefenderOptions {
  return {
    db, devices: ['ws-01', 'ws-02.contoso.local'], all: false, from: new Date(START), to: new Date(START + 48 * HOUR),
    tables: ['DeviceProcessEvents', 'DeviceLogonEvents'], auth: graphAuth(fake.env), clock, rowCap: 100, initialWindowMs: 6 * HOUR,
  };
}

async function storedRows(db: string, table: string): Promise<{ n: number; distinct: number; devices: string[] }> {
  const store = await openStore(db);
  try {
    const r = (await store.connection.runAndReadAll(`SELECT count(*), count(DISTINCT ReportId) FROM ${table}`)).getRows()[0]!;
    const d = (await store.connection.runAndReadAll(`SELECT DISTINCT DeviceName FROM ${table} ORDER BY 1`)).getRows().map((x) => String(x[0]));
    return { n: Number(r[0]), distinct: Number(r[1]), devices: d };
  } finally {
    store.close();
  }
}

function expectedCount(fake: FakeRemote, table: string): number {
  return fake.events.get(table)!.filter((e) => DEVICES.includes(e.DeviceName)).length;
}

test('collects every row once: Timespan matches the query window, capped windows split, sparse ones merge', async (t) => {
  const { fake, db } = await setup(t);
  const summary = await collectDefender(baseOptions(fake, db));
  const procs = await storedRows(db, 'DeviceProcessEvents');
  assert.equal(procs.n, expectedCount(fake, 'DeviceProcessEvents'));
  assert.equal(procs.distinct, procs.n);
  assert.deepEqual(procs.devices, DEVICES);
  assert.equal((await storedRows(db, 'DeviceLogonEvents')).n, 30);
  assert.ok(summary.splits >= 1, 'the burst window reached the cap and was split');

  const reqs = fake.graphRequests();
  assert.ok(reqs.length > 0);
  const widths: number[] = [];
  for (const r of reqs) {
    assert.equal(r.method, 'POST');
    assert.equal(r.headers['content-type'], 'application/json');
    assert.match(String(r.headers['authorization']), /^Bearer fake-access-token-/);
    const body = JSON.parse(r.body) as { Query: string; Timespan: string };
    assert.deepEqual(Object.keys(body).sort(), ['Query', 'Timespan']);
    const [a, b] = body.Timespan.split('/');
    assert.match(body.Timespan, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.ok(body.Query.includes(`Timestamp >= datetime(${a}) and Timestamp < datetime(${b})`), body.Query);
    assert.match(body.Query, /DeviceName in~ \("ws-01", "ws-02\.contoso\.local"\)/);
    widths.push(Date.parse(b!) - Date.parse(a!));
  }
  assert.ok(Math.max(...widths) > 6 * HOUR, 'sparse windows grew (merged)');
  assert.ok(Math.min(...widths) < 6 * HOUR, 'the capped window was split');
  // The token request: client credentials for Graph.
  const form = new URLSearchParams(fake.tokenRequests()[0]!.body);
  assert.equal(form.get('grant_type'), 'client_credentials');
  assert.equal(form.get('scope'), 'https://graph.microsoft.com/.default');
  // The manifest names the request ids.
  const store = await openStore(db);
  try {
    const notes = (await store.connection.runAndReadAll(`SELECT notes FROM _harrier_ingests ORDER BY ingest_id`)).getRows().map((r) => String(r[0]));
    assert.equal(notes.length, summary.windows);
    for (const n of notes) assert.match(n, /graph runHuntingQuery request-id [0-9a-f-]{36} timespan /);
  } finally {
    store.close();
  }
  // A second run with the same parameters has nothing left to do.
  const before = fake.graphRequests().length;
  const again = await collectDefender(baseOptions(fake, db));
  assert.equal(again.calls, 0);
  assert.equal(fake.graphRequests().length, before);
  assert.equal((await storedRows(db, 'DeviceProcessEvents')).n, procs.n);
});

test('honours Retry-After on 429 and retries a preempted or too-large window smaller', async (t) => {
  const { fake, db } = await setup(t);
  fake.maxWindowMs = 4 * HOUR;
  fake.graphScript.push(
    { status: 429, headers: { 'retry-after': '7' }, body: { error: { code: 'TooManyRequests', message: 'Rate limit is exceeded. Try again in 7 seconds.' } } },
    { status: 400, body: { error: { code: 'BadRequest', message: 'Query execution has exceeded the allowed limits. The query execution was preempted.' } } },
  );
  const clock = virtualClock(START);
  const summary = await collectDefender({ ...baseOptions(fake, db, clock), tables: ['DeviceProcessEvents'] });
  assert.ok(clock.slept.includes(7000), `slept ${clock.slept.join(',')}`);
  assert.ok(summary.splits >= 2);
  const procs = await storedRows(db, 'DeviceProcessEvents');
  assert.equal(procs.n, expectedCount(fake, 'DeviceProcessEvents'));
  assert.equal(procs.distinct, procs.n);
  for (const r of fake.graphRequests().slice(2)) {
    const [a, b] = (JSON.parse(r.body) as { Timespan: string }).Timespan.split('/');
    assert.ok(Date.parse(b!) - Date.parse(a!) <= 6 * HOUR);
  }
});

test('keeps to 45 calls a minute on the injected clock', async (t) => {
  const { fake, db } = await setup(t);
  const clock = virtualClock(START);
  const times: number[] = [];
  const opts = baseOptions(fake, db, clock);
  const summary = await collectDefender({ ...opts, to: new Date(START + 16 * HOUR), tables: ['DeviceLogonEvents'], initialWindowMs: 0.25 * HOUR, maxWindowMs: 0.25 * HOUR, onProgress: () => times.push(clock.now()) });
  assert.equal(summary.calls, 64);
  for (let i = 45; i < times.length; i++) assert.ok(times[i]! - times[i - 45]! >= 60_000, `call ${i} inside a minute of call ${i - 45}`);
  assert.ok(clock.now() - START >= 60_000);
});

test('an interrupted collection resumes from the checkpoint and stores every row exactly once', async (t) => {
  const { fake, db, dir } = await setup(t);
  fake.failAfterCalls = 5;
  const stale = join(dir, 'stale-checkpoint.json');
  let windows = 0;
  await assert.rejects(collectDefender({
    ...baseOptions(fake, db),
    // Keep the checkpoint as it was after the 2nd window: the run "dies" later, the file is older.
    onProgress: () => { if (++windows === 2) copyFileSync(`${db}.collect-defender.json`, stale); },
  }), (err: unknown) => err instanceof ConnectorError && /simulated outage/.test(err.message));
  const partial = await storedRows(db, 'DeviceProcessEvents');
  assert.ok(partial.n > 0 && partial.n < expectedCount(fake, 'DeviceProcessEvents'), `partial ${partial.n}`);
  // As if the process died after storing windows 3..n but before their checkpoint writes.
  copyFileSync(stale, `${db}.collect-defender.json`);
  const okBefore = fake.graphRequests().length;
  fake.failAfterCalls = Number.POSITIVE_INFINITY;
  const resumed = await collectDefender(baseOptions(fake, db));
  assert.equal(resumed.resumed, true);
  const procs = await storedRows(db, 'DeviceProcessEvents');
  assert.equal(procs.n, expectedCount(fake, 'DeviceProcessEvents'));
  assert.equal(procs.distinct, procs.n, 'no row stored twice');
  assert.equal((await storedRows(db, 'DeviceLogonEvents')).n, 30);
  // No stored window was asked for again: the resumed run starts where the stored ones end.
  const firstResumed = JSON.parse(fake.graphRequests()[okBefore]!.body) as { Timespan: string };
  const storedEnd = Math.max(...readdirSync(join(`${db}.collect`, readdirSync(`${db}.collect`)[0]!, 'DeviceProcessEvents'))
    .map((f) => f.split('_')[1]!.replace('.json', '')).map((s) => Date.parse(s.replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)/, '$1-$2-$3T$4:$5:$6'))));
  assert.ok(Date.parse(firstResumed.Timespan.split('/')[0]!) <= storedEnd);
});

test('secrets and tokens never reach the store, the raw files or the checkpoint', async (t) => {
  const { fake, db } = await setup(t);
  await collectDefender({ ...baseOptions(fake, db), tables: ['DeviceLogonEvents'] });
  const files: string[] = [db, `${db}.collect-defender.json`];
  const walk = (d: string) => { for (const e of readdirSync(d, { withFileTypes: true })) { const p = join(d, e.name); if (e.isDirectory()) walk(p); else files.push(p); } };
  walk(`${db}.collect`);
  for (const f of files) {
    if (!existsSync(f)) continue;
    const text = readFileSync(f).toString('latin1');
    assert.ok(!text.includes(CLIENT_SECRET), `secret in ${f}`);
    for (const tok of fake.issuedTokens) assert.ok(!text.includes(tok), `token in ${f}`);
  }
});
