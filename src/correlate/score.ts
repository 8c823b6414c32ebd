/**
 * The explainable, additive insider-risk score of one incident: a list of indicators, each with
 * the weight the risk model gives it and a sentence saying what was seen; the score is their sum
 * and the severity its band. Indicators: each distinct rule's weight; HR watchlist hits (risky or
 * departing user) whose window covers the activity; off-hours in the user's local time; priority
 * folders and sensitivity labels in the evidence; volume above the user's own baseline; a complete
 * (or partial) ordered data-theft sequence. Pure: everything it needs is passed in.
 */
import type { Finding } from '../hunts/findings.js';
import { priorityFoldersIn, artifactsOf } from './artifacts.js';
import { aboveBaseline, type VolumeObservation } from './baseline.js';
import type { EvidenceRow } from './evidence.js';
import { describeLink, type StepLink } from './links.js';
import { bandOf, type Band, type RiskModel } from './model.js';
import type { Sequence } from './sequence.js';
import { isOffHours, localTime } from './timezones.js';
import { entryMatchesAccount, type WatchlistEntry } from './watchlist.js';

export interface Indicator {
  readonly name: string;
  readonly weight: number;
  readonly detail: string;
  /** The rule id, for rule indicators. */
  readonly rule?: string;
}

export interface ScoreInput {
  readonly findings: readonly Finding[];
  readonly account: string;
  /** Epoch ms of the first and last activity (evidence or findings). */
  readonly start: number;
  readonly end: number;
  readonly evidence: readonly EvidenceRow[];
  readonly sequence: Sequence;
  readonly links: readonly StepLink[];
  readonly watchlist: readonly WatchlistEntry[];
  /** UPNs the store shows for the account. */
  readonly upns: readonly string[];
  readonly zone: { readonly zone: string; readonly source: string };
  readonly volume: readonly VolumeObservation[];
}

export interface Score {
  readonly riskScore: number;
  readonly severity: Band;
  readonly indicators: readonly Indicator[];
}

const DAY = 86_400_000;
const SCENARIO_LABEL: Readonly<Record<string, string>> = {
  resignation: 'resignation', 'performance-improvement-plan': 'performance improvement plan',
  'performance-review': 'poor performance review', 'job-level-change': 'job-level change',
};
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const day = (d: Date) => d.toISOString().slice(0, 10);

export function ruleIndicators(findings: readonly Finding[], model: RiskModel): Indicator[] {
  const overrides = new Map(Object.entries(model.rules.overrides).map(([k, v]) => [k.toLowerCase(), v]));
  const byRule = new Map<string, Finding[]>();
  for (const f of findings) byRule.set(f.rule, [...(byRule.get(f.rule) ?? []), f]);
  return [...byRule.values()].map((list) => {
    const f = list[0]!;
    const override = overrides.get(f.rule.toLowerCase()) ?? overrides.get(f.title.toLowerCase());
    const weight = override ?? f.weight * model.rules.scale;
    const evidence = new Set(list.flatMap((x) => x.reportIds.map(String))).size;
    return {
      name: `rule: ${f.title}`, weight, rule: f.rule,
      detail: `${f.techniques.join(' ') || 'no technique'}; ${plural(list.length, 'finding')}, ${plural(evidence, 'evidence event')}; weight ${override !== undefined ? 'overridden in the risk model' : `${f.weight} from the rule file${model.rules.scale !== 1 ? ` × ${model.rules.scale}` : ''}`}`,
    };
  });
}

/** Watchlist entries that qualify under the model and whose window covers [start, end]. */
export function watchlistIndicators(input: Pick<ScoreInput, 'watchlist' | 'account' | 'upns' | 'start' | 'end'>, model: RiskModel): Indicator[] {
  const best = new Map<string, { weight: number; details: string[] }>();
  for (const e of input.watchlist) {
    if (!entryMatchesAccount(e, input.account, input.upns)) continue;
    const s = model.watchlist.scenarios[e.scenario];
    const rating = e.rating !== undefined ? Number(e.rating) : Number.NaN;
    if (e.scenario === 'performance-review' && s.poorRatingAtMost !== undefined && !(rating <= s.poorRatingAtMost)) continue;
    if (e.scenario === 'job-level-change' && s.onlyDemotion) {
      const o = Number(e.oldLevel), n = Number(e.newLevel);
      if (!Number.isNaN(o) && !Number.isNaN(n) && !(n < o)) continue;
    }
    const from = e.effective.getTime() - model.watchlist.daysBefore * DAY;
    const to = e.effective.getTime() + model.watchlist.daysAfter * DAY;
    if (input.end < from || input.start > to) continue;
    const delta = (input.start - e.effective.getTime()) / DAY;
    const when = Math.abs(delta) < 1 / 24 ? 'at the effective time' : `${Math.abs(delta).toFixed(1)} days ${delta < 0 ? 'before' : 'after'} it`;
    const label = SCENARIO_LABEL[e.scenario] ?? e.scenario;
    const name = `watchlist: ${label} (${s.indicator})`;
    const detail = `${label} effective ${day(e.effective)} for ${e.email} (${e.file.replace(/^.*[\\/]/, '')} line ${e.line}${e.rating ? `, rating ${e.rating}` : ''}); activity ${when}, within ${model.watchlist.daysBefore} days before to ${model.watchlist.daysAfter} days after`;
    const cur = best.get(name);
    if (!cur || s.weight > cur.weight) best.set(name, { weight: s.weight, details: [detail, ...(cur?.details ?? [])] });
    else cur.details.push(detail);
  }
  return [...best.entries()].map(([name, v]) => ({ name, weight: v.weight, detail: v.details.join('; ') }));
}

