/** Correlation windows: findings of one device and account within the window form one incident. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { correlateFindings } from '../../src/correlate/correlate.js';
import { finding } from './helpers.js';

const H = 3_600_000;

test('findings closer than the window join one incident; a larger gap opens a new one', () => {
  const a = finding({ timestamp: '2026-01-01T10:00:00Z' });
  const b = finding({ timestamp: '2026-01-01T11:30:00Z' });
  const c = finding({ timestamp: '2026-01-01T13:00:00Z' }); // 1.5 h after b: chained
  const d = finding({ timestamp: '2026-01-01T20:00:00Z' }); // 7 h after c
  const groups = correlateFindings([d, c, b, a], { windowMs: 2 * H });
  assert.equal(groups.length, 2);
  assert.deepEqual(groups.map((g) => g.findings.map((f) => f.id)), [[a.id, b.id, c.id], [d.id]]);
  assert.equal(groups[0]!.firstSeen, '2026-01-01T10:00:00Z');
  assert.equal(groups[0]!.lastSeen, '2026-01-01T13:00:00Z');
  // A smaller window splits the chain.
  assert.equal(correlateFindings([a, b, c, d], { windowMs: H }).length, 4);
  // A window as wide as the day merges everything.
  assert.equal(correlateFindings([a, b, c, d], { windowMs: 24 * H }).length, 1);
});

test('different devices or accounts never share an incident; account names are compared case- and domain-insensitively', () => {
  const t = '2026-01-01T10:00:00Z';
  const groups = correlateFindings([
    finding({ timestamp: t, account: 'alice' }),
    finding({ timestamp: t, account: 'CONTOSO\\Alice' }),
    finding({ timestamp: t, account: 'bob' }),
    finding({ timestamp: t, account: 'alice', deviceId: 'dev-2', deviceName: 'ws-2' }),
  ], { windowMs: H });
  assert.deepEqual(groups.map((g) => `${g.deviceId}/${g.account}/${g.findings.length}`).sort(), ['dev-1/alice/2', 'dev-1/bob/1', 'dev-2/alice/1']);
});

test('a system-account finding joins the incident of its device in reach, else stands alone', () => {
  const user = finding({ timestamp: '2026-01-01T10:00:00Z', account: 'alice' });
  const near = finding({ timestamp: '2026-01-01T10:30:00Z', account: 'system' });
  const far = finding({ timestamp: '2026-01-01T18:00:00Z', account: '' });
  const groups = correlateFindings([user, near, far], { windowMs: H });
  assert.equal(groups.length, 2);
  const alice = groups.find((g) => g.account === 'alice')!;
  assert.deepEqual(alice.findings.map((f) => f.id), [user.id, near.id]);
  assert.equal(alice.lastSeen, '2026-01-01T10:30:00Z');
  assert.deepEqual(groups.find((g) => g.account === '')!.findings.map((f) => f.id), [far.id]);
});
