/**
 * `harrier query`: runs KQL against a store (or an empty in-memory one) and prints the result as a
 * table, CSV, JSON or JSON lines; `--batch` runs many queries in one process with one warm parser.
 * Query errors exit with code 2 and show each diagnostic with line:column and a caret.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { CliError } from '../cli-error.js';
import { addEngineOptions, isClickHouse, isRemote, openClickHouseForCli, openRemoteForCli, type EngineCliOptions } from './engine-options.js';

interface QueryOpts extends EngineCliOptions {
  db?: string; now?: string; format: string; maxRows: string; timing?: boolean; dump?: string; file?: string;
  batch?: string; timeoutMs?: string; externalDataDir?: string;
}

function csvCell(v: unknown): string {
  const s = v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

function parseNow(s: string | undefined): Date | undefined {
  if (!s) return undefined;
  const d = new Date(s);
  if (Number.isNaN(d.getTime())) throw new CliError(`--now: not an ISO date: ${s}`);
  return d;
}

export function registerQuery(program: Command): void {
  addEngineOptions(program
    .command('query'))
    .description('run a KQL query (Defender Advanced Hunting dialect) against the store')
    .argument('[query]', "KQL text, or '-' to read stdin")
    .option('--db <file>', 'DuckDB store file (default: an empty in-memory store); with --engine chdb, the chDB data folder')
    .option('--now <iso>', 'pin now()/ago() to this UTC instant')
    .option('--format <fmt>', 'table | csv | json | jsonl', 'table')
    .option('--max-rows <n>', 'row cap (0 = unlimited)', '10000')
    .option('--timeout-ms <n>', 'execution time limit in ms', '600000')
    .option('--timing', 'print parse/translate/execute timings to stderr')
    .option('--dump <stage>', 'print a stage instead of running: syntax | ir | sql')
    .option('-f, --file <file>', 'read the query from a file')
    .option('--batch <file>', 'JSON lines of {"id","query","now"?}; prints one JSON line per query')
    .option('--external-data-dir <dir>', 'folder that externaldata may read local files from')
    .action(async (queryArg: string | undefined, opts: QueryOpts) => {
      const { openEngine, QueryError, formatDiagnostics } = await import('../../engine/index.js');
      const maxRows = Number(opts.maxRows);
      const timeoutMs = Number(opts.timeoutMs);
      if (!Number.isInteger(maxRows) || maxRows < 0) throw new CliError('--max-rows must be a non-negative integer');
      const now = parseNow(opts.now);
      if (isRemote(opts) && opts.dump) throw new CliError(`--dump shows local stages; --engine ${opts.engine} sends the KQL unchanged`);
      if (isRemote(opts) && now) process.stderr.write(`harrier: --now is not applied by --engine ${opts.engine}: the service's clock drives now()/ago()\n`);
      const engine = isRemote(opts) ? await openRemoteForCli(opts)
        : isClickHouse(opts) ? await openClickHouseForCli(opts, opts.db)
        : await openEngine({ db: opts.db, externalDataDir: opts.externalDataDir });
      try {
        if (opts.batch) {
          const lines = readFileSync(opts.batch, 'utf8').split('\n').filter((l) => l.trim());
          for (const line of lines) {
            let id: unknown = null;
            try {
              const item = JSON.parse(line) as { id: unknown; query: string; now?: string };
              id = item.id;
              const r = await engine.query(item.query, { now: parseNow(item.now) ?? now, maxRows, timeoutMs });
              process.stdout.write(`${JSON.stringify({ id, columns: r.columns, rows: r.rows })}\n`);
            } catch (err) {
              const code = err instanceof QueryError ? (err.diagnostics[0]?.code ?? 'QUERY') : 'INTERNAL';
              process.stdout.write(`${JSON.stringify({ id, error: { code, message: err instanceof Error ? err.message : String(err) } })}\n`);
            }
          }
          return;
        }
        let text: string;
        if (opts.file) text = readFileSync(opts.file, 'utf8');
        else if (queryArg === '-' || queryArg === undefined) text = readFileSync(0, 'utf8');
        else text = queryArg;
        try {
          if (opts.dump) {
            const x = engine.explain(text, { now, maxRows });
            const stage = opts.dump as 'syntax' | 'ir' | 'sql';
            if (!['syntax', 'ir', 'sql'].includes(stage)) throw new CliError('--dump must be syntax, ir or sql');
            process.stdout.write(`${x[stage]}\n`);
            return;
          }
          const r = await engine.query(text, { now, maxRows, timeoutMs });
          if (opts.timing) process.stderr.write(`${JSON.stringify({ parseMs: r.timings.parseMs, translateMs: r.timings.translateMs, executeMs: r.timings.executeMs, totalMs: r.timings.totalMs })}\n`);
          const names = r.columns.map((c) => c.name);
          switch (opts.format) {
            case 'json': process.stdout.write(`${JSON.stringify({ columns: r.columns, rows: r.rows })}\n`); break;
            case 'jsonl': for (const row of r.rows) process.stdout.write(`${JSON.stringify(Object.fromEntries(names.map((n, i) => [n, row[i]])))}\n`); break;
            case 'csv': process.stdout.write(`${[names, ...r.rows].map((row) => row.map(csvCell).join(',')).join('\n')}\n`); break;
            case 'table': {
              const { formatTextTable } = await import('../text-table.js');
              process.stdout.write(formatTextTable(names, r.rows.map((row) => row.map((v) => (v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v))))));
              break;
            }
            default: throw new CliError(`unknown --format ${opts.format}`);
          }
          if (r.truncated) process.stderr.write(`harrier: result truncated to ${maxRows} rows (use --max-rows 0 for all)\n`);
        } catch (err) {
          if (err instanceof QueryError) {
            process.stderr.write(`${err.diagnostics.some((d) => d.line !== undefined) ? formatDiagnostics(text, err.diagnostics) : err.message}\n`);
            process.exitCode = 2;
            return;
          }
          throw err;
        }
      } finally {
        engine.close();
      }
    });
}
