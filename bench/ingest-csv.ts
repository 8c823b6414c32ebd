/**
 * Ingest speed: a DeviceNetworkEvents CSV export (1,000,000 rows by default, all 44 columns,
 * realistic values) loaded into a fresh store file with ingestPaths. Only the ingest is timed
 * (hashing, CSV load, bookkeeping, commit). Run: node --import tsx bench/ingest-csv.ts [rows]
 * Files go to bench/out/ (git-ignored); the CSV is reused between runs.
 */
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { openStore } from '../src/store/index.js';
import { ingestPaths } from '../src/ingest/index.js';
import { writeNetworkCsv } from './gen-network-csv.js';

const rows = Number(process.argv[2] ?? 1_000_000);
const out = fileURLToPath(new URL('./out/', import.meta.url));
mkdirSync(out, { recursive: true });
const csvPath = join(out, `DeviceNetworkEvents-${rows}.csv`);
if (!existsSync(csvPath)) {
  process.stdout.write(`generating ${csvPath} …\n`);
  await writeNetworkCsv(csvPath, rows);
}
const dbPath = join(out, 'bench-ingest.duckdb');
rmSync(dbPath, { force: true });
rmSync(`${dbPath}.wal`, { force: true });

const store = await openStore(dbPath);
const load = loadavg()[0]!.toFixed(2);
const cpu0 = process.cpuUsage();
const t0 = process.hrtime.bigint();
const [summary] = await ingestPaths(store, [csvPath]);
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
const cpu = process.cpuUsage(cpu0);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
store.close();
rmSync(dbPath, { force: true });
rmSync(`${dbPath}.wal`, { force: true });

if (!summary || summary.status !== 'stored' || summary.stored !== rows) {
  process.stderr.write(`unexpected result: ${JSON.stringify(summary)}\n`);
  process.exit(1);
}
const mb = statSync(csvPath).size / 1e6;
process.stdout.write(
  `ingested ${rows.toLocaleString('en-US')} rows (${mb.toFixed(0)} MB) in ${seconds.toFixed(2)} s: ` +
    `${Math.round(rows / seconds).toLocaleString('en-US')} rows/s, ${(mb / seconds).toFixed(0)} MB/s ` +
    `[${cpus().length} cores, 1-min load average before: ${load}]\n` +
    // CPU time of this process (DuckDB's threads included): what the ingest costs when it has the
    // machine to itself — wall time on a shared machine also counts other processes' work.
    `process CPU time ${cpuSeconds.toFixed(2)} s (${(cpuSeconds / seconds).toFixed(2)} cores busy on average)\n`,
);

// The floor on this machine: DuckDB alone loading the same file into a fresh database file with
// type auto-detection and no checks (no reject tracking, no timestamp or JSON validation, no hash).
{
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const floorPath = join(out, 'bench-floor.duckdb');
  rmSync(floorPath, { force: true });
  const instance = await DuckDBInstance.create(floorPath);
  const conn = await instance.connect();
  const t1 = process.hrtime.bigint();
  await conn.run(`CREATE TABLE t AS SELECT * FROM read_csv('${csvPath.replaceAll("'", "''")}')`);
  const floorSeconds = Number(process.hrtime.bigint() - t1) / 1e9;
  conn.closeSync();
  instance.closeSync();
  rmSync(floorPath, { force: true });
  process.stdout.write(
    `DuckDB alone (CREATE TABLE AS SELECT * FROM read_csv, auto-detect): ${floorSeconds.toFixed(2)} s: ` +
      `${Math.round(rows / floorSeconds).toLocaleString('en-US')} rows/s; Harrier takes ${(seconds / floorSeconds).toFixed(2)}× that\n`,
  );
}