export function offHoursIndicator(findings: readonly Finding[], zone: ScoreInput['zone'], model: RiskModel): Indicator | undefined {
  const times = findings.map((f) => (f.timestamp === null ? Number.NaN : Date.parse(f.timestamp))).filter((t) => !Number.isNaN(t));
  if (times.length === 0) return undefined;
  const off = times.filter((t) => isOffHours(new Date(t), zone.zone, model.offHours));
  if (off.length / times.length < model.offHours.minShare) return undefined;
  const first = localTime(new Date(Math.min(...off)), zone.zone);
  const last = localTime(new Date(Math.max(...off)), zone.zone);
  const o = model.offHours;
  return {
    name: 'off-hours', weight: o.weight,
    detail: `${off.length} of ${plural(times.length, 'finding')} outside working hours (${o.workdayStart}–${o.workdayEnd}${o.weekendDays.length ? `, not ${o.weekendDays.join('/')}` : ''}) in ${zone.zone} (${zone.source === 'default' ? 'default zone' : `the ${zone.source}'s zone`}): ${first.weekday} ${first.clock}–${last.clock} local`,
  };
}

export function priorityIndicators(evidence: readonly EvidenceRow[], findings: readonly Finding[], model: RiskModel): Indicator[] {
  const out: Indicator[] = [];
  const folders = priorityFoldersIn(evidence, model.priorityContent.folders.values);
  if (folders.size > 0 && model.priorityContent.folders.weight > 0) {
    out.push({
      name: 'priority content: folders', weight: model.priorityContent.folders.weight,
      detail: [...folders].sort((a, b) => b[1] - a[1]).map(([f, n]) => `${f} in ${plural(n, 'evidence event')}`).join(', '),
    });
  }
  const labels = artifactsOf(evidence).labels;
  // Labels a rule projected (e.g. a `Labels` column) count too when the evidence rows lack them.
  for (const f of findings) {
    const l = f.row['Labels'];
    if (Array.isArray(l)) for (const x of l) if (typeof x === 'string' && x && !labels.has(x)) labels.set(x, 1);
  }
  const weights = new Map(Object.entries(model.priorityContent.labels).map(([k, v]) => [k.toLowerCase(), v]));
  const seen = [...labels].filter(([l]) => weights.has(l.toLowerCase()));
  if (seen.length > 0) {
    const weight = Math.max(...seen.map(([l]) => weights.get(l.toLowerCase())!));
    out.push({
      name: 'priority content: sensitivity labels', weight,
      detail: seen.sort((a, b) => weights.get(b[0].toLowerCase())! - weights.get(a[0].toLowerCase())! || b[1] - a[1]).map(([l, n]) => `${l} ×${n}`).join(', '),
    });
  }
  return out;
}

export function volumeIndicator(volume: readonly VolumeObservation[], model: RiskModel): Indicator | undefined {
  const above = aboveBaseline(volume, model.volume);
  if (above.length === 0) return undefined;
  return {
    name: 'volume above baseline', weight: model.volume.weight,
    detail: above.map((o) => `${o.measure}: ${o.observed} in the hour from ${o.hour.slice(11, 16)} UTC vs. at most ${o.baseline} in any other hour of the lookback`).join('; '),
  };
}

export function sequenceIndicator(sequence: Sequence, links: readonly StepLink[], model: RiskModel): Indicator | undefined {
  const chain = sequence.chain;
  const hasExfil = chain.some((s) => s.stage === 'exfiltration');
  // The detail names each consecutive step's strongest link (file, then folder, then process);
  // the JSON's sequence.links lists every link between every pair of steps.
  const rank = { file: 0, folder: 1, process: 2 } as const;
  const steps = chain.slice(1).map((s, i) => links.filter((l) => l.from === chain[i]!.stage && l.to === s.stage).sort((x, y) => rank[x.kind] - rank[y.kind])[0])
    .filter((l): l is StepLink => l !== undefined);
  const linked = steps.length > 0 ? `; linked by ${steps.map(describeLink).join('; ')}` : '';
  const path = chain.map((s) => (s.stage === 'exfiltration' || s.techniques.length > 1 ? `${s.label} (${s.techniques.join(', ')})` : s.label)).join(' → ');
  if (sequence.complete) return { name: 'sequence: complete', weight: model.sequence.complete.weight, detail: `${path}${linked}` };
  if (chain.length >= model.sequence.partial.minStages && hasExfil) {
    return { name: 'sequence: partial', weight: model.sequence.partial.weight, detail: `${path} (missing ${sequence.missing.join(', ')})${linked}` };
  }
  return undefined;
}

export function scoreIncident(input: ScoreInput, model: RiskModel): Score {
  const indicators: Indicator[] = [
    ...ruleIndicators(input.findings, model),
    ...watchlistIndicators(input, model),
    ...[offHoursIndicator(input.findings, input.zone, model)].filter((x): x is Indicator => x !== undefined),
    ...priorityIndicators(input.evidence, input.findings, model),
    ...[volumeIndicator(input.volume, model), sequenceIndicator(input.sequence, input.links, model)].filter((x): x is Indicator => x !== undefined),
  ].filter((i) => i.weight > 0);
  const riskScore = Math.round(indicators.reduce((s, i) => s + i.weight, 0) * 100) / 100;
  return { riskScore, severity: bandOf(riskScore, model.bands), indicators };
}
