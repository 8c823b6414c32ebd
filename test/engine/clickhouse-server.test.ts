/**
 * `--engine clickhouse` against a ClickHouse HTTP endpoint (test/engine/fake-clickhouse-server.ts:
 * ClickHouse's HTTP protocol in front of chDB): ingest loads through INSERT bodies, query and hunt
 * compile KQL to the same SQL as for chDB, credentials come from the environment only, every
 * query carries readonly=2, and a wrong password fails without printing it.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { csv } from '../ingest/helpers.js';
import { startFakeClickHouse, type FakeClickHouse } from './fake-clickhouse-server.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PASSWORD = 's3cr3t-Pa55!';
let dir: string;
let server: FakeClickHouse;

/** Runs the CLI without blocking this process: the fake server answers from its event loop. */
function harrier(args: string[], password = PASSWORD): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env = { ...process.env, HARRIER_CLICKHOUSE_USER: 'hunter', HARRIER_CLICKHOUSE_PASSWORD: password };
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: ROOT, encoding: 'utf8', env }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'harrier-ch-server-'));
  server = await startFakeClickHouse(join(dir, 'server-data'), { user: 'hunter', password: PASSWORD });
});

after(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('ingest, query and hunt with --engine clickhouse through the HTTP interface', async () => {
  const data = join(dir, 'data');
  mkdirSync(data);
  writeFileSync(join(data, 'DeviceNetworkEvents.csv'), csv(['Timestamp', 'DeviceId', 'DeviceName', 'ActionType', 'RemotePort', 'RemoteUrl'], [
    '2026-11-18T08:00:00Z,d1,wks-1,ConnectionSuccess,443,www.dropbox.com', '2026-11-18T08:00:01Z,d1,wks-1,ConnectionSuccess,bad,x',
    '2026-11-18T08:00:02Z,d2,wks-2,ConnectionFailed,80,intranet',
  ]));
  const journal = join(dir, 'journal');
  const ingest = await harrier(['ingest', '--engine', 'clickhouse', '--clickhouse-url', server.url, '--db', journal, data]);
  assert.equal(ingest.code, 0, ingest.stderr);
  assert.match(ingest.stdout, /read 3, stored 2, rejected 1/);
  assert.match(ingest.stdout, /clickhouse DeviceNetworkEvents: 2 row\(s\) loaded into http:\/\/127\.0\.0\.1/);
  assert.ok(server.seen.some((r) => /^INSERT INTO DeviceNetworkEvents FORMAT Parquet/.test(r.query)), 'rows arrive as a Parquet INSERT body');

  const before = server.seen.length;
  const q = await harrier(['query', '--engine', 'clickhouse', '--clickhouse-url', server.url, '--format', 'json',
    'DeviceNetworkEvents | summarize n = count(), ports = make_set(RemotePort) by DeviceName | order by DeviceName asc']);
  assert.equal(q.code, 0, q.stderr);
  assert.deepEqual((JSON.parse(q.stdout) as { rows: unknown[] }).rows, [['wks-1', 1, [443]], ['wks-2', 1, [80]]]);
  const sent = server.seen.slice(before);
  assert.ok(sent.length > 0 && sent.every((r) => r.settings['readonly'] === '2' && r.settings['join_use_nulls'] === '1' && r.user === 'hunter'), JSON.stringify(sent.map((r) => r.settings)));

  const hunt = await harrier(['hunt', '--engine', 'clickhouse', '--clickhouse-url', server.url, '--now', '2026-11-18T12:00:00Z', '--format', 'json']);
  assert.equal(hunt.code, 0, hunt.stderr);
  assert.ok(Array.isArray((JSON.parse(hunt.stdout) as { findings: unknown[] }).findings));
});

test('a wrong password fails with the server message, without the password; the URL may not carry credentials', async () => {
  const wrong = 'not-the-password-42';
  const r = await harrier(['query', '--engine', 'clickhouse', '--clickhouse-url', server.url, 'print 1'], wrong);
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /Authentication failed/);
  assert.ok(!r.stderr.includes(wrong) && !r.stdout.includes(wrong));
  const inUrl = await harrier(['query', '--engine', 'clickhouse', '--clickhouse-url', server.url.replace('http://', 'http://hunter:pw@'), 'print 1']);
  assert.equal(inUrl.code, 1);
  assert.match(inUrl.stderr, /HARRIER_CLICKHOUSE_USER/);
  const none = await harrier(['query', '--engine', 'clickhouse', 'print 1']);
  assert.equal(none.code, 1);
  assert.match(none.stderr, /--clickhouse-url/);
});
