/**
 * The audit trail's hash chain: an intact trail verifies; an edited, a deleted (middle and last), a
 * swapped and an inserted line are each caught, through the library and `harrier audit verify`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { GENESIS, appendAudit, defaultAuditPath, readAudit, sha256Hex, verifyAudit } from '../../src/audit/index.js';
import { actionsTaken } from '../../src/respond/actions-taken.js';

const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));

function trail(t: { after: (fn: () => void) => void }, n = 5): string {
  const dir = mkdtempSync(join(tmpdir(), 'harrier-audit-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'harrier-audit.jsonl');
  for (let i = 1; i <= n; i++) appendAudit(file, { kind: 'action', action: 'isolate', comment: `entry ${i}` }, new Date(Date.UTC(2026, 10, 25, 12, i)));
  return file;
}

const lines = (f: string) => readFileSync(f, 'utf8').split('\n').filter(Boolean);
const write = (f: string, ls: string[]) => writeFileSync(f, `${ls.join('\n')}\n`);

test('an intact trail verifies; entries chain by SHA-256 of the previous line', (t) => {
  const f = trail(t);
  const v = verifyAudit(f);
  assert.equal(v.ok, true, JSON.stringify(v.problems));
  assert.equal(v.entries, 5);
  const ls = lines(f);
  const e = ls.map((l) => JSON.parse(l) as { seq: number; prev: string; time: string });
  assert.equal(e[0]!.prev, GENESIS);
  for (let i = 1; i < ls.length; i++) assert.equal(e[i]!.prev, sha256Hex(ls[i - 1]!));
  assert.deepEqual(e.map((x) => x.seq), [1, 2, 3, 4, 5]);
  assert.equal(v.headSha256, sha256Hex(ls[4]!));
  assert.equal(defaultAuditPath('/cases/4711/harrier.duckdb'), '/cases/4711/harrier-audit.jsonl');
});

test('an edited line is caught (middle and last)', (t) => {
  const f = trail(t);
  const ls = lines(f);
  write(f, ls.map((l, i) => (i === 2 ? l.replace('entry 3', 'entry three') : l)));
  const v = verifyAudit(f);
  assert.equal(v.ok, false);
  assert.deepEqual(v.problems.map((p) => [p.line, p.kind]), [[4, 'chain']]);
  write(f, ls.map((l, i) => (i === 4 ? l.replace('isolate', 'release') : l)));
  assert.deepEqual(verifyAudit(f).problems.map((p) => [p.line, p.kind]), [[5, 'head']]);
});

test('a deleted line is caught (middle, first and last)', (t) => {
  const f = trail(t);
  const ls = lines(f);
  write(f, ls.filter((_, i) => i !== 2));
  const v = verifyAudit(f);
  assert.equal(v.ok, false);
  assert.ok(v.problems.some((p) => p.line === 3 && p.kind === 'chain'));
  assert.ok(v.problems.some((p) => p.line === 3 && p.kind === 'sequence'));
  write(f, ls.slice(1));
  assert.ok(verifyAudit(f).problems.some((p) => p.line === 1 && p.kind === 'chain'));
  write(f, ls.slice(0, 4));
  assert.deepEqual(verifyAudit(f).problems.map((p) => p.kind), ['head']);
});

test('swapped lines are caught', (t) => {
  const f = trail(t);
  const ls = lines(f);
  [ls[1], ls[2]] = [ls[2]!, ls[1]!];
  write(f, ls);
  const v = verifyAudit(f);
  assert.equal(v.ok, false);
  assert.ok(v.problems.filter((p) => p.kind === 'sequence').length >= 2);
  assert.ok(v.problems.some((p) => p.kind === 'chain'));
});

test('an inserted or rewritten-and-rechained line is caught by the head file or --expect-head', (t) => {
  const f = trail(t, 3);
  const pinned = verifyAudit(f).headSha256;
  // forge: rewrite entry 2 and recompute the chain from there on, but not the head file
  const ls = lines(f);
  const e2 = JSON.parse(ls[1]!) as Record<string, unknown>;
  e2['comment'] = 'forged';
  ls[1] = JSON.stringify(e2);
  const e3 = JSON.parse(ls[2]!) as Record<string, unknown>;
  e3['prev'] = sha256Hex(ls[1]);
  ls[2] = JSON.stringify(e3);
  write(f, ls);
  assert.deepEqual(verifyAudit(f).problems.map((p) => p.kind), ['head']);
  rmSync(`${f}.head`);
  const v = verifyAudit(f, { expectHead: pinned });
  assert.deepEqual(v.problems.map((p) => p.kind), ['missing-head', 'head']);
});

test('harrier audit verify: exit 0 when intact, 1 with the line when tampered', (t) => {
  const f = trail(t);
  const ok = spawnSync(process.execPath, ['--import', 'tsx', MAIN, 'audit', 'verify', '--audit', f], { encoding: 'utf8' });
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stdout, /intact, 5 entries, head sha256 [0-9a-f]{64}/);
  const ls = lines(f);
  write(f, [ls[0]!, ls[2]!, ls[1]!, ls[3]!, ls[4]!]);
  const bad = spawnSync(process.execPath, ['--import', 'tsx', MAIN, 'audit', 'verify', '--audit', f], { encoding: 'utf8' });
  assert.equal(bad.status, 1);
  assert.match(bad.stdout, /^line 2: sequence: /m);
  assert.match(bad.stdout, /TAMPERED/);
});

test('actionsTaken: executed actions for a device and window, with ids and latest statuses', (t) => {
  const f = trail(t, 0);
  const who = { osUser: 'root', analyst: 'alice', host: 'h' };
  const dev = { argument: 'ws-042', name: 'ws-042.contoso.local', machineId: 'a'.repeat(40), protected: null };
  appendAudit(f, { kind: 'action', who, action: 'isolate', mdeType: 'Isolate', comment: 'c', approvedBy: null, mode: 'dry-run', outcome: 'dry-run', device: dev, request: null, response: null }, new Date('2026-11-25T12:00:00Z'));
  appendAudit(f, { kind: 'action', who, action: 'isolate', mdeType: 'Isolate', comment: 'c', approvedBy: null, mode: 'execute', outcome: 'sent', device: dev, request: null, response: { status: 201, actionId: 'id-1', actionStatus: 'Pending', error: null } }, new Date('2026-11-25T12:01:00Z'));
  appendAudit(f, { kind: 'status', who, action: 'isolate', mode: 'execute', outcome: 'final', device: dev, request: null, response: { status: 200, actionId: 'id-1', actionStatus: 'Succeeded', error: null } }, new Date('2026-11-25T12:02:00Z'));
  appendAudit(f, { kind: 'action', who, action: 'av-scan', mdeType: 'RunAntiVirusScan', comment: 'c', approvedBy: null, mode: 'execute', outcome: 'sent', device: { ...dev, name: 'lt-007.contoso.local', machineId: 'b'.repeat(40) }, request: null, response: { status: 201, actionId: 'id-2', actionStatus: 'Pending', error: null } }, new Date('2026-11-26T12:00:00Z'));
  const all = actionsTaken(f);
  assert.deepEqual(all.map((a) => [a.action, a.actionId, a.status]), [['isolate', 'id-1', 'Succeeded'], ['av-scan', 'id-2', 'Pending']]);
  assert.deepEqual(actionsTaken(f, { device: 'ws-042' }).map((a) => a.actionId), ['id-1']);
  assert.deepEqual(actionsTaken(f, { from: new Date('2026-11-26T00:00:00Z') }).map((a) => a.actionId), ['id-2']);
  assert.equal(actionsTaken(f, { includeDryRuns: true }).length, 3);
  assert.equal(readAudit(f).length, 4);
});
