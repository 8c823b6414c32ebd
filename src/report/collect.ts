/**
 * Collects the report model from what Harrier actually ran and found: the store's facts (tables,
 * row counts, coverage, source files), the hunt run (every query with its KQL, window and result
 * count), the incidents (the chosen one in full, the others summarised), its evidence rows read
 * back through the engine, the ATT&CK names of its techniques, recommended actions and the
 * executed actions from the audit trail. Nothing here renders; nothing here writes.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { KqlEngine, EncodedValue } from '../engine/contract.js';
import type { HuntRun, LoadedRule } from '../hunts/index.js';
import { renderQuery } from '../hunts/render-query.js';
import { timespanMs } from '../hunts/kql-literal.js';
import type { Incident } from '../correlate/build.js';
import { fetchEvidence, rowTime, tablesOfQuery, type EvidenceRow } from '../correlate/evidence.js';
import { describeEvent, type FieldValue } from '../correlate/timeline.js';
import { entryMatchesAccount, type WatchlistEntry } from '../correlate/watchlist.js';
import { attackTactics, attackVersion, findTactic, findTechnique } from '../attack/attack-data.js';
import { recommendActions } from '../respond/recommend.js';
import { actionsTaken, type ActionTaken } from '../respond/actions-taken.js';
import { MDE_TABLES } from '../schema/index.js';
import { blindSpots } from './blind-spots.js';
import { improvements } from './improvements.js';
import type { StoreFacts } from './store-facts.js';
import type { ChartEvent, EvidenceLine, ReportFinding, ReportIncidentSummary, ReportModel, ReportQuery, ReportTable, ReportTechnique, TimelineEntry } from './model.js';
import { clockUtc, utcText } from './time-format.js';

export class ReportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReportError';
  }
}

export interface CollectReportInput {
  readonly facts: StoreFacts;
  readonly rules: readonly LoadedRule[];
  readonly run: HuntRun;
  readonly incidents: readonly Incident[];
  /** Report on this incident; default the highest-risk one. */
  readonly incidentId?: string;
  /** Reads the evidence rows of the incident's findings. */
  readonly engine: KqlEngine;
  readonly lookback?: string;
  readonly watchlistFiles: readonly string[];
  readonly watchlist: readonly WatchlistEntry[];
  readonly auditFile: string;
  readonly riskModelFile?: string;
  readonly generatedAt?: Date;
  /** Evidence rows listed per finding (default 5). */
  readonly evidencePerFinding?: number;
}

export const SEVERITY_RANK: Readonly<Record<string, number>> = { informational: 0, low: 1, medium: 2, high: 3, critical: 4 };

