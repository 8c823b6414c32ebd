/** The list of subcommands, in the order `--help` shows them. */
import type { Command } from 'commander';
import { registerTables } from './tables.js';

export function registerCommands(program: Command): void {
  registerTables(program);
}
