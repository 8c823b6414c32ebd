/**
 * The correlate stage's entry point: findings (+ the engine for evidence, UPNs and baselines, the
 * HR watchlist, time zones) → incidents ordered by risk score, highest first. Without an engine
 * it still correlates, orders sequences by the findings' timestamps and scores what it can
 * (rules, watchlist by account name, off-hours, sequence), so unit tests need no store.
 */
import { createHash } from 'node:crypto';
import type { KqlEngine } from '../engine/contract.js';
import type { Finding } from '../hunts/findings.js';
import { kqlString } from '../hunts/kql-literal.js';
import { correlateFindings } from './correlate.js';
import { fetchEvidence, rowTime, tablesOfQuery, type EvidenceRow } from './evidence.js';
import { linkSteps, type StepLink } from './links.js';
import { measureVolumes, type VolumeObservation } from './baseline.js';
import type { Band, RiskModel } from './model.js';
import { scoreIncident, type Indicator } from './score.js';
import { detectSequence, type Sequence } from './sequence.js';
import { timeZoneMap, zoneFor } from './timezones.js';
import type { WatchlistEntry } from './watchlist.js';
import { timespanMs } from '../hunts/kql-literal.js';

export interface Incident {
  readonly id: string;
  readonly title: string;
  readonly severity: Band;
  readonly riskScore: number;
  readonly devices: readonly string[];
  readonly accounts: readonly string[];
  readonly techniques: readonly string[];
  readonly firstSeen: string | null;
  readonly lastSeen: string | null;
  readonly indicators: readonly Indicator[];
  readonly findings: readonly Finding[];
  readonly sequence: Sequence;
  readonly links: readonly StepLink[];
  readonly timeZone: string;
}

export interface BuildIncidentsOptions {
  readonly model: RiskModel;
  /** Correlation window in ms (default: the model's). */
  readonly windowMs?: number;
  readonly watchlist?: readonly WatchlistEntry[];
  /** Extra zones by account or device name (e.g. from --tz), on top of the model's. */
  readonly timeZones?: Readonly<Record<string, string>>;
  /** Default zone overriding the model's. */
  readonly defaultTimeZone?: string;
  /** Reads evidence, UPNs and baselines from the store. */
  readonly engine?: KqlEngine;
  /** Rule id → query text, so evidence is read from the tables each rule reads. */
  readonly ruleQueries?: ReadonlyMap<string, string>;
  /** End of the hunt window and its length, for baselines (default: the findings' span). */
  readonly now?: Date;
  readonly lookbackMs?: number;
}

const shortHost = (name: string) => name.split('.')[0] ?? name;

async function upnsOf(engine: KqlEngine, accounts: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (accounts.length === 0) return out;
  const list = accounts.map(kqlString).join(', ');
  const kql = `union
  (DeviceProcessEvents | where AccountName in~ (${list}) and isnotempty(AccountUpn) | distinct Name = AccountName, Upn = AccountUpn),
  (DeviceFileEvents | where InitiatingProcessAccountName in~ (${list}) and isnotempty(InitiatingProcessAccountUpn) | distinct Name = InitiatingProcessAccountName, Upn = InitiatingProcessAccountUpn)
| distinct Name = tolower(Name), Upn = tolower(Upn)`;
  try {
    for (const [name, upn] of (await engine.query(kql, { maxRows: 0 })).rows) out.set(String(name), [...(out.get(String(name)) ?? []), String(upn)]);
  } catch {
    // A store without these tables: fall back to matching the email's local part.
  }
  return out;
}

function titleOf(findings: readonly Finding[], sequence: Sequence, account: string, device: string): string {
  const who = `${account ? ` by ${account}` : ''} on ${shortHost(device) || 'unknown device'}`;
  if (sequence.chain.length >= 3 && sequence.chain.some((s) => s.stage === 'exfiltration')) {
    return `Data theft sequence (${sequence.chain.map((s) => s.label).join(' → ')})${who}`;
  }
  const top = [...findings].sort((a, b) => b.weight - a.weight || a.title.localeCompare(b.title))[0]!;
  const others = new Set(findings.map((f) => f.rule)).size - 1;
  return `${top.title}${others > 0 ? ` and ${others} related rule${others === 1 ? '' : 's'}` : ''}${who}`;
}

