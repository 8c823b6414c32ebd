/**
 * Incidents: the hunt pack's incidents ordered by risk; for the chosen one its indicators and
 * weights (the explanation of the score), its techniques on the ATT&CK tactic strip, the sequence
 * steps, the findings with links that open their evidence query (or the rule's hunt query) in the
 * editor, recommended response actions, and links to the device timeline and the report.
 */
import { api } from './api.js';
import type { Finding, HuntAnswer, Incident, RulesAnswer } from './contract.js';
import { clear, h, setStatus } from './dom.js';
import { evidenceQuery } from '../../src/correlate/evidence-query.js';

export interface IncidentLinks {
  openQuery(query: string): void;
  openTimeline(device: string, from?: string, to?: string): void;
  openReport(incident: string): void;
}

const when = (iso: string) => iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC');

function tacticStrip(incident: Incident, rules: RulesAnswer): HTMLElement {
  const { tactics, techniques } = rules.attack;
  return h('div', { class: 'tactic-strip', 'data-testid': 'tactic-strip', title: `MITRE ATT&CK Enterprise ${rules.attack.version}` },
    ...tactics.map((t) => {
      const hits = incident.techniques.filter((id) => techniques[id]?.tactics.includes(t.shortname));
      return h('div', { class: `tactic${hits.length ? ' hit' : ''}`, title: `${t.id} ${t.name}` },
        h('div', { class: 'tactic-name' }, t.name),
        ...hits.map((id) => h('div', { class: 'technique', title: techniques[id]?.name ?? '' }, id, h('span', { class: 'technique-name' }, ` ${techniques[id]?.name ?? ''}`))));
    }));
}

function findingRow(f: Finding, rules: RulesAnswer, links: IncidentLinks): HTMLElement {
  const rule = rules.rules.find((r) => r.id === f.rule);
  const tables = rule?.tables ?? [];
  const tenMinutes = 10 * 60_000;
  const t = Date.parse(f.timestamp);
  return h('tr', {},
    h('td', {}, when(f.timestamp)),
    h('td', {}, h('span', { class: `sev sev-${f.severity}` }, f.severity), ' ', f.title),
    h('td', {}, f.techniques.join(' ')),
    h('td', {}, f.deviceName || f.deviceId),
    h('td', {}, f.account),
    h('td', { class: 'num' }, f.reportIds.length),
    h('td', { class: 'actions' },
      h('button', { class: 'link', 'data-testid': 'evidence-link', title: 'Open the query that reads this finding\'s evidence rows', onclick: () => links.openQuery(evidenceQuery(f.deviceId, tables, f.reportIds)) }, 'Evidence'),
      rule ? h('button', { class: 'link', title: 'Open the rule\'s hunt query', onclick: () => links.openQuery(`// ${rule.name}\n${rule.query}`) }, 'Hunt query') : null,
      Number.isFinite(t) ? h('button', { class: 'link', onclick: () => links.openTimeline(f.deviceName || f.deviceId, new Date(t - tenMinutes).toISOString(), new Date(t + tenMinutes * 3).toISOString()) }, 'Timeline') : null));
}

