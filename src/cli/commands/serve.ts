/**
 * `harrier serve`: the console's HTTP server and JSON API over one store (see docs/CONSOLE.md).
 * 127.0.0.1 by default; any other --host needs HARRIER_TOKEN, which every API call must send.
 */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { DEFAULT_STORE_PATH } from '../../store/index.js';
import { CliError } from '../cli-error.js';
import { loadRulesForCli } from './hunt.js';
import { resolveNow } from './resolve-now.js';
import { addIncidentOptions, prepareIncidentInputs, type IncidentCliOptions } from './incident-options.js';

interface ServeCliOptions extends IncidentCliOptions { db: string; host: string; port: string; now?: string; queryTimeout: string; quiet?: boolean }

export function registerServe(program: Command): void {
  const cmd = program
    .command('serve')
    .description('serve the web console and its JSON API over a store (127.0.0.1 by default)')
    .option('--db <file>', 'DuckDB store file', DEFAULT_STORE_PATH)
    .option('--host <address>', 'address to bind; anything but loopback needs HARRIER_TOKEN', '127.0.0.1')
    .option('--port <n>', 'port (0 = any free port)', '8717')
    .option('--now <iso>', "pin now()/ago() for every query and hunt: ISO-8601, or 'latest' for the store's last event (API calls may pass now)")
    .option('--query-timeout <seconds>', 'time limit of one query', '60')
    .option('--quiet', 'do not log requests');
  addIncidentOptions(cmd).action(async (opts: ServeCliOptions) => {
    const port = Number(opts.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`--port must be 0–65535, not '${opts.port}'`);
    const timeout = Number(opts.queryTimeout);
    if (!(timeout > 0)) throw new CliError(`--query-timeout must be a positive number of seconds, not '${opts.queryTimeout}'`);
    if (!existsSync(opts.db)) throw new CliError(`no store at ${opts.db}: run \`npm start\` (the demo) or \`harrier simulate\`/\`harrier ingest\` first`);
    const { startServer } = await import('../../server/server.js');
    const now = opts.now === undefined ? undefined : await resolveNow(opts.now, opts.db);
    const token = process.env['HARRIER_TOKEN'] || undefined;
    let server;
    try {
      server = await startServer({
        db: opts.db, host: opts.host, port, queryTimeoutMs: timeout * 1000, rules: loadRulesForCli([]), incidentInputs: prepareIncidentInputs(opts), watchlistFiles: opts.watchlist,
        ...(now ? { now } : {}), ...(token ? { token } : {}),
        ...(opts.quiet ? {} : { log: (line: string) => process.stderr.write(`${new Date().toISOString()} ${line}\n`) }),
      });
    } catch (err) {
      throw new CliError((err as Error).message);
    }
    process.stdout.write(`Harrier console on ${server.url}  (store ${opts.db}${now ? `, now=${now.toISOString()}` : ''}; Ctrl+C to stop)\n`);
    const stop = () => { void server.close().then(() => process.exit(0)); };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