export async function buildIncidents(findings: readonly Finding[], options: BuildIncidentsOptions): Promise<Incident[]> {
  const model = options.model;
  const groups = correlateFindings(findings, { windowMs: options.windowMs ?? timespanMs(model.correlation.window) });
  const engine = options.engine;
  const ruleTables = new Map([...(options.ruleQueries ?? new Map<string, string>())].map(([id, q]) => [id, tablesOfQuery(q)]));
  const evidence = engine ? await fetchEvidence(engine, findings, ruleTables) : new Map<string, EvidenceRow[]>();
  const zones = timeZoneMap({
    default: options.defaultTimeZone ?? model.timeZones.default,
    accounts: { ...model.timeZones.accounts, ...options.timeZones },
    devices: { ...model.timeZones.devices, ...options.timeZones },
  });

  const spans = groups.map((g) => {
    const times = g.findings.flatMap((f) => [
      ...(evidence.get(f.id) ?? []).map(rowTime),
      f.timestamp === null ? Number.NaN : Date.parse(f.timestamp),
    ]).filter((t) => !Number.isNaN(t));
    return times.length > 0 ? { start: Math.min(...times), end: Math.max(...times) } : { start: Number.NaN, end: Number.NaN };
  });
  const upns = engine ? await upnsOf(engine, [...new Set(groups.map((g) => g.account).filter((a) => a !== ''))]) : new Map<string, string[]>();
  let volumes = new Map<string, VolumeObservation[]>();
  if (engine && model.volume.measures.length > 0 && model.volume.weight > 0) {
    const requests = groups.map((g, i) => ({ key: String(i), account: g.account, ...spans[i]! })).filter((r) => !Number.isNaN(r.start));
    if (requests.length > 0) {
      const to = options.now ?? new Date(Math.max(...requests.map((r) => r.end)) + 1000);
      const from = new Date(to.getTime() - (options.lookbackMs ?? 72 * 3_600_000));
      volumes = await measureVolumes(engine, model.volume, requests, { from, to });
    }
  }

  const incidents = groups.map((g, i): Incident => {
    const sequence = detectSequence(g.findings, model, evidence);
    const links = engine ? linkSteps(sequence, evidence) : [];
    const rows = g.findings.flatMap((f) => evidence.get(f.id) ?? []);
    const zone = zoneFor(zones, g.account, g.deviceName);
    const span = spans[i]!;
    const score = scoreIncident({
      findings: g.findings, account: g.account, start: span.start, end: span.end, evidence: rows, sequence, links,
      watchlist: options.watchlist ?? [], upns: upns.get(g.account) ?? [], zone, volume: volumes.get(String(i)) ?? [],
    }, model);
    const ids = g.findings.map((f) => f.id);
    const id = `INC-${createHash('sha256').update([...ids].sort().join(',')).digest('hex').slice(0, 10)}`;
    return {
      id, title: titleOf(g.findings, sequence, g.account, g.deviceName), severity: score.severity, riskScore: score.riskScore,
      devices: [...new Set(g.findings.map((f) => f.deviceName).filter((n) => n !== ''))].sort(),
      accounts: [...new Set(g.findings.map((f) => f.account).filter((a) => a !== ''))].sort(),
      techniques: [...new Set(g.findings.flatMap((f) => f.techniques))].sort(),
      firstSeen: g.firstSeen, lastSeen: g.lastSeen, indicators: score.indicators, findings: g.findings, sequence, links, timeZone: zone.zone,
    };
  });
  return incidents.sort((a, b) => b.riskScore - a.riskScore || (a.firstSeen ?? '').localeCompare(b.firstSeen ?? '') || a.id.localeCompare(b.id));
}