export function harrierVersion(): string {
  try {
    return String((JSON.parse(readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8')) as { version?: string }).version ?? 'unknown');
  } catch {
    return 'unknown';
  }
}

const iso = (ms: number) => new Date(ms).toISOString();
const plain = (v: EncodedValue | undefined): FieldValue => (v === null || v === undefined ? null : typeof v === 'object' ? JSON.stringify(v) : v);

function evidenceLine(row: EvidenceRow): EvidenceLine {
  const fields: Record<string, FieldValue> = {};
  for (const [k, v] of Object.entries(row.values)) fields[k] = plain(v);
  return {
    time: String(row.values['Timestamp'] ?? ''), table: row.table, actionType: String(row.values['ActionType'] ?? ''),
    description: describeEvent(row.table, fields), reportId: String(row.values['ReportId'] ?? ''),
  };
}

function summary(i: Incident): ReportIncidentSummary {
  return { id: i.id, title: i.title, severity: i.severity, riskScore: i.riskScore, devices: i.devices, accounts: i.accounts, firstSeen: i.firstSeen, lastSeen: i.lastSeen };
}

function tablesNamed(query: string): string[] {
  return [...MDE_TABLES.keys()].filter((t) => new RegExp(`\\b${t}\\b`).test(query));
}

function hypothesis(incident: Incident | undefined, rules: number): string[] {
  const out: string[] = [];
  if (incident) {
    const who = incident.accounts.join(', ') || 'an unknown account';
    const where = incident.devices.join(', ') || 'an unknown device';
    const stages = new Set(incident.sequence.present.map((s) => s.stage));
    const t = incident.techniques;
    if (stages.has('exfiltration') || t.some((x) => /^T(1567|1052|1048|1041)/.test(x))) {
      out.push(`${who} may be collecting sensitive documents on ${where}, staging and archiving them, and exfiltrating them (removable media, personal cloud storage) before leaving the company.`);
    }
    if (t.some((x) => /^T(1046|1018)/.test(x))) {
      out.push(`${where} may be scanning hosts of the internal network (port scan), which would explain network degradation on older devices.`);
    }
    if (out.length === 0) out.push(`The activity of ${who} on ${where} matching ${t.join(', ')} may be malicious.`);
  }
  out.push(`Test: run the ${rules} hunts of the pack over the hunt window, correlate what they find by device and account, and read back the events behind each finding.`);
  return out;
}

export async function collectReport(input: CollectReportInput): Promise<ReportModel> {
  const { run, rules, facts } = input;
  const now = run.now;
  const generatedAt = input.generatedAt ?? new Date();
  const incident = input.incidentId ? input.incidents.find((i) => i.id === input.incidentId) : input.incidents[0];
  if (input.incidentId && !incident) {
    throw new ReportError(`no incident ${input.incidentId} in this hunt run (incidents: ${input.incidents.map((i) => i.id).join(', ') || 'none'})`);
  }
  const lookbackOf = (r: LoadedRule) => input.lookback ?? r.rule.lookback ?? '72h';
  const windowMs = Math.max(...rules.map((r) => timespanMs(lookbackOf(r))), 0) || 72 * 3_600_000;
  const window = { from: iso(now.getTime() - windowMs), to: now.toISOString() };
  const zone = incident?.timeZone ?? 'UTC';

  // Data collection: the tables the queries read, their row counts and coverage of the window.
  const usedBy = new Map<string, string[]>();
  for (const r of rules) for (const t of tablesNamed(r.rule.query)) usedBy.set(t, [...(usedBy.get(t) ?? []), r.rule.name]);
  const tables: ReportTable[] = facts.stats.map((s) => {
    const from = Math.max(Date.parse(window.from), s.firstTimestamp ? Date.parse(s.firstTimestamp) : 0);
    const to = Math.min(Date.parse(window.to), s.lastTimestamp ? Date.parse(s.lastTimestamp) : 0);
    return { table: s.table, rows: s.rows, first: s.firstTimestamp, last: s.lastTimestamp, usedBy: usedBy.get(s.table) ?? [], coveredHours: s.rows > 0 && to > from ? (to - from) / 3_600_000 : 0 };
  });
  const spots = blindSpots(tables, windowMs / 3_600_000);

  // Data analysis: every query as it ran.
  const queries: ReportQuery[] = run.runs.map((r) => {
    const rendered = renderQuery(r.rule, input.lookback ? { lookback: input.lookback } : {});
    return {
      ruleId: r.rule.rule.id, name: r.rule.rule.name, file: r.rule.file, kql: rendered.text.trimEnd(), lookback: rendered.lookback,
      from: iso(now.getTime() - timespanMs(rendered.lookback)), to: now.toISOString(), rows: r.rows, findings: r.findings.length,
      truncated: r.truncated, ms: Math.round(r.ms), error: r.error?.message ?? null,
    };
  });

  // Investigation: the incident's findings with their evidence.
  const ruleTables = new Map(rules.map((r) => [r.rule.id, tablesOfQuery(r.rule.query)]));
  const evidence = incident ? await fetchEvidence(input.engine, incident.findings, ruleTables) : new Map<string, EvidenceRow[]>();
  const stageOfFinding = new Map<string, string>();
  for (const s of incident?.sequence.present ?? []) for (const f of s.findings) stageOfFinding.set(f, s.label);
  const perFinding = input.evidencePerFinding ?? 5;
  const findings: ReportFinding[] = (incident?.findings ?? []).map((f) => {
    const rows = evidence.get(f.id) ?? [];
    const times = rows.map(rowTime).filter((t) => !Number.isNaN(t));
    return {
      id: f.id, time: f.timestamp, ruleId: f.rule, title: f.title, techniques: f.techniques, severity: f.severity,
      device: f.deviceName || f.deviceId, account: f.account, stage: stageOfFinding.get(f.id) ?? null, evidenceCount: rows.length,
      evidence: rows.slice(0, perFinding).map(evidenceLine),
      firstEvidence: times.length ? iso(Math.min(...times)) : null, lastEvidence: times.length ? iso(Math.max(...times)) : null,
    };
  });

  const tacticName = new Map(attackTactics().map((t) => [t.shortname, t.name]));
  const byTechnique = new Map<string, ReportFinding[]>();
  for (const f of findings) for (const t of f.techniques) byTechnique.set(t, [...(byTechnique.get(t) ?? []), f]);
  const techniques: ReportTechnique[] = [...byTechnique.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([id, fs]) => {
    const tech = findTechnique(id);
    const ruleTactics = new Set(fs.flatMap((f) => rules.find((r) => r.rule.id === f.ruleId)?.rule.tactics ?? []).map((t) => findTactic(t)?.shortname).filter((x): x is string => !!x));
    const own = tech?.tactics ?? [];
    const chosen = own.filter((t) => ruleTactics.has(t));
    const shortnames = chosen.length > 0 ? chosen : [...own];
    const severity = fs.map((f) => f.severity).sort((a, b) => (SEVERITY_RANK[b] ?? 0) - (SEVERITY_RANK[a] ?? 0))[0] ?? 'informational';
    return {
      id, name: tech?.name ?? '(not in ATT&CK data)', tactics: shortnames.map((s) => tacticName.get(s) ?? s), tacticShortnames: shortnames,
      findings: fs.length, severity, url: tech?.url ?? `https://attack.mitre.org/techniques/${id.replace('.', '/')}/`,
    };
  });

  // Preparation: what triggered the hunt.
  const matchingHr = incident ? input.watchlist.filter((e) => incident.accounts.some((a) => entryMatchesAccount(e, a))) : [];
  const trigger = [
    ...matchingHr.map((e) => `HR watchlist: ${e.scenario.replace(/-/g, ' ')} effective ${e.effective.toISOString().slice(0, 10)} for ${e.email}${e.remarks ? ` ("${e.remarks}")` : ''} (${e.file} line ${e.line}).`),
    ...(incident?.indicators.filter((x) => x.name === 'off-hours').map((x) => `Off-hours activity: ${x.detail}.`) ?? []),
  ];
  if (trigger.length === 0) trigger.push(`Proactive hunt: the hunt pack over ${facts.path}${input.watchlistFiles.length ? ' with the HR watchlist' : ' (no HR watchlist given)'}.`);

  // Response: recommended and executed actions.
  const recommended = incident ? recommendActions(incident) : [];
  let taken: ActionTaken[] = [];
  if (incident && existsSync(input.auditFile)) {
    const seen = new Set<number>();
    for (const d of incident.devices) for (const a of actionsTaken(input.auditFile, { device: d })) if (!seen.has(a.auditSeq)) { seen.add(a.auditSeq); taken.push(a); }
    taken = taken.sort((a, b) => a.auditSeq - b.auditSeq);
  }
  const auditNote = !existsSync(input.auditFile) ? `no audit trail at ${input.auditFile}: no action has been executed from Harrier yet`
    : taken.length === 0 ? `no executed action for ${incident?.devices.join(', ') || 'these devices'} in ${input.auditFile}` : `${taken.length} executed action(s) in ${input.auditFile}`;

  // Timeline: findings, HR trigger and actions, in time order; chart events per rule lane.
  const entries: TimelineEntry[] = [
    ...matchingHr.map((e): TimelineEntry => ({ time: e.effective.toISOString(), stage: 'trigger', title: `HR: ${e.scenario.replace(/-/g, ' ')} for ${e.email}`, techniques: [], detail: e.remarks || `${e.file} line ${e.line}`, example: '', severity: 'informational' })),
    ...findings.filter((f) => f.time).map((f): TimelineEntry => ({
      time: f.time!, stage: f.stage, title: f.title, techniques: f.techniques, severity: f.severity,
      detail: `${f.evidenceCount} event(s)${f.firstEvidence ? ` ${clockUtc(f.firstEvidence)}–${clockUtc(f.lastEvidence!)} UTC` : ''}`,
      example: f.evidence[0]?.description.slice(0, 300) ?? '',
    })),
    ...taken.map((a): TimelineEntry => ({ time: a.time, stage: 'response', title: `${a.action} on ${a.deviceName} (${a.status || a.outcome})`, techniques: [], detail: `Defender action ${a.actionId || '-'} by ${a.analyst || a.osUser}`, example: a.comment, severity: 'informational' })),
  ].sort((a, b) => a.time.localeCompare(b.time));
  const chart: ChartEvent[] = [];
  for (const f of findings) {
    if (f.time) chart.push({ lane: f.title, t: Date.parse(f.time), kind: 'finding', label: `${f.title} at ${clockUtc(f.time)} UTC`, severity: f.severity });
    for (const r of evidence.get(f.id) ?? []) {
      const t = rowTime(r);
      if (!Number.isNaN(t)) chart.push({ lane: f.title, t, kind: 'evidence', label: evidenceLine(r).description.slice(0, 160), severity: f.severity });
    }
  }
  const summaryLines: string[] = [];
  if (incident) {
    summaryLines.push(`${incident.title}: ${incident.severity}, risk score ${incident.riskScore} (the sum of ${incident.indicators.length} indicators).`);
    summaryLines.push(`Device ${incident.devices.join(', ') || '-'}, account ${incident.accounts.join(', ') || '-'}, from ${utcText(incident.firstSeen)} to ${utcText(incident.lastSeen)}.`);
    for (const s of incident.sequence.chain) summaryLines.push(`${s.label}: ${clockUtc(iso(s.start))}–${clockUtc(iso(s.end))} UTC (${s.techniques.join(', ')}).`);
    if (incident.sequence.chain.length > 0) summaryLines.push(`Sequence ${incident.sequence.complete ? 'complete' : 'partial'}${incident.sequence.missing.length ? `; missing: ${incident.sequence.missing.join(', ')}` : ''}.`);
    for (const l of incident.links.filter((x) => x.kind === 'file').slice(0, 4)) summaryLines.push(`${l.from} → ${l.to} linked by ${l.count} file(s): ${l.values.slice(0, 5).join(', ')}${l.values.length > 5 ? ', …' : ''}.`);
  } else {
    summaryLines.push('The hunt found no incident.');
  }
  const others = input.incidents.filter((i) => i !== incident);
  if (others.length > 0) summaryLines.push(`${others.length} other incident(s) in this run: ${others.map((i) => `${i.id} (${i.severity}, ${i.title})`).join('; ')}.`);

  const locator = facts.locator ?? ['--db', facts.path];
  // The timeline reads a DuckDB store only.
  const duckdbStore = facts.locator === undefined;
  const reproduce = [
    locator.join(' '), `--now ${now.toISOString()}`, ...(input.lookback ? [`--lookback ${input.lookback}`] : []),
    ...input.watchlistFiles.map((w) => `--watchlist ${w}`),
  ].join(' ');
  const commands = [
    `harrier hunt ${reproduce} --format json`,
    `harrier report ${reproduce}${incident ? ` --incident ${incident.id}` : ''} --out harrier-report --attack-layer harrier-report/attack-layer.json`,
    ...(incident ? [`harrier evidence export ${reproduce} --incident ${incident.id} --out evidence-${incident.id}`] : []),
    ...(duckdbStore && incident?.devices[0] && incident.firstSeen && incident.lastSeen ? [`harrier timeline --db ${facts.path} --device ${incident.devices[0]} --from ${iso(Date.parse(incident.firstSeen) - 600_000)} --to ${iso(Date.parse(incident.lastSeen) + 600_000)}`] : []),
    'harrier rules export-detections --out detections',
  ];

  return {
    title: incident ? `Hunt report: ${incident.title}` : 'Hunt report: no incident found',
    generatedAt: generatedAt.toISOString(), harrierVersion: harrierVersion(), attackVersion: attackVersion(),
    now: now.toISOString(), window, timeZone: zone,
    incident: incident ? {
      ...summary(incident), techniques: incident.techniques, timeZone: incident.timeZone,
      indicators: incident.indicators.map((x) => ({ name: x.name, weight: x.weight, detail: x.detail })),
      sequence: {
        complete: incident.sequence.complete, missing: incident.sequence.missing,
        stages: incident.sequence.chain.map((s) => ({ stage: s.stage, label: s.label, start: iso(s.start), end: iso(s.end) })),
        links: incident.links.map((l) => ({ from: l.from, to: l.to, kind: l.kind, count: l.count, values: l.values })),
      },
    } : null,
    otherIncidents: others.map(summary),
    preparation: {
      trigger, hypothesis: hypothesis(incident, rules.length),
      accounts: incident?.accounts ?? [], devices: incident?.devices ?? [],
    },
    dataCollection: {
      store: facts.path, storeKind: facts.sources.length > 0 ? 'ingested' : facts.simulated ? 'simulated' : 'unknown',
      sources: facts.sources, tables, blindSpots: spots,
    },
    queries, findings, techniques,
    response: { recommended, taken, auditFile: input.auditFile, auditNote },
    documentation: {
      facts: [
        ['Report generated', utcText(generatedAt.toISOString())],
        ['Harrier', harrierVersion()],
        ['Store', `${facts.path} (${facts.sources.length > 0 ? `${facts.sources.length} ingested file(s)` : facts.simulated ? 'simulated by harrier simulate' : 'no ingest records'})`],
        ['Hunt now', utcText(now.toISOString())],
        ['Hunt window', `${utcText(window.from)} to ${utcText(window.to)}`],
        ['Rules run', `${rules.length} (${[...new Set(rules.map((r) => r.file.replace(/[/\\][^/\\]*$/, '')))].join(', ')})`],
        ['Risk model', input.riskModelFile ?? 'built-in (data/risk-model.yaml)'],
        ['HR watchlist', input.watchlistFiles.join(', ') || 'none'],
        ['ATT&CK', `Enterprise v${attackVersion()} (pinned copy in data/attack/)`],
        ['Local time zone', zone],
        ['Audit trail', input.auditFile],
      ],
      commands,
    },
    improvements: improvements({
      findings, queries, blindSpots: spots, hasWatchlist: input.watchlistFiles.length > 0,
      indicators: incident?.indicators.map((x) => x.name) ?? [],
    }),
    timeline: { entries, chart, summary: summaryLines },
  };
}
