/**
 * `render` → chart plans (web/src/chart-option.ts) and the timeline's plan, in Node: Kusto's column
 * roles (x, y, series), x order, what is refused with a reason rather than drawn wrong.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chartOption } from '../../web/src/chart-option.js';
import { timelineOption } from '../../web/src/timeline-option.js';
import type { Column, QueryAnswer, TimelineEvent } from '../../web/src/contract.js';

const timings = { parseMs: 0, translateMs: 0, executeMs: 0, totalMs: 0 };
function answer(columns: [string, string][], rows: unknown[][], visualization?: string, properties: Record<string, string> = {}): QueryAnswer {
  return {
    columns: columns.map(([name, type]) => ({ name, type: type as Column['type'] })), rows: rows as QueryAnswer['rows'], truncated: false, warnings: [], timings,
    ...(visualization ? { render: { visualization, properties } } : {}),
  };
}
type Series = { name: string; type: string; data: unknown[]; stack?: string; areaStyle?: object };
const seriesOf = (o: Record<string, unknown>) => o['series'] as Series[];

describe('chartOption', () => {
  const rows = [
    ['2026-11-24T02:00:00Z', 'ConnectionSuccess', 5],
    ['2026-11-24T00:00:00Z', 'ConnectionSuccess', 3],
    ['2026-11-24T01:00:00Z', 'ConnectionFailed', 7],
    ['2026-11-24T01:00:00Z', 'ConnectionSuccess', 4],
  ];
  const cols: [string, string][] = [['Timestamp', 'datetime'], ['ActionType', 'string'], ['n', 'long']];

  it('timechart: the datetime column is x, strings split the series, points in time order', () => {
    const plan = chartOption(answer(cols, rows, 'timechart'));
    assert.ok(plan.ok);
    const series = seriesOf(plan.option);
    assert.deepEqual(series.map((s) => s.name), ['ConnectionSuccess', 'ConnectionFailed']);
    assert.deepEqual(series[0]!.data, [['2026-11-24T00:00:00Z', 3], ['2026-11-24T01:00:00Z', 4], ['2026-11-24T02:00:00Z', 5]]);
    assert.equal((plan.option['xAxis'] as { type: string }).type, 'time');
  });

  it('honours xcolumn / ycolumns / series and names a column the result lacks', () => {
    const plan = chartOption(answer([['a', 'long'], ['b', 'long'], ['c', 'long']], [[1, 10, 100], [2, 20, 200]], 'linechart', { xcolumn: 'b', ycolumns: 'c' }));
    assert.ok(plan.ok);
    assert.deepEqual(seriesOf(plan.option).map((s) => [s.name, s.data]), [['c', [[10, 100], [20, 200]]]]);
    const bad = chartOption(answer(cols, rows, 'timechart', { ycolumns: 'Nope' }));
    assert.deepEqual(bad, { ok: false, reason: 'render names column(s) the result does not have: Nope' });
  });

  it('columnchart: categories on x, one aligned series per split value', () => {
    const plan = chartOption(answer([['Device', 'string'], ['Action', 'string'], ['n', 'long']], [['a', 'x', 1], ['b', 'x', 2], ['b', 'y', 3]], 'columnchart', { series: 'Action' }));
    assert.ok(plan.ok);
    assert.deepEqual((plan.option['xAxis'] as { data: string[] }).data, ['a', 'b']);
    assert.deepEqual(seriesOf(plan.option).map((s) => [s.name, s.type, s.data]), [['x', 'bar', [1, 2]], ['y', 'bar', [null, 3]]]);
  });

  it('barchart is horizontal, areachart stacks, piechart takes label and value', () => {
    const bar = chartOption(answer([['Device', 'string'], ['n', 'long']], [['a', 1]], 'barchart'));
    assert.ok(bar.ok);
    assert.equal((bar.option['yAxis'] as { type: string }).type, 'category');
    const area = chartOption(answer(cols, rows, 'areachart'));
    assert.ok(area.ok);
    assert.ok(seriesOf(area.option).every((s) => s.stack === 'all' && s.areaStyle));
    const pie = chartOption(answer([['Device', 'string'], ['n', 'long']], [['a', 1], ['b', 2]], 'piechart'));
    assert.ok(pie.ok);
    assert.deepEqual(seriesOf(pie.option)[0]!.data, [{ name: 'a', value: 1 }, { name: 'b', value: 2 }]);
  });

  it('refuses what it does not draw, with the reason', () => {
    assert.equal(chartOption(answer(cols, rows)).ok, false);
    const plan = chartOption(answer(cols, rows, 'ladderchart'));
    assert.ok(!plan.ok && /ladderchart is not drawn/.test(plan.reason));
    const noNumbers = chartOption(answer([['a', 'string']], [['x']], 'columnchart'));
    assert.ok(!noNumbers.ok && /numeric column/.test(noNumbers.reason));
  });
});

describe('timelineOption', () => {
  it('one lane per table; events cited by findings in their own series, keeping their index', () => {
    const ev = (timestamp: string, table: string, flagged: boolean): TimelineEvent => ({
      timestamp, table, actionType: 'x', deviceName: 'd', account: 'a', message: 'm', reportId: 1, fields: {},
      ...(flagged ? { findings: [{ id: 'f', title: 't', techniques: ['T1005'] }] } : {}),
    });
    const o = timelineOption([ev('2026-11-24T22:00:00Z', 'DeviceFileEvents', false), ev('2026-11-24T22:27:00Z', 'DeviceProcessEvents', true)]);
    assert.deepEqual((o['yAxis'] as { data: string[] }).data, ['DeviceFileEvents', 'DeviceProcessEvents']);
    const [plain, flagged] = o['series'] as { data: { value: [number, string]; index: number }[] }[];
    assert.deepEqual(plain!.data, [{ value: [Date.parse('2026-11-24T22:00:00Z'), 'DeviceFileEvents'], index: 0 }]);
    assert.deepEqual(flagged!.data, [{ value: [Date.parse('2026-11-24T22:27:00Z'), 'DeviceProcessEvents'], index: 1 }]);
  });
});
