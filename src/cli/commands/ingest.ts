/**
 * `harrier ingest [--db F] [--table T] [--force] PATH...`: loads CSV exports, API JSON, streaming
 * JSON lines (.gz too) and Parquet into the store, one transaction per file, and prints one summary
 * line per file. Exit code 1 when any file failed; 0 (with a warning) when only rows were rejected.
 */
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Store } from '../../store/index.js';
import { DEFAULT_STORE_PATH, openStore } from '../../store/index.js';
import { ingestPaths, type FileSummary } from '../../ingest/index.js';
import { PROGRESS_MIN_BYTES } from '../../ingest/ingest-file.js';
import { CliError } from '../cli-error.js';
import { MDE_TABLE_NAMES, findTable } from '../../schema/index.js';

interface IngestCliOptions {
  db: string;
  engine: string;
  clickhouseUrl?: string;
  table?: string;
  force?: boolean;
  json?: boolean;
}

const n = (x: number) => x.toLocaleString('en-US');

export function formatSummary(s: FileSummary): string {
  if (s.status === 'skipped') return `skipped  ${s.file}: ${s.message ?? ''}\n`;
  if (s.status === 'failed') return `FAILED   ${s.file}${s.format ? ` (${s.format})` : ''}: ${s.message ?? 'error'}\n`;
  const tables = s.tables.map((t) => t.table).join(', ') || '-';
  const lines = [`stored   ${s.file} (${s.format}) → ${tables}: read ${n(s.read)}, stored ${n(s.stored)}, rejected ${n(s.rejected)} [${s.seconds.toFixed(1)} s]`];
  if (s.tables.length > 1) for (const t of s.tables) lines.push(`           ${t.table}: stored ${n(t.stored)}, rejected ${n(t.rejected)}`);
  for (const note of s.notes) lines.push(`  note: ${note}`);
  return `${lines.join('\n')}\n`;
}

export function formatTotals(all: readonly FileSummary[]): string {
  const count = (st: string) => all.filter((s) => s.status === st).length;
  const sum = (k: 'read' | 'stored' | 'rejected') => all.reduce((a, s) => a + s[k], 0);
  return `${all.length} file(s): ${count('stored')} stored, ${count('skipped')} skipped, ${count('failed')} failed; ` +
    `rows read ${n(sum('read'))}, stored ${n(sum('stored'))}, rejected ${n(sum('rejected'))}\n`;
}

/** The DuckDB journal inside a chDB data folder: bookkeeping, rejects, and rows not yet moved. */
export const CHDB_JOURNAL = 'harrier-journal.duckdb';
export const DEFAULT_CHDB_DIR = './harrier-chdb';
export const DEFAULT_CLICKHOUSE_JOURNAL_DIR = './harrier-clickhouse-journal';

/**
 * Moves the journal's MDE rows into chDB (the folder `dir`) or a ClickHouse server (`serverUrl`), one table at a time, deleting each table's journal rows
 * once ClickHouse has them. ClickHouse has no transaction across tables or partitions: if a move
 * fails midway, the tables already moved are gone from the journal, the failed one stays there and
 * moves on the next ingest — rows are never lost, and never loaded twice unless the INSERT itself
 * failed after writing some partitions (ClickHouse then says so in the error).
 */
async function moveJournalToClickHouse(store: Store, dir: string, serverUrl: string | undefined): Promise<{ table: string; rows: number }[]> {
  const { openChdb } = await import('../../engine/clickhouse/connection.js');
  const { openClickHouseServer } = await import('../../engine/clickhouse/server-connection.js');
  const { copyDuckdbToClickHouse } = await import('../../store/clickhouse/copy-from-duckdb.js');
  const { quoteIdent } = await import('../../sql/quote.js');
  let ch;
  try {
    ch = serverUrl ? openClickHouseServer({ url: serverUrl, env: process.env, writable: true }) : await openChdb(dir, { writable: true });
  } catch (err) {
    throw new CliError(err instanceof Error ? err.message : String(err));
  }
  const moved: { table: string; rows: number }[] = [];
  try {
    for (const name of MDE_TABLE_NAMES) {
      const copied = await copyDuckdbToClickHouse(store.connection, ch, { only: name });
      for (const c of copied) {
        await store.connection.run(`DELETE FROM ${quoteIdent(c.table)}`);
        moved.push(c);
      }
    }
  } finally {
    ch.close();
  }
  return moved;
}

