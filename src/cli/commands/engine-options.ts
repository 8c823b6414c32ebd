/**
 * `--engine local|defender|loganalytics|adx` for `harrier query` and `harrier hunt`: the local
 * DuckDB engine by default, else a remote engine (src/connectors/remote-engine.ts) that sends the
 * KQL unchanged. Connector failures become CLI errors (exit 1, secrets already scrubbed).
 */
import type { Command } from 'commander';
import type { KqlEngine } from '../../engine/contract.js';
import { CliError } from '../cli-error.js';

export interface EngineCliOptions { engine?: string; workspace?: string; cluster?: string; database?: string }

export function addEngineOptions(cmd: Command): Command {
  return cmd
    .option('--engine <name>', 'where the KQL runs: local (the store) | defender | loganalytics | adx', 'local')
    .option('--workspace <id>', 'Log Analytics workspace id for --engine loganalytics (or HARRIER_LA_WORKSPACE)')
    .option('--cluster <url>', 'cluster URL for --engine adx (or HARRIER_ADX_CLUSTER)')
    .option('--database <name>', 'database for --engine adx (or HARRIER_ADX_DATABASE)');
}

export function isRemote(opts: EngineCliOptions): boolean {
  return opts.engine !== undefined && opts.engine !== 'local';
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
