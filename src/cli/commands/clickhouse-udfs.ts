/**
 * `harrier clickhouse-udfs`: the executable-UDF declarations that let a ClickHouse server run the
 * functions Harrier computes in JavaScript (geo, series_*, sketches, gzip/punycode…). chDB gets
 * them automatically; a server needs Harrier installed on its host and this file in its config.
 */
import type { Command } from 'commander';
import { runnerCommand, udfDeclarations } from '../../engine/clickhouse/udf-config.js';

export function registerClickHouseUdfs(program: Command): void {
  program
    .command('clickhouse-udfs')
    .description("print the executable-UDF config a ClickHouse server needs for Harrier's JavaScript functions (geo, series_*, sketches…); run it on the server host and save it as e.g. /etc/clickhouse-server/harrier_function.xml")
    .option('--node <path>', 'Node.js 20 binary on the server host', process.execPath)
    .option('--runner <path>', "Harrier's UDF runner on the server host (this installation's by default)")
    .action(async (opts: { node: string; runner?: string }) => {
      const [, ...rest] = runnerCommand();
      const command = opts.runner ? [opts.node, opts.runner] : [opts.node, ...rest];
      process.stdout.write(await udfDeclarations(command));
    });
}
