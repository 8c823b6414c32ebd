/**
 * `--engine local|chdb|defender|loganalytics|adx` for `harrier query` and `harrier hunt`: the local
 * DuckDB engine by default; chdb compiles the KQL to ClickHouse SQL over a chDB data folder (--db
 * DIR); the others are remote engines (src/connectors/remote-engine.ts) that send the KQL
 * unchanged. Connector failures become CLI errors (exit 1, secrets already scrubbed).
 */
import type { Command } from 'commander';
import type { KqlEngine } from '../../engine/contract.js';
import { CliError } from '../cli-error.js';

export interface EngineCliOptions { engine?: string; workspace?: string; cluster?: string; database?: string; clickhouseUrl?: string }

export function addEngineOptions(cmd: Command): Command {
  return cmd
    .option('--engine <name>', 'where the KQL runs: local (the DuckDB store) | chdb (a chDB data folder given by --db) | clickhouse (a server, --clickhouse-url) | defender | loganalytics | adx', 'local')
    .option('--clickhouse-url <url>', 'ClickHouse server for --engine clickhouse, e.g. https://ch.example:8443 (or HARRIER_CLICKHOUSE_URL; user/password from HARRIER_CLICKHOUSE_USER/PASSWORD)')
    .option('--workspace <id>', 'Log Analytics workspace id for --engine loganalytics (or HARRIER_LA_WORKSPACE)')
    .option('--cluster <url>', 'cluster URL for --engine adx (or HARRIER_ADX_CLUSTER)')
    .option('--database <name>', 'database for --engine adx (or HARRIER_ADX_DATABASE)');
}

export function isRemote(opts: EngineCliOptions): boolean {
  return opts.engine !== undefined && opts.engine !== 'local' && !isClickHouse(opts);
}

/** chdb or clickhouse: Harrier compiles the KQL to ClickHouse SQL. */
export function isClickHouse(opts: EngineCliOptions): boolean {
  return opts.engine === 'chdb' || opts.engine === 'clickhouse';
}

/** The ClickHouse KQL engine the options name: a chDB folder (--db) or a server (--clickhouse-url). */
export async function openClickHouseForCli(opts: EngineCliOptions, db: string | undefined): Promise<KqlEngine> {
  if (opts.engine === 'chdb') return openChdbForCli(db);
  const url = opts.clickhouseUrl ?? process.env['HARRIER_CLICKHOUSE_URL'];
  if (!url) throw new CliError('--engine clickhouse needs --clickhouse-url URL (or HARRIER_CLICKHOUSE_URL)');
  const { openClickHouseServer, ClickHouseServerError } = await import('../../engine/clickhouse/server-connection.js');
  const { openClickHouseEngine } = await import('../../engine/clickhouse/engine.js');
  try {
    return await openClickHouseEngine(openClickHouseServer({ url, env: process.env, writable: false }));
  } catch (err) {
    if (err instanceof ClickHouseServerError) throw new CliError(err.message);
    throw err;
  }
}

/** The KQL engine over the chDB data folder `dir` (read-only). */
export async function openChdbForCli(dir: string | undefined): Promise<KqlEngine> {
  if (!dir) throw new CliError('--engine chdb needs --db DIR, the chDB data folder (harrier ingest --engine chdb --db DIR fills it)');
  const { existsSync } = await import('node:fs');
  if (!existsSync(dir)) throw new CliError(`no chDB data folder at ${dir} (harrier ingest --engine chdb --db ${dir} creates it)`);
  const { openChdb } = await import('../../engine/clickhouse/connection.js');
  const { openClickHouseEngine } = await import('../../engine/clickhouse/engine.js');
  let conn;
  try {
    conn = await openChdb(dir, { writable: false });
  } catch (err) {
    throw new CliError(err instanceof Error ? err.message : String(err));
  }
  return openClickHouseEngine(conn);
}

/** The remote engine named by the options, with connector errors turned into CLI errors. */
export async function openRemoteForCli(opts: EngineCliOptions): Promise<KqlEngine> {
  const { openRemoteEngine, ConnectorError, REMOTE_ENGINES } = await import('../../connectors/index.js');
  const name = opts.engine as (typeof REMOTE_ENGINES)[number];
  if (!REMOTE_ENGINES.includes(name)) throw new CliError(`--engine must be local, ${REMOTE_ENGINES.join(', ')}; not '${opts.engine}'`);
  const asCli = (err: unknown): never => {
    if (err instanceof ConnectorError) throw new CliError(err.message);
    throw err;
  };
  let engine: KqlEngine;
  try {
    engine = openRemoteEngine({
      engine: name, env: process.env,
      ...(opts.workspace ? { workspace: opts.workspace } : {}), ...(opts.cluster ? { cluster: opts.cluster } : {}), ...(opts.database ? { database: opts.database } : {}),
      onLog: (line) => process.stderr.write(`harrier: ${line}\n`),
    });
  } catch (err) {
    return asCli(err);
  }
  return {
    query: (text, options) => engine.query(text, options).catch(asCli),
    explain: (text, options) => engine.explain(text, options),
    close: () => engine.close(),
  };
}
