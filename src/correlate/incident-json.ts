/**
 * Incidents as JSON: the `incidents` of `harrier hunt --format json`, a contract checks depend on
 * (id, title, severity, riskScore, devices, accounts, techniques, firstSeen, lastSeen, indicators
 * {name, weight, detail}, findings), plus the recognised sequence and its links, and the
 * recommendedActions suggested by src/respond/recommend.ts.
 */
import { findingJson, type Finding } from '../hunts/findings.js';
import type { Incident } from './build.js';
import { recommendActions } from '../respond/recommend.js';

const iso = (ms: number) => new Date(ms).toISOString();

export function incidentJson(i: Incident): Record<string, unknown> {
  return {
    id: i.id, title: i.title, severity: i.severity, riskScore: i.riskScore,
    devices: i.devices, accounts: i.accounts, techniques: i.techniques,
    firstSeen: i.firstSeen, lastSeen: i.lastSeen,
    indicators: i.indicators.map((x) => ({ name: x.name, weight: x.weight, detail: x.detail })),
    findings: i.findings.map((f) => f.id),
    sequence: {
      complete: i.sequence.complete,
      stages: i.sequence.chain.map((s) => ({ stage: s.stage, label: s.label, techniques: s.techniques, findings: s.findings, start: iso(s.start), end: iso(s.end) })),
      missing: i.sequence.missing,
      links: i.links.map((l) => ({ from: l.from, to: l.to, kind: l.kind, count: l.count, values: l.values })),
    },
    timeZone: i.timeZone,
    recommendedActions: recommendActions(i),
  };
}

/** `{"incidents": [...], "findings": [...]}`: incidents highest risk first. */
export function huntJson(incidents: readonly Incident[], findings: readonly Finding[]): { incidents: Record<string, unknown>[]; findings: Record<string, unknown>[] } {
  return { incidents: incidents.map(incidentJson), findings: findings.map(findingJson) };
}
