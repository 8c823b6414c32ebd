/**
 * Kusto datetimes have 100 ns ticks; DuckDB's TIMESTAMP has microseconds. The tick below the
 * microsecond is kept where Kusto's documented results show it: 7-digit literals, endof*() (one tick
 * before the boundary), datetime_diff('nanosecond'), datetime_add over those values, and output.
 * Expected values are the documentation's (endofday/endofweek/datetime_diff pages).
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { getEngine, rows } from './helpers.js';

after(async () => (await getEngine()).close());

describe('100 ns datetime ticks', () => {
  it('7-digit literals keep their tick in print, datatable and dynamic literals', async () => {
    assert.deepEqual(await rows(`print a = datetime(2017-10-30 23:00:00.0000007), b = dynamic([datetime(2017-10-30 23:00:00.0000007)])`),
      [['2017-10-30T23:00:00.0000007Z', ['2017-10-30T23:00:00.0000007Z']]]);
    assert.deepEqual(await rows(`datatable(t:datetime)[datetime(2017-10-30 23:00:00.0000007), datetime(2017-10-30)] | order by t asc`),
      [['2017-10-30T00:00:00Z'], ['2017-10-30T23:00:00.0000007Z']]);
  });

  it('endofday/week/month/year are one tick before the next boundary', async () => {
    assert.deepEqual(await rows(`print endofday(datetime(2017-01-01 10:10:17)), endofweek(datetime(2017-01-01 10:10:17)), endofmonth(datetime(2017-01-01 10:10:17), 1), endofyear(datetime(2017-01-01 10:10:17), -1)`),
      [['2017-01-01T23:59:59.9999999Z', '2017-01-07T23:59:59.9999999Z', '2017-02-28T23:59:59.9999999Z', '2016-12-31T23:59:59.9999999Z']]);
  });

  it('datetime_diff in nanoseconds counts ticks; datetime_add keeps the tick', async () => {
    assert.deepEqual(await rows(`print datetime_diff('nanosecond', datetime(2017-10-30 23:00:00.0000000), datetime(2017-10-30 23:00:00.0000007)),
      datetime_diff('microsecond', datetime(2017-10-30 23:00:00.1009001), datetime(2017-10-30 23:00:00.1008009))`), [[-700, 100]]);
    assert.deepEqual(await rows(`print datetime_add('day', 8, endofweek(datetime(2025-06-06)))`), [['2025-06-15T23:59:59.9999999Z']]);
  });

  it('tick values compare, sort and group with microsecond columns', async () => {
    const t = `range i from 0 to 3 step 1 | extend ts = datetime(2024-01-01) + i * 12h`;
    // endofday() is later than 23:59:59.999999 of the same day and earlier than the next midnight.
    assert.deepEqual(await rows(`${t} | where ts <= endofday(datetime(2024-01-01)) | count`), [[2]]);
    assert.deepEqual(await rows(`print endofday(datetime(2024-01-01)) > datetime(2024-01-01 23:59:59.999999), endofday(datetime(2024-01-01)) < datetime(2024-01-02)`), [[true, true]]);
    assert.deepEqual(await rows(`${t} | summarize n = count() by d = endofday(ts) | order by d asc`),
      [['2024-01-01T23:59:59.9999999Z', 2], ['2024-01-02T23:59:59.9999999Z', 2]]);
    assert.deepEqual(await rows(`union (print t = datetime(2024-01-01)), (print t = endofday(datetime(2024-01-01))) | order by t asc`),
      [['2024-01-01T00:00:00Z'], ['2024-01-01T23:59:59.9999999Z']]);
  });
});
