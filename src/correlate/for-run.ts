/**
 * The correlate stage applied to a hunt run: its findings, the rules' queries and lookbacks, and the
 * prepared inputs (risk model, window, watchlist, time zones) → incidents. Shared by the CLI's hunt,
 * report, demo and timeline paths and by the console server.
 */
import type { KqlEngine } from '../engine/contract.js';
import type { HuntRun, LoadedRule } from '../hunts/index.js';
import { timespanMs } from '../hunts/kql-literal.js';
import { buildIncidents, type Incident } from './build.js';
import type { RiskModel } from './model.js';
import type { WatchlistEntry } from './watchlist.js';

export interface IncidentInputs {
  readonly model: RiskModel;
  readonly windowMs: number;
  readonly watchlist: readonly WatchlistEntry[];
  readonly timeZones: Readonly<Record<string, string>>;
  readonly defaultTimeZone?: string;
}

/** Correlates a hunt run's findings into incidents, reading evidence and baselines through `engine`. */
export async function incidentsForRun(engine: KqlEngine, run: HuntRun, rules: readonly LoadedRule[], inputs: IncidentInputs, lookback?: string): Promise<Incident[]> {
  const ruleQueries = new Map(rules.map((r) => [r.rule.id, r.rule.query]));
  const lookbackMs = lookback !== undefined ? timespanMs(lookback)
    : Math.max(...rules.map((r) => (r.rule.lookback ? timespanMs(r.rule.lookback) : 0)), 0) || 72 * 3_600_000;
  return buildIncidents(run.findings, {
    model: inputs.model, windowMs: inputs.windowMs, watchlist: inputs.watchlist, timeZones: inputs.timeZones,
    ...(inputs.defaultTimeZone ? { defaultTimeZone: inputs.defaultTimeZone } : {}),
    engine, ruleQueries, now: run.now, lookbackMs,
  });
}