function detail(incident: Incident, hunt: HuntAnswer, rules: RulesAnswer, links: IncidentLinks): HTMLElement {
  const findings = hunt.findings.filter((f) => incident.findings.includes(f.id)).sort((a, b) => a.timestamp.localeCompare(b.timestamp));
  const stageOf = new Map<string, string>();
  for (const s of incident.sequence?.stages ?? []) for (const id of s.findings) stageOf.set(id, s.label);
  const device = incident.devices[0];
  return h('article', { class: 'incident-detail', 'data-testid': 'incident-detail' },
    h('header', {},
      h('h2', {}, h('span', { class: `sev sev-${incident.severity}` }, incident.severity), ' ', incident.title),
      h('div', { class: 'facts' },
        h('span', { class: 'risk' }, `Risk ${incident.riskScore}`),
        `Devices: ${incident.devices.join(', ')} · Accounts: ${incident.accounts.join(', ')} · ${when(incident.firstSeen)} – ${when(incident.lastSeen)}`,
        incident.timeZone ? ` · local time zone ${incident.timeZone}` : ''),
      h('div', { class: 'toolbar' },
        device ? h('button', { onclick: () => links.openTimeline(device, new Date(Date.parse(incident.firstSeen) - 3_600_000).toISOString(), new Date(Date.parse(incident.lastSeen) + 3_600_000).toISOString()) }, 'Device timeline') : null,
        h('button', { onclick: () => links.openReport(incident.id) }, 'Report'))),
    h('h3', {}, 'ATT&CK tactics'), tacticStrip(incident, rules),
    h('h3', {}, 'Why this score'),
    h('table', { class: 'indicators', 'data-testid': 'indicators' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Indicator'), h('th', { class: 'num' }, 'Weight'), h('th', {}, 'Detail'))),
      h('tbody', {}, ...incident.indicators.map((i) => h('tr', {}, h('td', {}, i.name), h('td', { class: 'num' }, `+${i.weight}`), h('td', {}, i.detail)))),
      h('tfoot', {}, h('tr', {}, h('td', {}, 'Risk score'), h('td', { class: 'num' }, incident.riskScore), h('td', {})))),
    incident.sequence && incident.sequence.stages.length ? h('div', {},
      h('h3', {}, `Sequence${incident.sequence.complete ? ' (complete)' : ''}`),
      h('ol', { class: 'sequence', 'data-testid': 'sequence' }, ...incident.sequence.stages.map((s) =>
        h('li', {}, h('strong', {}, s.label), ` ${when(s.start)}${s.end !== s.start ? ` – ${when(s.end)}` : ''}`, s.techniques.length ? ` · ${s.techniques.join(', ')}` : '',
          ` · ${s.findings.length} finding(s)`)))) : null,
    h('h3', {}, 'Findings'),
    h('table', { class: 'findings' },
      h('thead', {}, h('tr', {}, ...['Time', 'Finding', 'Techniques', 'Device', 'Account', 'Events', ''].map((x) => h('th', {}, x)))),
      h('tbody', {}, ...findings.map((f) => {
        const row = findingRow(f, rules, links);
        const stage = stageOf.get(f.id);
        if (stage) row.children[1]!.append(h('span', { class: 'stage' }, stage));
        return row;
      }))),
    incident.recommendedActions?.length ? h('div', {},
      h('h3', {}, 'Recommended response'),
      h('ul', { class: 'actions-list' }, ...incident.recommendedActions.map((a) => h('li', {}, h('strong', {}, a.action), ` on ${a.device}: ${a.reason}`, h('pre', {}, a.command))))) : null);
}

export function incidentsPage(links: IncidentLinks, huntAnswer: () => Promise<HuntAnswer>): { element: HTMLElement; load(selected?: string): Promise<void> } {
  const list = h('ol', { class: 'incident-list', 'data-testid': 'incident-list' });
  const pane = h('div', { class: 'incident-pane' }, h('p', { class: 'muted' }, 'Loading incidents (runs the hunt pack)…'));
  const element = h('section', { class: 'page incidents', 'data-page': 'incidents' }, h('div', { class: 'incident-sidebar' }, h('h2', {}, 'Incidents'), list), pane);
  let data: { hunt: HuntAnswer; rules: RulesAnswer } | undefined;

  const select = (id: string) => {
    if (!data) return;
    const incident = data.hunt.incidents.find((i) => i.id === id);
    for (const li of list.children) li.classList.toggle('selected', (li as HTMLElement).dataset['id'] === id);
    clear(pane);
    pane.append(incident ? detail(incident, data.hunt, data.rules, links) : h('p', {}, `No incident ${id}`));
  };

  return {
    element,
    load: async (selected) => {
      if (!data) {
        setStatus('Running the hunt pack…');
        try {
          const [hunt, rules] = await Promise.all([huntAnswer(), api.rules()]);
          data = { hunt, rules };
          setStatus(hunt.failedRules?.length ? `${hunt.failedRules.length} rule(s) failed: ${hunt.failedRules.map((r) => r.rule).join(', ')}` : '', hunt.failedRules?.length ? 'error' : 'info');
        } catch (err) {
          clear(pane);
          pane.append(h('p', { class: 'error' }, `Could not load incidents: ${(err as Error).message}`));
          setStatus('Incidents failed', 'error');
          return;
        }
        const ordered = [...data.hunt.incidents].sort((a, b) => b.riskScore - a.riskScore || a.id.localeCompare(b.id));
        clear(list);
        for (const i of ordered) {
          list.append(h('li', { 'data-id': i.id, class: 'incident-item', onclick: () => { location.hash = `#/incidents/${i.id}`; } },
            h('div', {}, h('span', { class: `sev sev-${i.severity}` }, i.severity), h('span', { class: 'risk' }, ` ${i.riskScore}`)),
            h('div', { class: 'incident-title' }, i.title),
            h('div', { class: 'muted' }, `${i.accounts.join(', ')} · ${i.devices.join(', ')}`)));
        }
        if (ordered.length === 0) { clear(pane); pane.append(h('p', {}, 'No incidents: the hunt pack found nothing to correlate in this store.')); return; }
        selected ??= ordered[0]!.id;
      }
      select(selected ?? (list.firstElementChild as HTMLElement | null)?.dataset['id'] ?? '');
    },
  };
}
