/**
 * The data-theft sequence of an incident: each finding is placed in a stage (collection/access →
 * staging → archive/obfuscation → exfiltration → clean-up) by its ATT&CK techniques, as the risk
 * model lists them. A stage's time span is that of its evidence rows (or its findings' timestamps
 * when there is no evidence). Two stages are in order unless the later one lies wholly before the
 * earlier one (it both starts and ends earlier): insiders iterate, so overlap is allowed. The
 * recognised sequence is the longest chain of present stages, in the model's order, in which each
 * stage is in order with the next. Pure.
 */
import type { Finding } from '../hunts/findings.js';
import { rowTime, type EvidenceMap } from './evidence.js';
import type { RiskModel } from './model.js';

export interface StageSpan {
  readonly stage: string;
  readonly label: string;
  /** Ids of the findings in this stage. */
  readonly findings: readonly string[];
  readonly techniques: readonly string[];
  /** Epoch ms. */
  readonly start: number;
  readonly end: number;
}

export interface Sequence {
  /** Stages present in the incident, in the model's order. */
  readonly present: readonly StageSpan[];
  /** The longest ordered chain of present stages. */
  readonly chain: readonly StageSpan[];
  /** Every stage of the model is in the chain. */
  readonly complete: boolean;
  /** Names of the model's stages missing from the chain. */
  readonly missing: readonly string[];
}

/** True when `technique` is `base` or one of its sub-techniques. */
export const techniqueMatches = (technique: string, base: string) => technique === base || technique.startsWith(`${base}.`);

/** The stage a finding belongs to: the first stage (in the model's order) one of its techniques matches. */
export function stageOf(finding: Pick<Finding, 'techniques'>, stages: RiskModel['sequence']['stages']): string | undefined {
  for (const s of stages) if (finding.techniques.some((t) => s.techniques.some((b) => techniqueMatches(t, b)))) return s.name;
  return undefined;
}

/** `later` is out of order after `earlier` when it both starts and ends before `earlier` starts/ends. */
export function inOrder(earlier: Pick<StageSpan, 'start' | 'end'>, later: Pick<StageSpan, 'start' | 'end'>): boolean {
  return !(later.start < earlier.start && later.end < earlier.end);
}

function span(f: Finding, evidence: EvidenceMap | undefined): [number, number] | undefined {
  const times = (evidence?.get(f.id) ?? []).map(rowTime).filter((t) => !Number.isNaN(t));
  if (times.length > 0) return [Math.min(...times), Math.max(...times)];
  const t = f.timestamp === null ? Number.NaN : Date.parse(f.timestamp);
  return Number.isNaN(t) ? undefined : [t, t];
}

export function detectSequence(findings: readonly Finding[], model: RiskModel, evidence?: EvidenceMap): Sequence {
  const stages = model.sequence.stages;
  const present: StageSpan[] = [];
  for (const s of stages) {
    const mine = findings.filter((f) => stageOf(f, stages) === s.name);
    const spans = mine.map((f) => span(f, evidence)).filter((x): x is [number, number] => x !== undefined);
    if (mine.length === 0 || spans.length === 0) continue;
    const techniques = [...new Set(mine.flatMap((f) => f.techniques.filter((t) => s.techniques.some((b) => techniqueMatches(t, b)))))].sort();
    present.push({
      stage: s.name, label: s.label, findings: mine.map((f) => f.id), techniques,
      start: Math.min(...spans.map((x) => x[0])), end: Math.max(...spans.map((x) => x[1])),
    });
  }
  // Longest chain: dynamic programming over the present stages in model order.
  const best: StageSpan[][] = [];
  present.forEach((s, i) => {
    let chain: StageSpan[] = [s];
    for (let j = 0; j < i; j++) {
      const prev = best[j]!;
      if (inOrder(prev.at(-1)!, s) && prev.length + 1 > chain.length) chain = [...prev, s];
    }
    best.push(chain);
  });
  const chain = best.reduce<StageSpan[]>((a, c) => (c.length > a.length ? c : a), []);
  const inChain = new Set(chain.map((s) => s.stage));
  const missing = stages.filter((s) => !inChain.has(s.name)).map((s) => s.name);
  return { present, chain, complete: missing.length === 0, missing };
}
