#!/usr/bin/env node
/**
 * The `harrier` command line. Each subcommand lives in its own module under src/cli/commands/ and
 * only parses arguments and prints: the work is done by the pipeline stages it calls.
 */
import { Command } from 'commander';
import { registerCommands } from './commands/index.js';
import { CliError } from './cli-error.js';

const program = new Command();
program
  .name('harrier')
  .description('Local-first threat hunting over Microsoft Defender for Endpoint telemetry, with real KQL.')
  .version('0.1.0')
  .showHelpAfterError()
  .configureHelp({ sortSubcommands: false });

registerCommands(program);

// `harrier … | head` closes stdout early: stop quietly, as other Unix tools do.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CliError) {
    process.stderr.write(`harrier: ${err.message}\n`);
    process.exitCode = err.exitCode;
  } else {
    process.stderr.write(`harrier: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  }
}
