/**
 * The correlation options shared by `harrier hunt` and `harrier demo` (--watchlist, --window,
 * --risk-model, --tz, --default-tz), their validation, and the call into the correlate stage
 * after a hunt run. Watchlist rows that cannot be parsed are reported on stderr with file and
 * line; they never stop the run.
 */
import type { Command } from 'commander';
import { LOOKBACK_RE } from '../../hunts/rule-schema.js';
import { timespanMs } from '../../hunts/kql-literal.js';
import { DEFAULT_RISK_MODEL_FILE, loadRiskModel, RiskModelError, type RiskModel } from '../../correlate/model.js';
import { isTimeZone } from '../../correlate/timezones.js';
import { readWatchlists } from '../../correlate/watchlist.js';
import type { IncidentInputs } from '../../correlate/for-run.js';
import { CliError } from '../cli-error.js';

const collect = (value: string, previous: string[]) => [...previous, value];

export interface IncidentCliOptions {
  watchlist: string[];
  window?: string;
  riskModel?: string;
  tz: string[];
  defaultTz?: string;
}

export function addIncidentOptions(cmd: Command): Command {
  return cmd
    .option('--watchlist <file>', 'HR watchlist: a Purview HR-connector CSV (resignation, performance improvement plan, performance review, job-level change); repeatable', collect, [])
    .option('--window <timespan>', "correlation window: largest gap between findings of one incident on a device and account (default: the risk model's, 4h)")
    .option('--risk-model <file>', 'indicators, weights and severity bands (YAML; default: the built-in data/risk-model.yaml)')
    .option('--tz <name=zone>', "time zone of a user or device for off-hours, e.g. jdoe=Europe/Berlin (repeatable)", collect, [])
    .option('--default-tz <zone>', "time zone of users and devices not given with --tz (default: the risk model's, UTC)");
}

/** Validates the options, loads the model and the watchlists (bad rows → stderr, not fatal). */
export function prepareIncidentInputs(opts: IncidentCliOptions, stderr: (s: string) => void = (s) => process.stderr.write(s)): IncidentInputs {
  let model: RiskModel;
  try {
    model = loadRiskModel(opts.riskModel ?? DEFAULT_RISK_MODEL_FILE);
  } catch (err) {
    if (err instanceof RiskModelError) throw new CliError(err.message);
    throw err;
  }
  if (opts.window !== undefined && !LOOKBACK_RE.test(opts.window)) throw new CliError(`--window must be a timespan such as 4h or 30m, not '${opts.window}'`);
  const timeZones: Record<string, string> = {};
  for (const t of opts.tz) {
    const m = /^([^=]+)=(.+)$/.exec(t);
    if (!m || !isTimeZone(m[2]!.trim())) throw new CliError(`--tz must be NAME=ZONE with an IANA zone (jdoe=Europe/Berlin), not '${t}'`);
    timeZones[m[1]!.trim()] = m[2]!.trim();
  }
  if (opts.defaultTz !== undefined && !isTimeZone(opts.defaultTz)) throw new CliError(`--default-tz must be an IANA time zone, not '${opts.defaultTz}'`);
  const w = readWatchlists(opts.watchlist);
  for (const p of w.problems) stderr(`harrier: watchlist ${p.file}${p.line > 0 ? ` line ${p.line}` : ''}: ${p.message} (row skipped)\n`);
  return {
    model, windowMs: timespanMs(opts.window ?? model.correlation.window), watchlist: w.entries, timeZones,
    ...(opts.defaultTz !== undefined ? { defaultTimeZone: opts.defaultTz } : {}),
  };
}
