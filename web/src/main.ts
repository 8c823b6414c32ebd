/**
 * The Harrier console: routes (#/hunting, #/incidents[/ID], #/timeline?device=…, #/report?incident=…)
 * over four pages that stay alive between visits, so the editor keeps its text and results.
 */
import './styles.css';
import { api } from './api.js';
import type { HuntAnswer } from './contract.js';
import { h, setStatus } from './dom.js';
import { huntingPage, type HuntingPage } from './hunting-page.js';
import { incidentsPage } from './incidents-page.js';
import { timelinePage } from './timeline-page.js';
import { reportPage } from './report-page.js';

const pagesHost = document.getElementById('pages')!;
let hunt: Promise<HuntAnswer> | undefined;
const huntAnswer = () => (hunt ??= api.incidents());

const go = (hash: string) => { location.hash = hash; };
const links = {
  openQuery: (query: string) => { pendingQuery = query; go('#/hunting'); },
  openTimeline: (device: string, from?: string, to?: string) => go(`#/timeline?${new URLSearchParams({ device, ...(from ? { from } : {}), ...(to ? { to } : {}) })}`),
  openReport: (incident: string) => go(`#/report?${new URLSearchParams({ incident })}`),
};
let pendingQuery: string | undefined;

const incidents = incidentsPage(links, huntAnswer);
const timeline = timelinePage();
const report = reportPage(async () => (await huntAnswer()).incidents);
let hunting: HuntingPage | undefined;
const huntingPlaceholder = h('section', { class: 'page', 'data-page': 'hunting' }, h('p', { class: 'muted' }, 'Loading the editor…'));
pagesHost.append(huntingPlaceholder, incidents.element, timeline.element, report.element);

async function route(): Promise<void> {
  const [path = '', query = ''] = (location.hash.replace(/^#/, '') || '/hunting').split('?');
  const params = new URLSearchParams(query);
  const [, page = 'hunting', id] = path.split('/');
  for (const el of pagesHost.children) (el as HTMLElement).hidden = (el as HTMLElement).dataset['page'] !== page;
  for (const a of document.querySelectorAll<HTMLAnchorElement>('#nav a')) a.classList.toggle('active', a.dataset['page'] === page);
  try {
    switch (page) {
      case 'hunting':
        hunting?.shown();
        if (pendingQuery !== undefined && hunting) { hunting.open(pendingQuery); pendingQuery = undefined; }
        break;
      case 'incidents': await incidents.load(id); break;
      case 'timeline': timeline.shown(); await timeline.load(params.get('device') ?? undefined, params.get('from') ?? undefined, params.get('to') ?? undefined); break;
      case 'report': await report.load(params.get('incident') ?? undefined); break;
      default: go('#/hunting');
    }
  } catch (err) {
    setStatus((err as Error).message, 'error');
  }
}

window.addEventListener('hashchange', () => void route());
void route();

// The editor needs the schema first; the other pages do not wait for it.
void (async () => {
  try {
    const about = await api.info();
    const store = document.getElementById('store')!;
    store.textContent = `${about.store} · now ${about.now ? `${about.now.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC')} (pinned)` : 'wall clock'}`;
    store.title = `Harrier ${about.harrier}; ago() and now() use ${about.now ? `the pinned time ${about.now}` : 'the wall clock'}; at most ${about.maxRows.toLocaleString('en-US')} rows and ${about.queryTimeoutMs / 1000} s per query`;
    const { tables } = await api.schema();
    hunting = await huntingPage(tables);
    huntingPlaceholder.replaceWith(hunting.element);
    await route();
    document.body.dataset['ready'] = 'true';
  } catch (err) {
    setStatus(`The console could not start: ${(err as Error).message}`, 'error');
  }
})();
