/**
 * `harrier evidence export` / `verify` on a small simulated estate: the package holds the raw
 * events behind the incident (JSONL and per-table CSV, the same rows), the hunt and evidence
 * queries, the incident, and a manifest with the SHA-256 of every file and a note that a simulated
 * store has no source files; verify passes on the untouched package and reports a one-byte change
 * in every exported file type, an added file and a deleted one.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { verifyEvidence } from '../../src/evidence/verify.js';
import { cli, smallEstate, type SmallEstate } from '../report/helpers.js';

let estate: SmallEstate;
let pkg: string;
let incidentId: string;
let manifestSha: string;

before(async () => {
  estate = await smallEstate();
  const h = cli(['hunt', '--db', estate.db, '--now', estate.now, '--watchlist', estate.watchlist, '--format', 'json']);
  assert.equal(h.status, 0, h.stderr);
  incidentId = (JSON.parse(h.stdout) as { incidents: { id: string }[] }).incidents[0]!.id;
  pkg = join(estate.dir, 'evidence');
  const r = cli(['evidence', 'export', '--db', estate.db, '--now', estate.now, '--watchlist', estate.watchlist, '--incident', incidentId, '--out', pkg]);
  assert.equal(r.status, 0, r.stderr);
  manifestSha = /manifest sha256: ([0-9a-f]{64})/.exec(r.stdout)![1]!;
});

interface Manifest {
  incident: { id: string; devices: string[]; findings: string[] };
  sources: { kind: string; note: string; files: unknown[] };
  events: { count: number; byTable: Record<string, number> };
  files: { path: string; bytes: number; sha256: string }[];
}

test('the package holds the events, queries, incident and a complete manifest', () => {
  const m = JSON.parse(readFileSync(join(pkg, 'manifest.json'), 'utf8')) as Manifest;
  assert.equal(m.incident.id, incidentId);
  assert.deepEqual(m.incident.devices, [estate.johnDevice]);
  assert.equal(m.sources.kind, 'simulated');
  assert.match(m.sources.note, /no ingested source files/);
  assert.deepEqual(m.sources.files, []);
  const paths = m.files.map((f) => f.path);
  for (const p of ['events.jsonl', 'incident.json', 'queries/evidence.kql', 'events/DeviceFileEvents.csv', 'events/DeviceProcessEvents.csv', 'events/DeviceNetworkEvents.csv']) assert.ok(paths.includes(p), p);
  assert.ok(paths.some((p) => /^queries\/hunt-exfiltration_personal-cloud-upload\.kql$/.test(p)));
  for (const f of m.files) assert.match(f.sha256, /^[0-9a-f]{64}$/);
  const events = readFileSync(join(pkg, 'events.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { table: string; findings: string[]; row: Record<string, unknown> });
  assert.equal(events.length, m.events.count);
  assert.ok(events.length > 50);
  for (const e of events) {
    assert.equal(e.row['DeviceName'], estate.johnDevice);
    assert.ok(e.findings.every((f) => m.incident.findings.includes(f)) && e.findings.length > 0, 'each event cites its findings');
  }
  let csvRows = 0;
  for (const [table, n] of Object.entries(m.events.byTable)) {
    const rows = parse(readFileSync(join(pkg, 'events', `${table}.csv`)), { columns: true }) as Record<string, string>[];
    assert.equal(rows.length, n, table);
    assert.ok('Timestamp' in rows[0]! && 'ReportId' in rows[0]! && 'DeviceId' in rows[0]!);
    csvRows += rows.length;
  }
  assert.equal(csvRows, events.length, 'CSV and JSONL hold the same rows');
  assert.ok(events.some((e) => /dropbox/i.test(String(e.row['RemoteUrl']))), 'the upload connections are there');
  const sums = readFileSync(join(pkg, 'SHA256SUMS'), 'utf8');
  assert.ok(sums.includes(`${manifestSha}  manifest.json`));
});

test('verify passes on the untouched package (CLI, with --expect-manifest)', () => {
  const r = cli(['evidence', 'verify', pkg, '--expect-manifest', manifestSha]);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /^ok: \d+ file\(s\) match the manifest/m);
});

function flipOneByte(file: string, at = 0.5): void {
  const data = readFileSync(file);
  const i = Math.min(data.length - 1, Math.floor(data.length * at));
  data[i] = data[i]! ^ 0x01;
  writeFileSync(file, data);
}

test('verify reports a one-byte change in every exported file', () => {
  const m = JSON.parse(readFileSync(join(pkg, 'manifest.json'), 'utf8')) as Manifest;
  const all = [...m.files.map((f) => f.path), 'manifest.json', 'SHA256SUMS'];
  const kinds = new Set(all.map((p) => p.replace(/^.*\./, '')));
  for (const k of ['jsonl', 'csv', 'kql', 'json']) assert.ok(kinds.has(k), k);
  for (const p of all) {
    const copy = join(estate.dir, 'tamper');
    rmSync(copy, { recursive: true, force: true });
    cpSync(pkg, copy, { recursive: true });
    flipOneByte(join(copy, p));
    const v = verifyEvidence(copy);
    assert.equal(v.ok, false, `a flipped byte in ${p} went unnoticed`);
    assert.ok(v.problems.some((x) => x.file === p || (p === 'manifest.json' && x.kind === 'sums')), `${p}: ${JSON.stringify(v.problems)}`);
  }
  // the CLI exits 1 and names the file
  const copy = join(estate.dir, 'tamper');
  rmSync(copy, { recursive: true, force: true });
  cpSync(pkg, copy, { recursive: true });
  flipOneByte(join(copy, 'events.jsonl'), 0.9);
  const r = cli(['evidence', 'verify', copy]);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /CHANGED events\.jsonl/);
});

test('verify reports added and deleted files and a rewritten manifest', () => {
  const copy = join(estate.dir, 'tamper2');
  cpSync(pkg, copy, { recursive: true });
  writeFileSync(join(copy, 'events', 'extra.csv'), 'x\n');
  rmSync(join(copy, 'incident.json'));
  const v = verifyEvidence(copy);
  assert.deepEqual(v.problems.map((p) => `${p.kind} ${p.file}`).sort(), ['extra events/extra.csv', 'missing incident.json']);
  assert.ok(!verifyEvidence(pkg, { expectManifest: '0'.repeat(64) }).ok);
  assert.ok(existsSync(pkg) && readdirSync(pkg).length > 0);
});

test('export refuses a non-empty folder and an unknown incident', () => {
  const again = cli(['evidence', 'export', '--db', estate.db, '--now', estate.now, '--incident', incidentId, '--out', pkg]);
  assert.equal(again.status, 1);
  const unknown = cli(['evidence', 'export', '--db', estate.db, '--now', estate.now, '--incident', 'INC-nope', '--out', join(estate.dir, 'nope')]);
  assert.equal(unknown.status, 1);
  assert.match(unknown.stderr, /no incident INC-nope/);
});
