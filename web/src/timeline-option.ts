/**
 * A device timeline as an ECharts option: time on x (zoomable: wheel/drag inside, slider below),
 * one lane per Device* table, each event a point; events cited by findings drawn larger, in red,
 * in their own series so they can be told apart and toggled. Pure (no DOM), tested in Node.
 */
import type { TimelineEvent } from './contract.js';

export interface TimelinePoint { readonly value: [number, string]; readonly index: number }

export function timelineOption(events: readonly TimelineEvent[]): Record<string, unknown> {
  const lanes = [...new Set(events.map((e) => e.table))].sort();
  const plain: TimelinePoint[] = [];
  const flagged: TimelinePoint[] = [];
  events.forEach((e, index) => {
    const point = { value: [Date.parse(e.timestamp), e.table] as [number, string], index };
    (e.findings?.length ? flagged : plain).push(point);
  });
  return {
    animation: false,
    grid: { left: 20, right: 30, top: 30, bottom: 70, containLabel: true },
    legend: { top: 0, data: ['Events', 'Cited by findings'] },
    tooltip: { trigger: 'item' },
    xAxis: { type: 'time' },
    yAxis: { type: 'category', data: lanes },
    dataZoom: [{ type: 'inside', filterMode: 'filter' }, { type: 'slider', filterMode: 'filter', bottom: 15 }],
    series: [
      { name: 'Events', type: 'scatter', symbolSize: 6, itemStyle: { color: '#5b8db8', opacity: 0.6 }, data: plain, large: plain.length > 5000 },
      { name: 'Cited by findings', type: 'scatter', symbol: 'diamond', symbolSize: 13, itemStyle: { color: '#c62828' }, data: flagged, z: 3 },
    ],
  };
}
