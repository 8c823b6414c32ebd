/**
 * Simulator throughput: events written to DuckDB per second and peak resident memory (VmHWM).
 *   node --import tsx bench/simulate.ts [--devices N] [--hours H] [--batch-events N] [--out F] [--keep]
 * Defaults: 2,400 devices × 168 h ≈ 20 million events. Never part of npm test.
 */
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simulate } from '../src/simulate/simulate.js';

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : dflt;
};
const out = arg('out', join(tmpdir(), 'harrier-bench-simulate.duckdb'));
const peakRss = () => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) * 1024;

const t0 = performance.now();
let last = t0;
const s = await simulate({
  out, devices: Number(arg('devices', '2400')), hours: Number(arg('hours', '168')), seed: 1,
  ...(process.argv.includes('--batch-events') ? { batchEvents: Number(arg('batch-events', '0')) } : {}),
  onPhase: (p) => {
    const now = performance.now();
    process.stderr.write(`  +${((now - last) / 1000).toFixed(1)}s  ${p}\n`);
    last = now;
  },
});
const secs = (performance.now() - t0) / 1000;
process.stdout.write(`devices ${s.devices}, window ${s.start} → ${s.end}\n`);
process.stdout.write(`events ${s.events.toLocaleString('en-US')} in ${secs.toFixed(1)} s (generation ${s.generateSeconds.toFixed(1)} s)\n`);
process.stdout.write(`throughput ${Math.round(s.events / secs).toLocaleString('en-US')} events/s\n`);
process.stdout.write(`peak RSS ${(peakRss() / 2 ** 30).toFixed(2)} GiB\n`);
if (!process.argv.includes('--keep')) for (const f of s.files) rmSync(f, { force: true });
