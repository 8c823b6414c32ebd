/**
 * The report of an incident as `harrier report` writes it, shown in a sandboxed frame (no script
 * can run in it) and downloadable as HTML or Markdown.
 */
import { api } from './api.js';
import type { Incident } from './contract.js';
import { clear, h, setStatus } from './dom.js';

function download(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function reportPage(incidents: () => Promise<readonly Incident[]>): { element: HTMLElement; load(incident?: string): Promise<void> } {
  const select = h('select', { 'aria-label': 'Incident' });
  const html = h('button', {}, 'Download HTML');
  const md = h('button', {}, 'Download Markdown');
  const frame = h('iframe', { class: 'report-frame', sandbox: '', title: 'Report', 'data-testid': 'report-frame' });
  const element = h('section', { class: 'page report', 'data-page': 'report' }, h('div', { class: 'toolbar' }, select, html, md), frame);
  let current: { id: string; html: string } | undefined;

  html.addEventListener('click', () => { if (current) download(`harrier-report-${current.id}.html`, 'text/html', current.html); });
  md.addEventListener('click', async () => {
    if (!current) return;
    try { download(`harrier-report-${current.id}.md`, 'text/markdown', await api.report(current.id, 'md')); } catch (err) { setStatus((err as Error).message, 'error'); }
  });
  select.addEventListener('change', () => { location.hash = `#/report?${new URLSearchParams({ incident: select.value })}`; });

  return {
    element,
    load: async (incident) => {
      const list = [...await incidents()].sort((a, b) => b.riskScore - a.riskScore);
      if (list.length === 0) { frame.srcdoc = '<p>No incidents in this store: nothing to report.</p>'; return; }
      const id = incident ?? list[0]!.id;
      clear(select);
      select.append(...list.map((i) => h('option', { value: i.id, ...(i.id === id ? { selected: true } : {}) }, `${i.severity} ${i.riskScore} · ${i.title.slice(0, 90)}`)));
      setStatus('Writing the report…');
      try {
        current = { id, html: await api.report(id, 'html') };
        frame.srcdoc = current.html;
        setStatus('');
      } catch (err) {
        setStatus(`Report: ${(err as Error).message}`, 'error');
      }
    },
  };
}
