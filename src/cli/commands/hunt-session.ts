/**
 * The hunt session shared by `harrier report` and `harrier evidence export`: validates the common
 * options, reads the store's facts, opens the engine, runs the pack and correlates the findings.
 * The caller closes `engine` when done.
 */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { DEFAULT_STORE_PATH } from '../../store/index.js';
import { openHuntEngine, runHuntsDetailed, type HuntRun, type LoadedRule } from '../../hunts/index.js';
import { LOOKBACK_RE } from '../../hunts/rule-schema.js';
import type { KqlEngine } from '../../engine/contract.js';
import type { Incident } from '../../correlate/build.js';
import { readStoreFacts, type StoreFacts } from '../../report/store-facts.js';
import { CliError } from '../cli-error.js';
import { loadRulesForCli } from './hunt.js';
import { resolveNow } from './resolve-now.js';
import { incidentsForRun, type IncidentInputs } from '../../correlate/for-run.js';
import { addIncidentOptions, prepareIncidentInputs, type IncidentCliOptions } from './incident-options.js';

const collect = (value: string, previous: string[]) => [...previous, value];

export interface HuntSessionOptions extends IncidentCliOptions {
  db: string; now?: string; lookback?: string; rules: string[];
}

export interface HuntSession {
  readonly facts: StoreFacts;
  readonly rules: readonly LoadedRule[];
  readonly run: HuntRun;
  readonly incidents: readonly Incident[];
  readonly engine: KqlEngine;
  readonly inputs: IncidentInputs;
}

export function addHuntSessionOptions(cmd: Command): Command {
  cmd
    .option('--db <file>', 'DuckDB store file', DEFAULT_STORE_PATH)
    .option('--now <iso>', "pin now()/ago(): an ISO-8601 time, or 'latest' for the store's last event (default: the wall clock)")
    .option('--lookback <timespan>', "window before now, overriding each rule's lookback (e.g. 72h, 7d)")
    .option('--rules <dir>', 'rule folder or file (repeatable; default: the built-in pack)', collect, []);
  return addIncidentOptions(cmd);
}

export async function openHuntSession(opts: HuntSessionOptions): Promise<HuntSession> {
  if (opts.lookback !== undefined && !LOOKBACK_RE.test(opts.lookback)) throw new CliError(`--lookback must be a timespan such as 72h or 7d, not '${opts.lookback}'`);
  if (!existsSync(opts.db)) throw new CliError(`no store at ${opts.db} (pass --db, or create one with ingest or the simulator)`);
  const inputs = prepareIncidentInputs(opts);
  const rules = loadRulesForCli(opts.rules);
  const now = await resolveNow(opts.now, opts.db);
  const facts = await readStoreFacts(opts.db);
  const engine = await openHuntEngine({ db: opts.db });
  try {
    const run = await runHuntsDetailed(engine, rules, { now, ...(opts.lookback ? { lookback: opts.lookback } : {}) });
    for (const r of run.runs.filter((x) => x.error)) process.stderr.write(`harrier: rule '${r.rule.rule.name}' (${r.rule.file}) failed: ${r.error!.message}\n`);
    const incidents = await incidentsForRun(engine, run, rules, inputs, opts.lookback);
    return { facts, rules, run, incidents, engine, inputs };
  } catch (err) {
    engine.close();
    throw err;
  }
}
