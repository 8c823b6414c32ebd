/**
 * Simulator throughput: events written to DuckDB per second and peak resident memory (VmHWM).
 *   node --import tsx bench/simulate.ts [--devices N] [--hours H] [--batch-events N] [--out F] [--keep] [--floor]
 * Defaults: 2,400 devices × 168 h ≈ 20 million events. Never part of npm test.
 * --floor then has DuckDB alone copy the simulated MDE tables into a fresh store with the
 * simulator's own write settings: the least any writer of these rows into DuckDB pays on this
 * machine at this moment (this machine's speed varies by up to 1.7× between hours). It then runs
 * the generation once more with the fact rows discarded instead of handed to DuckDB (the
 * JavaScript's own cost) and prints the resulting bound for any simulator on this machine:
 * (copy CPU + generation CPU) / cores.
 */
import { readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { simulate } from '../src/simulate/simulate.js';
import { FactTable } from '../src/simulate/writers/fact-table.js';
import { storeWriteSettings } from '../src/simulate/writers/duckdb-writer.js';
import { quoteIdent, quoteString } from '../src/sql/quote.js';

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : dflt;
};
const out = arg('out', join(tmpdir(), 'harrier-bench-simulate.duckdb'));
const memoryLimit = '800MB';
const peakRss = () => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) * 1024;
const cpuSecondsSince = (start: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(start);
  return (u.user + u.system) / 1e6;
};

const load = loadavg()[0]!.toFixed(2);
const cpu0 = process.cpuUsage();
const t0 = performance.now();
let last = t0;
/** The estate and settings of the measured run; the generation-only run below repeats them. */
const runOptions = {
  devices: Number(arg('devices', '2400')), hours: Number(arg('hours', '168')), seed: 1, memoryLimit,
  ...(process.argv.includes('--batch-events') ? { batchEvents: Number(arg('batch-events', '0')) } : {}),
};
const s = await simulate({
  ...runOptions, out,
  onPhase: (p) => {
    const now = performance.now();
    process.stderr.write(`  +${((now - last) / 1000).toFixed(1)}s  ${p}\n`);
    last = now;
  },
});
const secs = (performance.now() - t0) / 1000;
const cpuSecs = cpuSecondsSince(cpu0);
process.stdout.write(`devices ${s.devices}, window ${s.start} → ${s.end} [${cpus().length} cores, 1-min load average before: ${load}]\n`);
process.stdout.write(`events ${s.events.toLocaleString('en-US')} in ${secs.toFixed(1)} s (generation ${s.generateSeconds.toFixed(1)} s)\n`);
process.stdout.write(`throughput ${Math.round(s.events / secs).toLocaleString('en-US')} events/s\n`);
process.stdout.write(`process CPU time ${cpuSecs.toFixed(1)} s (${(cpuSecs / secs).toFixed(2)} cores busy on average)\n`);
process.stdout.write(`peak RSS ${(peakRss() / 2 ** 30).toFixed(2)} GiB\n`);

if (process.argv.includes('--floor')) {
  const floorPath = `${out}.floor.duckdb`;
  const removeFloor = () => { for (const f of [floorPath, `${floorPath}.wal`]) rmSync(f, { force: true }); };
  removeFloor();
  const instance = await DuckDBInstance.create(floorPath);
  const conn = await instance.connect();
  for (const sql of storeWriteSettings(memoryLimit)) await conn.run(sql);
  await conn.run(`ATTACH ${quoteString(s.out)} AS sim (READ_ONLY)`);
  const tables = s.tables.filter((t) => t.rows > 0);
  const cpu1 = process.cpuUsage();
  const t1 = performance.now();
  for (const t of tables) await conn.run(`CREATE TABLE ${quoteIdent(t.table)} AS SELECT * FROM sim.${quoteIdent(t.table)}`);
  await conn.run('CHECKPOINT');
  const floorSecs = (performance.now() - t1) / 1000;
  const floorCpu = cpuSecondsSince(cpu1);
  conn.closeSync();
  instance.closeSync();
  removeFloor();
  process.stdout.write(
    `DuckDB alone copying the same ${s.events.toLocaleString('en-US')} rows into a fresh store (same write settings): ${floorSecs.toFixed(1)} s = ` +
      `${Math.round(s.events / floorSecs).toLocaleString('en-US')} rows/s, CPU ${floorCpu.toFixed(1)} s; the simulator takes ${(secs / floorSecs).toFixed(2)}× that\n`,
  );

  // The same generation with every fact chunk dropped instead of appended: what producing the
  // events costs in JavaScript alone (the small string dictionaries still reach DuckDB).
  const genOut = `${out}.generation-only.duckdb`;
  const realFlush = FactTable.prototype.flush;
  FactTable.prototype.flush = function discardChunk(this: FactTable) {
    this.n = 0;
  };
  const cpu2 = process.cpuUsage();
  const t2 = performance.now();
  let genCpu = 0;
  const g = await simulate({
    ...runOptions, out: genOut,
    onPhase: (p) => {
      if (p === 'materialize last batch') genCpu = cpuSecondsSince(cpu2);
    },
  });
  const genSecs = (performance.now() - t2) / 1000;
  FactTable.prototype.flush = realFlush;
  for (const f of g.files) rmSync(f, { force: true });
  const cores = cpus().length;
  const boundSecs = (floorCpu + genCpu) / cores;
  process.stdout.write(
    `generation alone (fact rows discarded): CPU ${genCpu.toFixed(1)} s (${genSecs.toFixed(1)} s wall for the whole run)\n` +
      `bound for any simulator now: (copy CPU + generation CPU) / ${cores} cores = ${boundSecs.toFixed(1)} s = ` +
      `at most ${Math.round(s.events / boundSecs).toLocaleString('en-US')} events/s\n`,
  );
}
if (!process.argv.includes('--keep')) for (const f of s.files) rmSync(f, { force: true });
