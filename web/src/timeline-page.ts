/**
 * Device timeline: one device's events from every Device* table on a zoomable time axis, the
 * events findings cite flagged; a click shows the event's fields and the findings citing it.
 */
import * as echarts from 'echarts';
import { api } from './api.js';
import type { TimelineAnswer, TimelineEvent } from './contract.js';
import { clear, h, setStatus } from './dom.js';
import { jsonTree } from './json-tree.js';
import { timelineOption, type TimelinePoint } from './timeline-option.js';

const when = (iso: string) => iso.replace('T', ' ').replace(/Z$/, ' UTC');

export function timelinePage(): { element: HTMLElement; load(device?: string, from?: string, to?: string): Promise<void>; shown(): void } {
  const device = h('input', { type: 'text', placeholder: 'ws-1009 or a DeviceId', list: 'timeline-devices', 'aria-label': 'Device', required: true });
  const devices = h('datalist', { id: 'timeline-devices' });
  const from = h('input', { type: 'text', placeholder: 'from (ISO, optional)', 'aria-label': 'From', size: 24 });
  const to = h('input', { type: 'text', placeholder: 'to (ISO, optional)', 'aria-label': 'To', size: 24 });
  const load = h('button', { class: 'primary', type: 'submit' }, 'Load');
  const summary = h('span', { class: 'summary', 'data-testid': 'timeline-summary' });
  const chartHost = h('div', { class: 'timeline-chart', 'data-testid': 'timeline-chart' });
  const details = h('div', { class: 'timeline-details', 'data-testid': 'timeline-details' }, h('p', { class: 'muted' }, 'Click an event to see its fields.'));
  const flaggedList = h('ol', { class: 'flagged-list' });
  const form = h('form', { class: 'toolbar' }, device, devices, from, to, load, summary);
  const element = h('section', { class: 'page timeline', 'data-page': 'timeline' }, form, chartHost,
    h('div', { class: 'timeline-bottom' }, h('div', {}, h('h3', {}, 'Events cited by findings'), flaggedList), details));
  let chart: echarts.ECharts | undefined;
  let shown: TimelineAnswer | undefined;
  let devicesListed = false;

  const showEvent = (e: TimelineEvent) => {
    clear(details);
    details.append(h('h3', {}, `${when(e.timestamp)} · ${e.table} · ${e.actionType}`), h('p', {}, e.message),
      ...(e.findings ?? []).map((f) => h('p', { class: 'finding-flag' }, `⚑ ${f.title} (${f.techniques.join(', ')})`)),
      jsonTree(e.fields));
  };

  const fetchAndDraw = async () => {
    const name = device.value.trim();
    if (!name) { setStatus('Name a device', 'error'); return; }
    summary.textContent = 'Loading…';
    try {
      shown = await api.timeline(name, from.value.trim(), to.value.trim());
    } catch (err) {
      summary.textContent = '';
      setStatus(`Timeline: ${(err as Error).message}`, 'error');
      return;
    }
    const flagged = shown.events.filter((e) => e.findings?.length);
    summary.textContent = `${shown.devices.join(', ')}: ${shown.events.length.toLocaleString('en-US')} event(s)${shown.truncated ? ' (first 10,000 only: narrow the window)' : ''}, ${flagged.length} cited by findings`;
    chart ??= echarts.init(chartHost);
    chart.setOption(timelineOption(shown.events), { notMerge: true });
    chart.off('click');
    chart.on('click', (p) => { const e = shown?.events[(p.data as TimelinePoint).index]; if (e) showEvent(e); });
    clear(flaggedList);
    flaggedList.append(...flagged.map((e) => h('li', {}, h('button', { class: 'link', onclick: () => showEvent(e) }, `${when(e.timestamp)} ${e.message}`))));
    setStatus('');
  };
  form.addEventListener('submit', (ev) => { ev.preventDefault(); location.hash = `#/timeline?${new URLSearchParams({ device: device.value.trim(), ...(from.value.trim() ? { from: from.value.trim() } : {}), ...(to.value.trim() ? { to: to.value.trim() } : {}) })}`; });

  return {
    element,
    load: async (d, f, t) => {
      if (!devicesListed) {
        devicesListed = true;
        api.query('DeviceInfo | summarize by DeviceName | order by DeviceName asc', 10_000, new AbortController().signal)
          .then((r) => devices.append(...r.rows.map((row) => h('option', { value: String(row[0]) }))), () => undefined);
      }
      if (d === undefined) return;
      device.value = d; from.value = f ?? ''; to.value = t ?? '';
      await fetchAndDraw();
    },
    shown: () => chart?.resize(),
  };
}
