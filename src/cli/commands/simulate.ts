/** `harrier simulate`: writes a labelled, realistic MDE estate (DuckDB store, or CSV / JSON-lines exports). */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { CliError } from '../cli-error.js';
import { DEFAULT_END, SCENARIOS, simulate, type OutputFormat, type ScenarioName } from '../../simulate/simulate.js';
import { formatTextTable } from '../text-table.js';

interface SimulateCliOptions {
  out: string;
  devices: string;
  hours: string;
  end: string;
  seed: string;
  scenario: string;
  format: string;
  tz: string;
  intensity: string;
  force?: boolean;
}

export function parseScenarios(text: string): ScenarioName[] {
  if (text.trim() === 'none') return [];
  const names = text.split(',').map((s) => s.trim()).filter(Boolean);
  for (const n of names) if (!(SCENARIOS as readonly string[]).includes(n)) throw new CliError(`unknown scenario '${n}' (known: ${SCENARIOS.join(', ')}, or none)`, 2);
  return names as ScenarioName[];
}

function positive(name: string, text: string, integer = true): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) throw new CliError(`--${name} must be a positive ${integer ? 'integer' : 'number'}, got '${text}'`, 2);
  return n;
}

export function registerSimulate(program: Command): void {
  program
    .command('simulate')
    .description('simulate a realistic enterprise of MDE telemetry with planted, labelled attack scenarios')
    .requiredOption('--out <path>', 'output: a DuckDB store file (--format duckdb) or a directory (csv, jsonl)')
    .option('--devices <n>', 'number of devices (workstations and servers)', '200')
    .option('--hours <h>', 'length of the simulated window in hours', '72')
    .option('--end <iso>', `end of the window (exclusive, UTC); fixed default so runs are reproducible`, DEFAULT_END)
    .option('--seed <s>', 'random seed: the same arguments give the same data', '1')
    .option('--scenario <list>', `comma-separated scenarios to plant (${SCENARIOS.join(', ')}) or none`, SCENARIOS.join(','))
    .option('--format <fmt>', 'duckdb, csv (portal export shape) or jsonl (streaming API shape)', 'duckdb')
    .option('--tz <zones>', 'comma-separated IANA time zones assigned to users in turn', 'UTC')
    .option('--intensity <x>', 'multiplier on user activity (volume)', '1')
    .option('--force', 'replace an existing output store')
    .addHelpText('after', `\nThe default --end is ${DEFAULT_END} (a Wednesday noon), never the wall clock, so the same\narguments always give byte-identical table contents. Ground truth is in the _harrier_truth table\n(or _harrier_truth.csv); pip-exfil also writes an HR watchlist CSV (Purview HR-connector shape).`)
    .action(async (o: SimulateCliOptions) => {
      if (!['duckdb', 'csv', 'jsonl'].includes(o.format)) throw new CliError(`--format must be duckdb, csv or jsonl, got '${o.format}'`, 2);
      if (Number.isNaN(Date.parse(o.end))) throw new CliError(`--end must be an ISO-8601 instant, got '${o.end}'`, 2);
      if (o.format === 'duckdb' && existsSync(o.out) && !o.force) throw new CliError(`${o.out} exists; use --force to replace it`, 2);
      const zones = o.tz.split(',').map((z) => z.trim()).filter(Boolean);
      for (const z of zones) {
        try {
          new Intl.DateTimeFormat('en-US', { timeZone: z });
        } catch {
          throw new CliError(`--tz: unknown time zone '${z}'`, 2);
        }
      }
      const seed = Number(o.seed);
      if (!Number.isInteger(seed)) throw new CliError(`--seed must be an integer, got '${o.seed}'`, 2);
      const summary = await simulate({
        out: o.out, devices: positive('devices', o.devices), hours: positive('hours', o.hours, false), end: o.end, seed,
        scenarios: parseScenarios(o.scenario), format: o.format as OutputFormat, timeZones: zones,
        intensity: positive('intensity', o.intensity, false),
      });
      process.stdout.write(formatTextTable(['table', 'rows'], summary.tables.map((t) => [t.table, t.rows.toLocaleString('en-US')]), { alignRight: [1] }));
      process.stdout.write(`\n${summary.events.toLocaleString('en-US')} events, ${summary.devices} devices, ${summary.start} → ${summary.end}, ${summary.planted} planted events, ` +
        `${summary.totalSeconds.toFixed(1)} s (${Math.round(summary.events / summary.totalSeconds).toLocaleString('en-US')} events/s)\n`);
      for (const f of summary.files) process.stdout.write(`wrote ${f}\n`);
    });
}