export function registerIngest(program: Command): void {
  program
    .command('ingest')
    .description('load Defender exports (CSV, API JSON, streaming JSON lines, Parquet; files or folders) into the store')
    .argument('<paths...>', 'files or folders (searched recursively)')
    .option('--db <file>', 'DuckDB store file; with --engine chdb the chDB data folder (default ./harrier-chdb), with --engine clickhouse the local journal folder (default ./harrier-clickhouse-journal)', DEFAULT_STORE_PATH)
    .option('--engine <name>', 'duckdb (the store file) | chdb (validated in a DuckDB journal inside the --db folder, then loaded into chDB there) | clickhouse (journal in the --db folder, rows loaded into the --clickhouse-url server)', 'duckdb')
    .option('--clickhouse-url <url>', 'ClickHouse server for --engine clickhouse (or HARRIER_CLICKHOUSE_URL; user/password from HARRIER_CLICKHOUSE_USER/PASSWORD)')
    .option('--table <name>', 'load every file into this MDE table instead of inferring it')
    .option('--force', 're-ingest files already ingested (same sha256)')
    .option('--json', 'print the summaries as JSON')
    .action(async (paths: string[], opts: IngestCliOptions) => {
      if (opts.table && !findTable(opts.table)) {
        throw new CliError(`unknown table '${opts.table}' (known: ${MDE_TABLE_NAMES.join(', ')})`);
      }
      if (!['duckdb', 'chdb', 'clickhouse'].includes(opts.engine)) throw new CliError(`--engine must be duckdb, chdb or clickhouse, not '${opts.engine}'`);
      const chdb = opts.engine !== 'duckdb';
      const serverUrl = opts.engine === 'clickhouse' ? (opts.clickhouseUrl ?? process.env['HARRIER_CLICKHOUSE_URL']) : undefined;
      if (opts.engine === 'clickhouse' && !serverUrl) throw new CliError('--engine clickhouse needs --clickhouse-url URL (or HARRIER_CLICKHOUSE_URL)');
      if (chdb && opts.db === DEFAULT_STORE_PATH) opts.db = opts.engine === 'chdb' ? DEFAULT_CHDB_DIR : DEFAULT_CLICKHOUSE_JOURNAL_DIR;
      if (chdb) mkdirSync(opts.db, { recursive: true });
      // chdb: every file is validated and journaled exactly as for DuckDB (rejects, sha256 skips) in
      // a journal store inside the folder; its rows then move to chDB (see moveJournalToChdb).
      const store = await openStore(chdb ? join(opts.db, CHDB_JOURNAL) : opts.db);
      const tty = Boolean(process.stderr.isTTY) && !opts.json;
      let bar: cliProgress.SingleBar | undefined;
      let summaries: FileSummary[];
      try {
        summaries = await ingestPaths(store, paths, {
          ...(opts.table ? { table: opts.table } : {}),
          force: Boolean(opts.force),
          onFileStart: (file, bytes) => {
            if (!tty || bytes < PROGRESS_MIN_BYTES) return;
            bar = new cliProgress.SingleBar({ format: `${basename(file)} [{bar}] {percentage}%`, stream: process.stderr, clearOnComplete: true }, cliProgress.Presets.shades_classic);
            bar.start(100, 0);
          },
          onProgress: (_file, fraction) => bar?.update(Math.round(fraction * 100)),
          onFileDone: (s) => {
            bar?.stop();
            bar = undefined;
            if (!opts.json) process.stdout.write(formatSummary(s));
          },
        });
        if (chdb) {
          const moved = await moveJournalToClickHouse(store, opts.db, serverUrl);
          if (!opts.json) for (const m of moved) process.stdout.write(`${opts.engine.padEnd(8)} ${m.table}: ${n(m.rows)} row(s) loaded into ${serverUrl ?? opts.db}\n`);
        }
      } finally {
        bar?.stop();
        store.close();
      }
      if (opts.json) process.stdout.write(`${JSON.stringify(summaries, null, 2)}\n`);
      else if (summaries.length > 1) process.stdout.write(formatTotals(summaries));
      if (summaries.length === 0) throw new CliError('no ingestible files found (.csv, .json, .jsonl, .ndjson, .parquet, .gz)');
      const rejected = summaries.reduce((a, s) => a + s.rejected, 0);
      const failed = summaries.filter((s) => s.status === 'failed');
      if (rejected > 0) process.stderr.write(`harrier: warning: ${n(rejected)} row(s) rejected; see table _harrier_rejects\n`);
      if (failed.length > 0) {
        for (const f of failed) process.stderr.write(`harrier: ${f.file}: ${f.message ?? 'failed'}\n`);
        process.exitCode = 1;
      }
    });
}
