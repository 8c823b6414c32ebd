/**
 * scan: Kusto's documented matching logic (steps checked from last to first; check 1 promotes the
 * previous step's state, check 2 continues the step's own sequence), declared defaults, match ids,
 * output=none, per-partition restarts, and the constructs refused instead of guessed.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { getEngine, rows, run } from './helpers.js';

after(async () => (await getEngine()).close());

const EVENTS = `datatable (Ts: timespan, Event: string) [0m, "A", 1m, "Start", 2m, "B", 3m, "D", 4m, "Stop", 6m, "C", 8m, "Start", 11m, "E", 12m, "Stop", 13m, "Stop", 20m, "Stop"]`;

describe('scan', () => {
  it('declared default feeds the first row; reset condition reads the step state', async () => {
    const q = `range x from 1 to 6 step 1 | scan declare (c:long=100) with (step s1: true => c = iff(s1.c >= 110, x, x + s1.c);)`;
    assert.deepEqual(await rows(q), [[1, 101], [2, 103], [3, 106], [4, 110], [5, 5], [6, 11]]);
  });

  it('three steps: promotion, repeated matches of the last step, match ids', async () => {
    const q = `${EVENTS} | sort by Ts asc
      | scan with_match_id=m with (
          step s1: Event == "Start";
          step s2: Event != "Start" and Event != "Stop" and Ts - s1.Ts <= 5m;
          step s3: Event == "Stop" and Ts - s1.Ts <= 5m;)
      | project t = Ts / 1m, Event, m`;
    // 13m "Stop" still matches s3 of sequence 1 (check 2: 13m - 8m <= 5m); 20m does not.
    assert.deepEqual(await rows(q), [[1, 'Start', 0], [2, 'B', 0], [3, 'D', 0], [4, 'Stop', 0], [8, 'Start', 1], [11, 'E', 1], [12, 'Stop', 1], [13, 'Stop', 1]]);
  });

  it('output=none step ends a session and the same row starts the next one', async () => {
    const q = `datatable (Ts: timespan)[0m, 10m, 31m, 40m, 70m] | sort by Ts asc
      | scan with_match_id=sid declare (start: timespan) with (
          step run: true => start = iff(isnull(run.start), Ts, run.start);
          step stop output=none: Ts - run.start > 30m;)
      | project t = Ts / 1m, start = start / 1m, sid`;
    assert.deepEqual(await rows(q), [[0, 0, 0], [10, 0, 0], [31, 31, 1], [40, 31, 1], [70, 70, 2]]);
  });

  it('a row matching two steps is output once per step, the later step first', async () => {
    const q = `range x from 1 to 3 step 1 | scan with_match_id=m declare (tag:string) with (step a: true => tag = "a"; step b: a.x >= 1 => tag = strcat("b", a.x);)`;
    assert.deepEqual(await rows(q), [[1, 'a', 0], [2, 'b1', 0], [2, 'a', 1], [3, 'b2', 1], [3, 'a', 2]]);
  });

  it('partition by K (sort | scan) restarts the state per key', async () => {
    const q = `datatable(k:string, t:long, v:long)["a", 1, 1, "b", 1, 10, "a", 2, 2, "b", 2, 20, "a", 3, 3]
      | partition hint.strategy=native by k (sort by t asc | scan declare (s:long=0) with (step s1: true => s = v + s1.s;))
      | order by k asc, t asc | project k, s`;
    assert.deepEqual(await rows(q), [['a', 1], ['a', 3], ['a', 6], ['b', 10], ['b', 30]]);
  });

  it('refuses output=last and unqualified reads of declared columns', async () => {
    await assert.rejects(run(`range x from 1 to 3 step 1 | scan with (step s1 output=last: true;)`), /not supported: scan step output=last/);
    await assert.rejects(run(`range x from 1 to 3 step 1 | scan declare (c:long=0) with (step s1: true => c = c + x;)`), /not supported: unqualified reference to scan column 'c'/);
  });
});
