/**
 * `harrier hunt`: runs the rule pack (or the rules given with --rules/--only) over a store,
 * correlates the findings into incidents scored by the risk model (HR watchlist, time zones and
 * window from the options in incident-options.ts) and prints the incidents, highest risk first,
 * as text or as `{"incidents": [...], "findings": [...]}` JSON. Exit 0 when every rule ran, 2
 * when a rule failed.
 */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { DEFAULT_STORE_PATH } from '../../store/index.js';
import { BUILTIN_RULES_DIR, RuleLoadError, loadRulesOrThrow, openHuntEngine, runHuntsDetailed, selectRules, type HuntRun } from '../../hunts/index.js';
import { LOOKBACK_RE } from '../../hunts/rule-schema.js';
import { CliError } from '../cli-error.js';
import { formatTextTable } from '../text-table.js';
import { resolveNow } from './resolve-now.js';
import { addEngineOptions, isClickHouse, isRemote, openClickHouseForCli, openRemoteForCli, type EngineCliOptions } from './engine-options.js';
import { incidentsForRun } from '../../correlate/for-run.js';
import { addIncidentOptions, prepareIncidentInputs, type IncidentCliOptions } from './incident-options.js';
import { huntJson } from '../../correlate/incident-json.js';
import { formatIncidentDetails, formatIncidentTable } from '../format-incidents.js';
import type { Incident } from '../../correlate/build.js';

const collect = (value: string, previous: string[]) => [...previous, value];

export interface HuntCliOptions extends IncidentCliOptions, EngineCliOptions { db: string; now?: string; lookback?: string; rules: string[]; only: string[]; format: string }

export function loadRulesForCli(paths: readonly string[], only: readonly string[] = []) {
  try {
    const rules = selectRules(loadRulesOrThrow(paths.length > 0 ? paths : [BUILTIN_RULES_DIR]), only);
    if (only.length > 0 && rules.length === 0) throw new CliError(`no rule matches --only ${only.join(', ')}`);
    return rules;
  } catch (err) {
    if (err instanceof RuleLoadError) throw new CliError(err.message);
    throw err;
  }
}

/** The text report of a hunt run: the incidents (summary table, then indicators), then a summary line. */
export function formatHuntIncidentsText(result: HuntRun, incidents: readonly Incident[], ruleCount: number, now: Date): string {
  let out = '';
  if (incidents.length > 0) out += formatIncidentTable(incidents) + formatIncidentDetails(incidents) + '\n';
  const failed = result.runs.filter((r) => r.error);
  const ms = result.runs.reduce((s, r) => s + r.ms, 0);
  out += `${incidents.length} incident(s) from ${result.findings.length} finding(s) of ${ruleCount} rule(s), now=${now.toISOString()}, ${Math.round(ms)} ms${failed.length ? `, ${failed.length} rule(s) failed` : ''}\n`;
  return out;
}

/** The findings of a hunt run as a table: one line per finding, then a summary line. */
export function formatHuntText(result: HuntRun, ruleCount: number, now: Date): string {
  const failed = result.runs.filter((r) => r.error);
  let out = '';
  if (result.findings.length > 0) {
    out += formatTextTable(
      ['Timestamp (UTC)', 'rule', 'techniques', 'device', 'account', 'evidence'],
      result.findings.map((f) => [f.timestamp ?? '-', f.title, f.techniques.join(' '), f.deviceName || f.deviceId || '-', f.account || '-', String(f.reportIds.length)]),
      { alignRight: [5] },
    );
  }
  const ms = result.runs.reduce((s, r) => s + r.ms, 0);
  out += `${result.findings.length} finding(s) from ${ruleCount} rule(s), now=${now.toISOString()}, ${Math.round(ms)} ms${failed.length ? `, ${failed.length} rule(s) failed` : ''}\n`;
  return out;
}

export function registerHunt(program: Command): void {
  const cmd = program
    .command('hunt')
    .description('run the hunt pack over a store, correlate the findings into incidents and print them, highest risk first')
    .option('--db <file>', 'DuckDB store file', DEFAULT_STORE_PATH)
    .option('--now <iso>', "pin now()/ago(): an ISO-8601 time, or 'latest' for the store's last event (default: the wall clock)")
    .option('--lookback <timespan>', "window before now, overriding each rule's lookback (e.g. 72h, 7d)")
    .option('--rules <dir>', 'rule folder or file (repeatable; default: the built-in pack)', collect, [])
    .option('--only <id>', 'run only this rule: id, name or file slug (repeatable)', collect, [])
    .option('--format <fmt>', 'text (incident summary and indicators) or json ({"incidents":[…],"findings":[…]})', 'text');
  addIncidentOptions(addEngineOptions(cmd))
    .action(async (opts: HuntCliOptions) => {
      if (opts.format !== 'text' && opts.format !== 'json') throw new CliError(`--format must be text or json, not '${opts.format}'`);
      if (opts.lookback !== undefined && !LOOKBACK_RE.test(opts.lookback)) throw new CliError(`--lookback must be a timespan such as 72h or 7d, not '${opts.lookback}'`);
      const inputs = prepareIncidentInputs(opts);
      const rules = loadRulesForCli(opts.rules, opts.only);
      const remote = isRemote(opts);
      const clickhouse = isClickHouse(opts);
      if (!remote && !clickhouse && opts.db !== ':memory:' && !existsSync(opts.db)) throw new CliError(`no store at ${opts.db} (pass --db, or create one with ingest or the simulator)`);
      if ((remote || clickhouse) && opts.now === 'latest') throw new CliError(`--now latest reads the local DuckDB store; with --engine ${opts.engine} give an ISO time or nothing`);
      const now = remote || clickhouse ? await resolveNow(opts.now, ':memory:') : await resolveNow(opts.now, opts.db);
      const engine = remote ? await openRemoteForCli(opts) : clickhouse ? await openClickHouseForCli(opts, opts.db) : await openHuntEngine({ db: opts.db });
      let result;
      let incidents;
      try {
        result = await runHuntsDetailed(engine, rules, { now, ...(opts.lookback ? { lookback: opts.lookback } : {}) });
        incidents = await incidentsForRun(engine, result, rules, inputs, opts.lookback);
      } finally {
        engine.close();
      }
      const failed = result.runs.filter((r) => r.error);
      for (const r of failed) process.stderr.write(`harrier: rule '${r.rule.rule.name}' (${r.rule.file}) failed: ${r.error!.message}\n`);
      if (opts.format === 'json') {
        process.stdout.write(`${JSON.stringify(huntJson(incidents, result.findings), null, 2)}\n`);
      } else {
        process.stdout.write(formatHuntIncidentsText(result, incidents, rules.length, now));
      }
      if (failed.length > 0) process.exitCode = 2;
    });
}
