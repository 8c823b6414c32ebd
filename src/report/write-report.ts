/** Renders the report model to report.md and report.html (same document tree) and writes them to a folder. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildDocument } from './build-doc.js';
import { renderHtml } from './html.js';
import { renderMarkdown } from './markdown.js';
import type { ReportModel } from './model.js';
import { renderTimelineChart, SEVERITY_COLOURS } from './timeline-chart.js';

export interface RenderedReport {
  readonly markdown: string;
  readonly html: string;
}

export function renderReport(model: ReportModel): RenderedReport {
  const blocks = buildDocument(model);
  const chartSvg = renderTimelineChart(model.timeline.chart, model.incident ? `Timeline of ${model.incident.id}: ${model.incident.title}` : 'Timeline');
  return {
    markdown: renderMarkdown(blocks),
    html: renderHtml(blocks, { title: model.title, chartSvg, legend: Object.entries(SEVERITY_COLOURS).map(([k, v]) => [k, v] as const) }),
  };
}

export function writeReport(model: ReportModel, outDir: string): { markdown: string; html: string } {
  mkdirSync(outDir, { recursive: true });
  const r = renderReport(model);
  const md = join(outDir, 'report.md');
  const html = join(outDir, 'report.html');
  writeFileSync(md, r.markdown);
  writeFileSync(html, r.html);
  return { markdown: md, html };
}
