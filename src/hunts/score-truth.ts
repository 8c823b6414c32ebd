/**
 * Precision and recall of each rule against the simulator's ground truth (`_harrier_truth`:
 * ReportId, DeviceId, Timestamp, scenario, step, technique). A finding is a true positive when its
 * anchor event (the row's own ReportId column) is planted; a finding without one (an aggregate)
 * when at least half of the events it cites are planted. Citing one planted event among benign
 * ones is not enough: that is how a rule that leaks evidence across sessions would hide. A planted step is detected when any
 * finding cites any of its events. A rule's recall counts the steps whose technique matches one
 * of its techniques (same technique, or parent/sub-technique of it).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Finding } from './findings.js';
import type { LoadedRule } from './load-rules.js';

export const TRUTH_TABLE = '_harrier_truth';

export interface TruthEvent {
  readonly reportId: string;
  readonly deviceId: string;
  readonly timestamp: string;
  readonly scenario: string;
  readonly step: string;
  readonly technique: string;
}

export interface StepScore {
  readonly scenario: string;
  readonly step: string;
  readonly techniques: readonly string[];
  readonly events: number;
  /** Names of the rules with a finding citing one of the step's events. */
  readonly detectedBy: readonly string[];
}

export interface RuleScore {
  readonly rule: LoadedRule;
  readonly findings: number;
  readonly truePositives: number;
  /** null when the rule found nothing. */
  readonly precision: number | null;
  readonly relevantSteps: number;
  readonly detectedSteps: number;
  /** null when no planted step has one of the rule's techniques. */
  readonly recall: number | null;
}

export interface TruthScore {
  readonly rules: readonly RuleScore[];
  readonly steps: readonly StepScore[];
  /** Planted steps detected by any rule / planted steps. */
  readonly recall: number | null;
}

/** Reads the truth table; empty when the store has none. */
export async function readTruth(connection: DuckDBConnection): Promise<TruthEvent[]> {
  const exists = await connection.runAndReadAll(`SELECT count(*) FROM information_schema.tables WHERE table_name = '${TRUTH_TABLE}'`);
  if (Number(exists.getRows()[0]?.[0] ?? 0) === 0) return [];
  const reader = await connection.runAndReadAll(
    `SELECT CAST(ReportId AS VARCHAR), CAST(DeviceId AS VARCHAR), strftime(Timestamp, '%Y-%m-%dT%H:%M:%S.%fZ'), CAST(scenario AS VARCHAR), CAST(step AS VARCHAR), CAST(technique AS VARCHAR) FROM ${TRUTH_TABLE}`);
  return reader.getRows().map((r) => ({
    reportId: String(r[0] ?? ''), deviceId: String(r[1] ?? ''), timestamp: String(r[2] ?? ''),
    scenario: String(r[3] ?? ''), step: String(r[4] ?? ''), technique: String(r[5] ?? ''),
  }));
}

/** Same technique, or one is a sub-technique of the other (T1059 ~ T1059.001). */
export function techniquesMatch(a: string, b: string): boolean {
  const x = a.trim().toUpperCase();
  const y = b.trim().toUpperCase();
  return x === y || x.startsWith(`${y}.`) || y.startsWith(`${x}.`);
}

const key = (deviceId: string, reportId: string | number) => `${deviceId}|${String(reportId)}`;

function isTruePositive(f: Finding, plantedCited: number, isPlanted: (reportId: string | number) => boolean): boolean {
  const anchor = Object.entries(f.row).find(([name]) => name.toLowerCase() === 'reportid')?.[1];
  if (typeof anchor === 'number' || (typeof anchor === 'string' && anchor !== '')) return isPlanted(anchor);
  return f.reportIds.length > 0 && plantedCited * 2 >= f.reportIds.length;
}

export function scoreAgainstTruth(rules: readonly LoadedRule[], findings: readonly Finding[], truth: readonly TruthEvent[]): TruthScore {
  const stepOf = new Map<string, string>(); // event key → step key
  const steps = new Map<string, { scenario: string; step: string; techniques: Set<string>; events: number; detectedBy: Set<string> }>();
  for (const t of truth) {
    const sk = `${t.scenario}\u0000${t.step}`;
    const s = steps.get(sk) ?? { scenario: t.scenario, step: t.step, techniques: new Set<string>(), events: 0, detectedBy: new Set<string>() };
    if (t.technique) s.techniques.add(t.technique);
    s.events++;
    steps.set(sk, s);
    stepOf.set(key(t.deviceId, t.reportId), sk);
  }
  const byRule = new Map<string, Finding[]>();
  for (const f of findings) byRule.set(f.rule.toLowerCase(), [...(byRule.get(f.rule.toLowerCase()) ?? []), f]);

  const ruleScores = rules.map((loaded): RuleScore => {
    const own = byRule.get(loaded.rule.id.toLowerCase()) ?? [];
    const detected = new Set<string>();
    let truePositives = 0;
    for (const f of own) {
      let planted = 0;
      for (const r of f.reportIds) {
        const sk = stepOf.get(key(f.deviceId, r));
        if (sk) { planted++; detected.add(sk); steps.get(sk)!.detectedBy.add(loaded.rule.name); }
      }
      if (isTruePositive(f, planted, (r) => stepOf.has(key(f.deviceId, r)))) truePositives++;
    }
    const relevant = [...steps.entries()].filter(([, s]) =>
      [...s.techniques].some((t) => loaded.rule.relevantTechniques.some((rt) => techniquesMatch(t, rt))));
    const detectedRelevant = relevant.filter(([sk]) => detected.has(sk)).length;
    return {
      rule: loaded, findings: own.length, truePositives,
      precision: own.length === 0 ? null : truePositives / own.length,
      relevantSteps: relevant.length, detectedSteps: detectedRelevant,
      recall: relevant.length === 0 ? null : detectedRelevant / relevant.length,
    };
  });
  const stepScores = [...steps.values()].map((s) => ({
    scenario: s.scenario, step: s.step, techniques: [...s.techniques].sort(), events: s.events, detectedBy: [...s.detectedBy].sort(),
  }));
  const detectedCount = stepScores.filter((s) => s.detectedBy.length > 0).length;
  return { rules: ruleScores, steps: stepScores, recall: stepScores.length === 0 ? null : detectedCount / stepScores.length };
}
