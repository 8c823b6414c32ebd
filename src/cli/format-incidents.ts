/**
 * Incidents as text for the terminal: a summary table (highest risk first), then each incident's
 * indicators with their weights, so the score can be read off line by line.
 */
import type { Incident } from '../correlate/build.js';
import { describeLink } from '../correlate/links.js';
import { formatTextTable } from './text-table.js';

const short = (s: string | null) => (s ? s.replace('T', ' ').replace(/\.\d+Z$|Z$/, '') : '-');

/** One row per incident: rank, severity, score, devices, accounts, first seen, findings, title. */
export function formatIncidentTable(incidents: readonly Incident[]): string {
  return formatTextTable(
    ['#', 'severity', 'score', 'device', 'account', 'first seen (UTC)', 'findings', 'incident'],
    incidents.map((i, n) => [String(n + 1), i.severity, String(i.riskScore), i.devices.map((d) => d.split('.')[0]).join(' ') || '-',
      i.accounts.join(' ') || '-', short(i.firstSeen), String(i.findings.length), i.title]),
    { alignRight: [0, 2, 6] },
  );
}

/** Each incident's indicators (weight, name, detail) and techniques, for the first `limit` incidents. */
export function formatIncidentDetails(incidents: readonly Incident[], limit = 10): string {
  let out = '';
  incidents.slice(0, limit).forEach((i, n) => {
    out += `\n#${n + 1} ${i.id}  ${i.severity.toUpperCase()} ${i.riskScore}  ${i.title}\n`;
    out += `   ${short(i.firstSeen)} → ${short(i.lastSeen)} UTC; techniques ${i.techniques.join(' ') || '-'}\n`;
    const width = Math.max(...i.indicators.map((x) => String(x.weight).length));
    for (const x of i.indicators) out += `   +${String(x.weight).padStart(width)}  ${x.name}: ${x.detail}\n`;
    if (i.links.length > 0 && !i.indicators.some((x) => x.name.startsWith('sequence'))) {
      for (const l of i.links) out += `   link ${describeLink(l)}\n`;
    }
  });
  if (incidents.length > limit) out += `\n(${incidents.length - limit} more incident(s); --format json lists them all)\n`;
  return out;
}
