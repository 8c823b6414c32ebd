/**
 * `harrier collect defender`: pulls Device* tables from Microsoft Defender (Graph runHuntingQuery)
 * into the store, window by window, resumable (src/connectors/collect-defender.ts). A progress bar
 * on a terminal (windows done, rows, rows/s); one summary line per table otherwise.
 */
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { DEFAULT_STORE_PATH } from '../../store/index.js';
import { MDE_TABLE_NAMES, findTable } from '../../schema/index.js';
import { CliError } from '../cli-error.js';

const collectList = (value: string, previous: string[]) => [...previous, ...value.split(',').map((s) => s.trim()).filter(Boolean)];

interface CollectCliOptions {
  db: string; device: string[]; all?: boolean; from?: string; to?: string; tables: string[];
  json?: boolean; rowCap?: string; window?: string;
}

function parseIso(name: string, s: string | undefined): Date {
  if (!s) throw new CliError(`${name} is required (an ISO-8601 UTC time, e.g. 2026-11-01T00:00:00Z)`);
  const d = new Date(s);
  if (Number.isNaN(d.getTime())) throw new CliError(`${name}: not an ISO-8601 time: ${s}`);
  return d;
}

export function registerCollect(program: Command): void {
  const collect = program.command('collect').description('pull telemetry from a remote source into the store');
  collect
    .command('defender')
    .description('pull Device* tables from Microsoft Defender through Graph runHuntingQuery (resumable, 45 calls/min)')
    .option('--db <file>', 'DuckDB store file', DEFAULT_STORE_PATH)
    .option('--device <name>', 'device name (full or short; repeatable or comma-separated)', collectList, [])
    .option('--all', 'every device')
    .option('--from <iso>', 'start of the time range (inclusive, UTC)')
    .option('--to <iso>', 'end of the time range (exclusive, UTC)')
    .option('--tables <name>', 'tables to pull (repeatable or comma-separated; default every Device* table)', collectList, [])
    .option('--row-cap <n>', 'rows at which an answer is taken as capped and its window split', '100000')
    .option('--window <hours>', 'first window width in hours (then adapted)', '6')
    .option('--json', 'print the summary as JSON')
    .action(async (opts: CollectCliOptions) => {
      if (opts.all && opts.device.length > 0) throw new CliError('give either --device or --all, not both');
      if (!opts.all && opts.device.length === 0) throw new CliError('name the devices with --device NAME (repeatable) or pass --all');
      const from = parseIso('--from', opts.from);
      const to = parseIso('--to', opts.to);
      if (to <= from) throw new CliError('--to must be after --from');
      const deviceTables = MDE_TABLE_NAMES.filter((t) => t.startsWith('Device'));
      const tables = opts.tables.length > 0 ? opts.tables.map((t) => {
        const def = findTable(t);
        if (!def || !def.name.startsWith('Device')) throw new CliError(`--tables: '${t}' is not a Device* table (known: ${deviceTables.join(', ')})`);
        return def.name;
      }) : deviceTables;
      const rowCap = Number(opts.rowCap);
      const windowHours = Number(opts.window);
      if (!Number.isInteger(rowCap) || rowCap < 1) throw new CliError('--row-cap must be a positive integer');
      if (!(windowHours > 0)) throw new CliError('--window must be a positive number of hours');
      const { collectDefender, graphAuth, ConnectorError } = await import('../../connectors/index.js');
      const tty = Boolean(process.stderr.isTTY) && !opts.json;
      const bar = tty ? new cliProgress.SingleBar({
        format: 'collect [{bar}] {percentage}% | {table} | windows {windows} | rows {rows} | {rate} rows/s | calls {calls}',
        stream: process.stderr, clearOnComplete: true, hideCursor: true,
      }, cliProgress.Presets.shades_classic) : undefined;
      bar?.start(tables.length * 100, 0, { table: tables[0], windows: 0, rows: 0, rate: 0, calls: 0 });
      let summary;
      let lastTable = '';
      try {
        const auth = graphAuth(process.env);
        summary = await collectDefender({
          db: opts.db, devices: opts.device, all: Boolean(opts.all), from, to, tables, auth, rowCap,
          initialWindowMs: Math.min(windowHours * 3_600_000, to.getTime() - from.getTime()),
          onLog: (line) => { if (bar) bar.update({}); else if (!opts.json) process.stderr.write(`harrier: ${line}\n`); },
          onProgress: (p) => {
            if (bar) bar.update(Math.round((p.tableIndex + p.fraction) * 100), { table: p.table, windows: p.windowsDone, rows: p.rows, rate: Math.round(p.rowsPerSecond), calls: p.calls });
            else if (!opts.json && p.table !== lastTable) { lastTable = p.table; process.stderr.write(`harrier: collecting ${p.table}\n`); }
          },
        });
      } catch (err) {
        bar?.stop();
        if (err instanceof ConnectorError) throw new CliError(`${err.message}\n(the checkpoint is kept: run the same command again to resume)`);
        throw err;
      }
      bar?.stop();
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
        return;
      }
      for (const [t, p] of Object.entries(summary.tables)) process.stdout.write(`${t}: ${p.rows} row(s) in ${p.windows} window(s)${p.done ? '' : ' (incomplete)'}\n`);
      process.stdout.write(`${summary.rowsStored} row(s) stored this run from ${summary.calls} call(s), ${summary.windows} window(s), ${summary.splits} split(s)${summary.resumed ? ', resumed from the checkpoint' : ''}${summary.rowsRejected ? `, ${summary.rowsRejected} rejected (see _harrier_rejects)` : ''}\n`);
    });
}
