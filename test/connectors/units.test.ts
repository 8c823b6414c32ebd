/** Window planner, rate limiter, Retry-After parsing and Graph error classification. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RateLimiter, WindowPlanner, isoInterval, virtualClock, windowQuery } from '../../src/connectors/index.js';
import { classifyGraphError } from '../../src/connectors/graph-hunting.js';
import { retryAfterMs } from '../../src/connectors/http.js';

const H = 3_600_000;

test('the planner splits capped windows, grows after sparse ones and never leaves a gap', () => {
  const p = new WindowPlanner(0, 24 * H, { initialMs: 4 * H, maxMs: 16 * H });
  const stored: [number, number][] = [];
  let w = p.next()!;
  assert.deepEqual(w, { from: 0, to: 4 * H });
  assert.equal(p.split(w), true);
  w = p.next()!;
  assert.deepEqual(w, { from: 0, to: 2 * H });
  p.complete(w, 90, 100); stored.push([w.from, w.to]);   // dense: width kept
  w = p.next()!;
  assert.deepEqual(w, { from: 2 * H, to: 4 * H });
  p.complete(w, 1, 100); stored.push([w.from, w.to]);    // sparse: width doubles
  for (w = p.next()!; w; w = p.next()!) { p.complete(w, 0, 100); stored.push([w.from, w.to]); if (p.done) break; }
  assert.deepEqual(stored.slice(2, 4), [[4 * H, 8 * H], [8 * H, 16 * H]]);
  for (let i = 1; i < stored.length; i++) assert.equal(stored[i]![0], stored[i - 1]![1]);
  assert.equal(stored.at(-1)![1], 24 * H);
  const tiny = new WindowPlanner(0, 1000, { minMs: 1000 });
  assert.equal(tiny.split(tiny.next()!), false);
  assert.equal(isoInterval({ from: 0, to: H }), '1970-01-01T00:00:00.000Z/1970-01-01T01:00:00.000Z');
});

test('the rate limiter allows 45 calls in any minute and waits on the injected clock', async () => {
  const clock = virtualClock(0);
  const rl = new RateLimiter(45, 60_000, clock);
  const at: number[] = [];
  for (let i = 0; i < 100; i++) { await rl.acquire(); at.push(clock.now()); }
  for (let i = 45; i < at.length; i++) assert.ok(at[i]! - at[i - 45]! >= 60_000);
  assert.equal(at[44], 0);
  assert.equal(at[45], 60_000);
  assert.equal(at[99], 120_000);
});

test('Retry-After in seconds or as a date; exponential without', () => {
  assert.equal(retryAfterMs('7', 0, 0), 7000);
  assert.equal(retryAfterMs(new Date(10_000).toUTCString(), 0, 4000), 6000);
  assert.equal(retryAfterMs(null, 2, 0), 4000);
});

test('Graph errors are classified for the collector', () => {
  assert.equal(classifyGraphError(400, 'BadRequest', 'Query execution has exceeded the allowed result size.'), 'too-large');
  assert.equal(classifyGraphError(400, 'BadRequest', 'The query execution was preempted.'), 'preempted');
  assert.equal(classifyGraphError(400, 'BadRequest', 'Query timed out'), 'preempted');
  assert.equal(classifyGraphError(400, 'BadRequest', "Failed to resolve table 'X'"), 'query');
  assert.equal(classifyGraphError(403, 'Forbidden', ''), 'auth');
  assert.equal(classifyGraphError(429, 'TooManyRequests', ''), 'throttled');
});

test('window queries quote device names and filter the half-open window', () => {
  assert.equal(windowQuery('DeviceEvents', { from: 0, to: H }, ['a"b']),
    'DeviceEvents\n| where Timestamp >= datetime(1970-01-01T00:00:00.000Z) and Timestamp < datetime(1970-01-01T01:00:00.000Z)\n| where DeviceName in~ ("a\\"b") or tostring(split(DeviceName, ".")[0]) in~ ("a\\"b")');
});
