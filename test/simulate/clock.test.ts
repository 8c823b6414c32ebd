/** Time zones, day plans and the seeded PRNG (pure functions, no DuckDB). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { activityWeight, localDayOfWeek, localMidnights, planDay, tzOffsetMinutes } from '../../src/simulate/clock/activity-shape.js';
import { pipTimes } from '../../src/simulate/scenarios/pip-exfil.js';
import { Rng } from '../../src/simulate/prng.js';

const us = (iso: string) => Date.parse(iso) * 1000;

test('time-zone offsets and local midnights, DST-aware', () => {
  assert.equal(tzOffsetMinutes('UTC', Date.parse('2026-11-24T12:00:00Z')), 0);
  assert.equal(tzOffsetMinutes('America/New_York', Date.parse('2026-11-24T12:00:00Z')), -300);
  assert.equal(tzOffsetMinutes('America/New_York', Date.parse('2026-07-01T12:00:00Z')), -240);
  assert.equal(tzOffsetMinutes('Asia/Kolkata', Date.parse('2026-11-24T12:00:00Z')), 330);
  const m = localMidnights('America/New_York', us('2026-11-22T12:00:00Z'), us('2026-11-25T12:00:00Z'));
  assert.deepEqual(m.map((x) => new Date(x / 1000).toISOString()), ['2026-11-22T05:00:00.000Z', '2026-11-23T05:00:00.000Z', '2026-11-24T05:00:00.000Z', '2026-11-25T05:00:00.000Z']);
  assert.equal(localDayOfWeek(m[0]!, 'America/New_York'), 0);
});

test('the PIP evening is 22:27 local the day before 09:00 local on the PIP morning', () => {
  const utc = pipTimes('UTC', us('2026-11-25T12:00:00Z'));
  assert.equal(new Date(utc.accessUs / 1000).toISOString(), '2026-11-24T22:27:00.000Z');
  assert.equal(new Date(utc.pipUs / 1000).toISOString(), '2026-11-25T09:00:00.000Z');
  const ny = pipTimes('America/New_York', us('2026-11-25T12:00:00Z'));
  assert.equal(new Date(ny.accessUs / 1000).toISOString(), '2026-11-24T03:27:00.000Z');
  const early = pipTimes('UTC', us('2026-11-25T08:00:00Z'));
  assert.equal(new Date(early.pipUs / 1000).toISOString(), '2026-11-24T09:00:00.000Z');
});

test('day plans: weekdays 07:00–21:00 with a lunch dip, weekends mostly off', () => {
  const rng = new Rng('plans');
  let weekendSessions = 0;
  for (let i = 0; i < 500; i++) {
    const p = planDay(rng, 'office', 2);
    if (p.start < p.end) {
      assert.ok(p.start >= 7 * 60 && p.end <= 21 * 60);
      assert.equal(activityWeight(p, p.lunchStart), 0.25);
      assert.equal(activityWeight(p, p.start - 1), 0);
    }
    if (planDay(rng, 'office', 6).end > 0) weekendSessions++;
  }
  assert.ok(weekendSessions < 60);
});

test('PRNG: same label same stream, forks independent', () => {
  const a = new Rng('x');
  const b = new Rng('x');
  const sa = Array.from({ length: 5 }, () => a.next());
  assert.deepEqual(sa, Array.from({ length: 5 }, () => b.next()));
  assert.notDeepEqual(new Rng('x').fork(1).next(), new Rng('x').fork(2).next());
  for (const v of sa) assert.ok(v >= 0 && v < 1);
});
