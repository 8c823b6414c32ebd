/**
 * The hunt session shared by `harrier report` and `harrier evidence export`: validates the common
 * options, reads the store's facts, opens the engine, runs the pack and correlates the findings.
 * The caller closes `engine` when done.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { DEFAULT_STORE_PATH } from '../../store/index.js';
import { openHuntEngine, runHuntsDetailed, type HuntRun, type LoadedRule } from '../../hunts/index.js';
import { LOOKBACK_RE } from '../../hunts/rule-schema.js';
import type { KqlEngine } from '../../engine/contract.js';
import type { Incident } from '../../correlate/build.js';
import { readStoreFacts, type StoreFacts } from '../../report/store-facts.js';
import { readEngineStoreFacts, type EngineStoreOptions } from '../../report/engine-facts.js';
import { CHDB_JOURNAL, DEFAULT_CLICKHOUSE_JOURNAL_DIR } from './ingest.js';
import { isClickHouse, openClickHouseForCli } from './engine-options.js';
import { CliError } from '../cli-error.js';
import { loadRulesForCli } from './hunt.js';
import { resolveNow } from './resolve-now.js';
import { incidentsForRun, type IncidentInputs } from '../../correlate/for-run.js';
import { addIncidentOptions, prepareIncidentInputs, type IncidentCliOptions } from './incident-options.js';

const collect = (value: string, previous: string[]) => [...previous, value];

export interface HuntSessionOptions extends IncidentCliOptions {
  db: string; now?: string; lookback?: string; rules: string[]; engine: string; clickhouseUrl?: string;
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
    .option('--rules <dir>', 'rule folder or file (repeatable; default: the built-in pack)', collect, [])
    .option('--engine <name>', 'where the store is: local (the DuckDB file --db) | chdb (the chDB data folder --db) | clickhouse (a server, --clickhouse-url)', 'local')
    .option('--clickhouse-url <url>', 'ClickHouse server for --engine clickhouse (or HARRIER_CLICKHOUSE_URL; user/password from HARRIER_CLICKHOUSE_USER/PASSWORD)');
  return addIncidentOptions(cmd);
}

/** How the report names a ClickHouse store and where its ingest journal is. */
function clickhouseStore(opts: HuntSessionOptions): EngineStoreOptions {
  if (opts.engine === 'chdb') return { path: opts.db, locator: ['--engine', 'chdb', '--db', opts.db], journal: join(opts.db, CHDB_JOURNAL) };
  const url = new URL(opts.clickhouseUrl ?? process.env['HARRIER_CLICKHOUSE_URL'] ?? '');
  // Credentials never reach the report.
  url.username = '';
  url.password = '';
  const journalDir = opts.db === DEFAULT_STORE_PATH ? DEFAULT_CLICKHOUSE_JOURNAL_DIR : opts.db;
  return { path: url.toString(), locator: ['--engine', 'clickhouse', '--clickhouse-url', url.toString()], journal: join(journalDir, CHDB_JOURNAL) };
}

export async function openHuntSession(opts: HuntSessionOptions): Promise<HuntSession> {
  if (opts.lookback !== undefined && !LOOKBACK_RE.test(opts.lookback)) throw new CliError(`--lookback must be a timespan such as 72h or 7d, not '${opts.lookback}'`);
  if (opts.engine !== 'local' && !isClickHouse(opts)) throw new CliError(`--engine must be local, chdb or clickhouse, not '${opts.engine}'`);
  const clickhouse = isClickHouse(opts);
  if (!clickhouse && !existsSync(opts.db)) throw new CliError(`no store at ${opts.db} (pass --db, or create one with ingest or the simulator)`);
  if (clickhouse && opts.now === 'latest') throw new CliError(`--now latest reads the local DuckDB store; with --engine ${opts.engine} give an ISO time or nothing`);
  const inputs = prepareIncidentInputs(opts);
  const rules = loadRulesForCli(opts.rules);
  const now = await resolveNow(opts.now, clickhouse ? ':memory:' : opts.db);
  const engine = clickhouse ? await openClickHouseForCli(opts, opts.db) : await openHuntEngine({ db: opts.db });
  try {
    const facts = clickhouse ? await readEngineStoreFacts(engine, clickhouseStore(opts)) : await readStoreFacts(opts.db);
    const run = await runHuntsDetailed(engine, rules, { now, ...(opts.lookback ? { lookback: opts.lookback } : {}) });
    for (const r of run.runs.filter((x) => x.error)) process.stderr.write(`harrier: rule '${r.rule.rule.name}' (${r.rule.file}) failed: ${r.error!.message}\n`);
    const incidents = await incidentsForRun(engine, run, rules, inputs, opts.lookback);
    return { facts, rules, run, incidents, engine, inputs };
  } catch (err) {
    engine.close();
    throw err;
  }
}
