/**
 * Runs one rule over its own positive and negative fixture events through the real engine: the
 * positives must all be cited as evidence (by DeviceId + ReportId) and context rows
 * (`evidence: false`) must not be; the negatives must produce no finding at all. Each fixture
 * set gets its own fresh store, and runs with `now` one minute after its latest event.
 */
import { dirname, resolve } from 'node:path';
import type { KqlEngine } from '../engine/contract.js';
import type { Finding } from './findings.js';
import { latestTimestamp, readFixtureFile, tempStorePath, writeFixtureStore, type FixtureEvent } from './fixtures.js';
import type { LoadedRule } from './load-rules.js';
import { runHuntsDetailed } from './run-hunts.js';
import type { SourceProblem } from './yaml-source.js';

export type EngineFactory = (db: string) => KqlEngine | Promise<KqlEngine>;

export interface FixtureSetResult {
  readonly files: readonly string[];
  readonly events: readonly FixtureEvent[];
  readonly findings: readonly Finding[];
  /** Rule error (query failed), if any. */
  readonly error?: string;
}

export interface FixtureCheck {
  readonly rule: LoadedRule;
  readonly problems: readonly SourceProblem[];
  readonly positive?: FixtureSetResult;
  readonly negative?: FixtureSetResult;
  /** Positive evidence events no finding cites. */
  readonly missed: readonly FixtureEvent[];
  /** Positive context events (`evidence: false`) a finding cites. */
  readonly wronglyCited: readonly FixtureEvent[];
  readonly ok: boolean;
}

const eventKey = (deviceId: unknown, reportId: unknown) => `${String(deviceId ?? '')}|${String(reportId ?? '')}`;

export function citedKeys(findings: readonly Finding[]): Set<string> {
  const keys = new Set<string>();
  for (const f of findings) for (const r of f.reportIds) keys.add(eventKey(f.deviceId, r));
  return keys;
}

async function runSet(rule: LoadedRule, files: readonly string[], makeEngine: EngineFactory, problems: SourceProblem[]): Promise<FixtureSetResult> {
  const events: FixtureEvent[] = [];
  for (const f of files) {
    const r = readFixtureFile(f);
    events.push(...r.events);
    problems.push(...r.problems);
  }
  const store = tempStorePath();
  try {
    await writeFixtureStore(store.path, events);
    const engine = await makeEngine(store.path);
    try {
      const latest = latestTimestamp(events) ?? new Date();
      const run = await runHuntsDetailed(engine, [rule], { now: new Date(latest.getTime() + 60_000) });
      const first = run.runs[0];
      return { files, events, findings: run.findings, ...(first?.error ? { error: first.error.message } : {}) };
    } finally {
      engine.close();
    }
  } finally {
    store.dispose();
  }
}

export async function checkRuleFixtures(rule: LoadedRule, makeEngine: EngineFactory): Promise<FixtureCheck> {
  const problems: SourceProblem[] = [];
  const tests = rule.rule.tests;
  if (!tests) {
    problems.push({ file: rule.file, line: rule.line, column: 1, message: 'rule has no tests (positive and negative fixtures)' });
    return { rule, problems, missed: [], wronglyCited: [], ok: false };
  }
  const base = dirname(rule.file);
  const positive = await runSet(rule, tests.positive.map((p) => resolve(base, p)), makeEngine, problems);
  const negative = await runSet(rule, tests.negative.map((p) => resolve(base, p)), makeEngine, problems);
  const cited = citedKeys(positive.findings);
  const keyOf = (e: FixtureEvent) => eventKey(e.row['DeviceId'], e.row['ReportId']);
  const missed = positive.events.filter((e) => e.evidence && !cited.has(keyOf(e)));
  const wronglyCited = positive.events.filter((e) => !e.evidence && cited.has(keyOf(e)));
  const ok = problems.length === 0 && !positive.error && !negative.error && positive.events.length > 0 && negative.events.length > 0
    && positive.findings.length > 0 && missed.length === 0 && wronglyCited.length === 0 && negative.findings.length === 0;
  return { rule, problems, positive, negative, missed, wronglyCited, ok };
}

/** Human-readable reasons a check failed (empty when ok). */
export function describeFailure(c: FixtureCheck): string[] {
  const out = c.problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`);
  if (c.positive?.error) out.push(`positive run failed: ${c.positive.error}`);
  if (c.negative?.error) out.push(`negative run failed: ${c.negative.error}`);
  if (c.positive && c.positive.findings.length === 0 && !c.positive.error) out.push('no finding on the positive fixtures');
  for (const e of c.missed) out.push(`${e.file}:${e.line}: positive ${e.table} event ReportId ${String(e.row['ReportId'])} not cited`);
  for (const e of c.wronglyCited) out.push(`${e.file}:${e.line}: context ${e.table} event ReportId ${String(e.row['ReportId'])} cited as evidence`);
  for (const f of c.negative?.findings ?? []) out.push(`negative fixtures produced a finding: ${f.deviceName} ${f.account} ${f.timestamp ?? ''} reportIds ${f.reportIds.join(',')}`);
  return out;
}
