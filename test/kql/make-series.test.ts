/**
 * make-series: bins start, start+step, … below `end` (exclusive), rows outside dropped, absent
 * bins take the default, one row per by-group, kind=nonempty on empty input, and refusals.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { getEngine, rows, run } from './helpers.js';

after(async () => (await getEngine()).close());

const DATA = `datatable(t:datetime, k:string, v:long)[
  datetime(2020-01-01 05:00), "a", 1, datetime(2020-01-01 06:00), "a", 2, datetime(2020-01-03), "a", 4,
  datetime(2020-01-02), "b", 10, datetime(2019-12-31), "b", 99, datetime(2020-01-04 00:00), "b", 50]`;

describe('make-series', () => {
  it('by groups, sum with default, count * 2, axis array; end is exclusive', async () => {
    const r = await run(`${DATA} | make-series s=sum(v) default=-1, c2=count()*2 on t from datetime(2020-01-01) to datetime(2020-01-04) step 1d by k | order by k asc`);
    assert.deepEqual(r.columns.map((c) => c.name), ['k', 's', 'c2', 't']);
    const days = ['2020-01-01T00:00:00.0000000Z', '2020-01-02T00:00:00.0000000Z', '2020-01-03T00:00:00.0000000Z'];
    assert.deepEqual(r.rows, [
      ['a', [3, -1, 4], [4, 0, 2], days],
      ['b', [-1, 10, -1], [0, 2, 0], days],
    ]);
  });

  it('a partial last bin counts (ceil) and the default default is 0', async () => {
    const r = await rows(`${DATA} | where k == "a" | make-series avg(v) on t from datetime(2020-01-01) to datetime(2020-01-03 12:00) step 1d`);
    assert.deepEqual(r[0]![0], [1.5, 0, 4]);
  });

  it('empty input: no rows, or one row of defaults with kind=nonempty', async () => {
    assert.deepEqual(await rows(`${DATA} | take 0 | make-series count() on t from datetime(2020-01-01) to datetime(2020-01-03) step 1d | count`), [[0]]);
    const r = await rows(`${DATA} | take 0 | make-series kind=nonempty count() default=7 on t from datetime(2020-01-01) to datetime(2020-01-03) step 1d`);
    assert.deepEqual(r[0]![0], [7, 7]);
  });

  it('refuses the in range() form and bounds taken from the data', async () => {
    await assert.rejects(run(`${DATA} | make-series count() on t in range(datetime(2020-01-01), datetime(2020-01-03), 1d)`), /not supported: make-series … in range/);
    await assert.rejects(run(`${DATA} | make-series count() on t step 1d`), /not supported: make-series without from\/to/);
  });
});
