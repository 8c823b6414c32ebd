/**
 * The incident's timeline chart as inline SVG (no script, no external resource): one lane per
 * rule that fired, a tick for each evidence event and a marker for each finding, coloured by
 * severity, on a UTC time axis. Every label goes through escapeHtml.
 */
import { escapeHtml } from './escape-html.js';
import type { ChartEvent } from './model.js';

export const SEVERITY_COLOURS: Readonly<Record<string, string>> = {
  informational: '#6b7280', low: '#2563eb', medium: '#d97706', high: '#dc2626', critical: '#7f1d1d',
};

const WIDTH = 1000;
const LABEL = 300;
const LANE = 30;
const TOP = 24;
const AXIS = 40;

function tickStep(spanMs: number): number {
  const steps = [60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 21_600_000, 43_200_000, 86_400_000];
  return steps.find((s) => spanMs / s <= 10) ?? 86_400_000 * Math.ceil(spanMs / 86_400_000 / 10);
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function renderTimelineChart(events: readonly ChartEvent[], title = 'Incident timeline'): string {
  const lanes: string[] = [];
  for (const e of [...events].sort((a, b) => a.t - b.t)) if (!lanes.includes(e.lane)) lanes.push(e.lane);
  const height = TOP + Math.max(lanes.length, 1) * LANE + AXIS;
  const open = `<svg id="timeline-chart" class="timeline-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="100%" role="img" aria-label="${escapeHtml(title)}">`;
  if (events.length === 0) {
    return `${open}<title>${escapeHtml(title)}</title><text x="${WIDTH / 2}" y="${height / 2}" text-anchor="middle" class="empty">No events to chart</text></svg>`;
  }
  const t0raw = Math.min(...events.map((e) => e.t));
  const t1raw = Math.max(...events.map((e) => e.t));
  const pad = Math.max((t1raw - t0raw) * 0.03, 30_000);
  const t0 = t0raw - pad;
  const t1 = t1raw + pad;
  const x = (t: number) => LABEL + ((t - t0) / (t1 - t0)) * (WIDTH - LABEL - 20);
  const parts: string[] = [open, `<title>${escapeHtml(title)}</title>`];
  lanes.forEach((lane, i) => {
    const y = TOP + i * LANE;
    parts.push(`<rect x="0" y="${y}" width="${WIDTH}" height="${LANE}" class="lane${i % 2 ? ' odd' : ''}"/>`);
    parts.push(`<text x="8" y="${y + LANE / 2 + 4}" class="lane-label">${escapeHtml(clip(lane, 44))}</text>`);
  });
  const axisY = TOP + lanes.length * LANE;
  parts.push(`<line x1="${LABEL}" y1="${axisY}" x2="${WIDTH - 20}" y2="${axisY}" class="axis"/>`);
  const step = tickStep(t1 - t0);
  for (let t = Math.ceil(t0 / step) * step; t <= t1; t += step) {
    const d = new Date(t).toISOString();
    const label = step >= 86_400_000 ? d.slice(0, 10) : d.slice(11, 16);
    parts.push(`<line x1="${x(t).toFixed(1)}" y1="${TOP}" x2="${x(t).toFixed(1)}" y2="${axisY + 5}" class="grid"/>`);
    parts.push(`<text x="${x(t).toFixed(1)}" y="${axisY + 18}" text-anchor="middle" class="tick">${escapeHtml(label)}</text>`);
  }
  parts.push(`<text x="${WIDTH - 20}" y="${axisY + 34}" text-anchor="end" class="tick">UTC, ${escapeHtml(new Date(t0raw).toISOString().slice(0, 10))}</text>`);
  for (const e of events.filter((ev) => ev.kind === 'evidence')) {
    const y = TOP + lanes.indexOf(e.lane) * LANE;
    parts.push(`<line x1="${x(e.t).toFixed(1)}" y1="${y + 7}" x2="${x(e.t).toFixed(1)}" y2="${y + LANE - 7}" stroke="${SEVERITY_COLOURS[e.severity] ?? '#374151'}" class="evidence"><title>${escapeHtml(e.label)}</title></line>`);
  }
  for (const e of events.filter((ev) => ev.kind === 'finding')) {
    const y = TOP + lanes.indexOf(e.lane) * LANE + LANE / 2;
    const cx = x(e.t);
    parts.push(`<path d="M ${cx.toFixed(1)} ${y - 8} L ${(cx + 8).toFixed(1)} ${y} L ${cx.toFixed(1)} ${y + 8} L ${(cx - 8).toFixed(1)} ${y} Z" fill="${SEVERITY_COLOURS[e.severity] ?? '#374151'}" class="finding"><title>${escapeHtml(e.label)}</title></path>`);
  }
  parts.push('</svg>');
  return parts.join('');
}
