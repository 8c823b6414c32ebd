/**
 * Renders the document tree as one self-contained, print-friendly HTML page: inline CSS (with
 * @media print), the timeline chart as inline SVG, no script and no external resource, and a
 * Content-Security-Policy that forbids both. Every piece of data goes through escapeHtml.
 */
import type { Block, Inline, Inlines } from './doc.js';
import { escapeHtml } from './escape-html.js';

const CSS = `
:root { color-scheme: light; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #111827; margin: 0 auto; max-width: 1100px; padding: 24px 32px 64px; }
h1 { font-size: 26px; border-bottom: 3px solid #111827; padding-bottom: 6px; }
h2 { font-size: 21px; margin-top: 36px; border-bottom: 1px solid #d1d5db; padding-bottom: 4px; }
h3 { font-size: 17px; margin-top: 24px; }
h4 { font-size: 15px; margin: 18px 0 6px; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; font-size: 13px; }
th, td { border: 1px solid #d1d5db; padding: 4px 6px; text-align: left; vertical-align: top; overflow-wrap: break-word; }
th { background: #f3f4f6; }
code { font: 12.5px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: #f3f4f6; padding: 0 3px; border-radius: 3px; overflow-wrap: anywhere; }
pre { background: #f9fafb; border: 1px solid #e5e7eb; padding: 10px; overflow-x: auto; white-space: pre-wrap; overflow-wrap: anywhere; }
pre code { background: none; padding: 0; }
aside.callout { border-left: 4px solid #2563eb; background: #eff6ff; padding: 8px 12px; margin: 10px 0; }
aside.callout.tip { border-color: #059669; background: #ecfdf5; }
aside.callout.warning { border-color: #d97706; background: #fffbeb; }
aside.callout.important { border-color: #7c3aed; background: #f5f3ff; }
figure { margin: 12px 0 20px; }
figcaption { font-size: 12px; color: #4b5563; }
.timeline-chart { border: 1px solid #e5e7eb; background: #fff; }
.timeline-chart .lane { fill: #ffffff; }
.timeline-chart .lane.odd { fill: #f9fafb; }
.timeline-chart .lane-label { font: 12px system-ui, sans-serif; fill: #111827; }
.timeline-chart .axis { stroke: #374151; stroke-width: 1; }
.timeline-chart .grid { stroke: #e5e7eb; stroke-width: 1; }
.timeline-chart .tick, .timeline-chart .empty { font: 11px system-ui, sans-serif; fill: #4b5563; }
.timeline-chart .evidence { stroke-width: 1.5; opacity: 0.55; }
.timeline-chart .finding { stroke: #111827; stroke-width: 1; }
.legend span { display: inline-block; margin-right: 14px; font-size: 12px; }
.legend i { display: inline-block; width: 10px; height: 10px; margin-right: 4px; vertical-align: middle; }
footer { margin-top: 40px; font-size: 12px; color: #6b7280; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  h2 { break-before: auto; break-after: avoid; }
  h3, h4 { break-after: avoid; }
  table, pre, figure, aside { break-inside: avoid; }
  pre { white-space: pre-wrap; }
  a { color: inherit; text-decoration: none; }
  @page { margin: 15mm; }
}
`;

function inline(x: Inline): string {
  if (typeof x === 'string') return escapeHtml(x);
  if ('code' in x) return `<code>${escapeHtml(x.code)}</code>`;
  if ('strong' in x) return `<strong>${escapeHtml(x.strong)}</strong>`;
  return /^https:\/\/[^\s"'<>]+$/.test(x.href) ? `<a href="${escapeHtml(x.href)}">${escapeHtml(x.link)}</a>` : escapeHtml(x.link);
}

const inlines = (xs: Inlines) => xs.map(inline).join('');

export interface HtmlOptions {
  readonly title: string;
  /** The chart's inline SVG (from renderTimelineChart), placed where the document has a chart block. */
  readonly chartSvg: string;
  readonly legend?: readonly (readonly [string, string])[];
}

export function renderHtml(blocks: readonly Block[], options: HtmlOptions): string {
  const body: string[] = [];
  for (const b of blocks) {
    switch (b.kind) {
      case 'heading': body.push(`<h${b.level}${b.id ? ` id="${escapeHtml(b.id)}"` : ''}>${escapeHtml(b.text)}</h${b.level}>`); break;
      case 'paragraph': body.push(`<p>${inlines(b.content)}</p>`); break;
      case 'list': body.push(`<ul>${b.items.map((i) => `<li>${inlines(i)}</li>`).join('')}</ul>`); break;
      case 'table':
        body.push(`<table${b.className ? ` class="${escapeHtml(b.className)}"` : ''}><thead><tr>${b.headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${
          b.rows.map((r) => `<tr>${r.map((c) => `<td>${inlines(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`);
        break;
      case 'code': body.push(`<pre><code class="language-${escapeHtml(b.lang)}">${escapeHtml(b.text.trimEnd())}</code></pre>`); break;
      case 'callout': body.push(`<aside class="callout ${b.type.toLowerCase()}"><strong>${escapeHtml(b.title)}</strong> ${inlines(b.content)}</aside>`); break;
      case 'chart': {
        const legend = (options.legend ?? []).map(([label, colour]) => `<span><i style="background:${/^#[0-9a-f]{6}$/i.test(colour) ? colour : '#000000'}"></i>${escapeHtml(label)}</span>`).join('');
        body.push(`<figure id="timeline">${options.chartSvg}<figcaption>Each lane is a hunt that fired; ticks are the events behind it, diamonds the findings (hover for details). <span class="legend">${legend}</span></figcaption></figure>`);
        break;
      }
    }
  }
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)}</title>
<style>${CSS}</style>
</head>
<body>
${body.join('\n')}
<footer>Generated by Harrier. Self-contained: no scripts, no external resources.</footer>
</body>
</html>
`;
}
