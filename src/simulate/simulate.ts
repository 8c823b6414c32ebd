/**
 * `simulate(options) → summary`: builds the estate, runs every device's background, working days
 * and look-alikes, plants the requested scenarios with ground truth, and writes a Harrier store
 * (or CSV / JSON-lines exports). Deterministic: the same options give the same table contents.
 * The default window ends at DEFAULT_END (a fixed Wednesday noon UTC), never the wall clock.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { buildEstate } from './estate.js';
import { Rng } from './prng.js';
import { HOUR_US, localMidnights } from './clock/activity-shape.js';
import { SimContext } from './gen/context.js';
import { EndpointCatalog } from './gen/endpoints.js';
import { type BootTree, bootTree } from './gen/process-trees.js';
import { simulateBackground } from './gen/background.js';
import { simulateWorkstationDays } from './gen/workstation.js';
import { nightlyBackup, nightlyVulnScan, sessionLookalikes } from './lookalikes.js';
import { PIP_SCENARIO, pipTimes, plantPipExfil } from './scenarios/pip-exfil.js';
import { PORTSCAN_SCENARIO, chooseScanHost, plantPortScan } from './scenarios/port-scan.js';
import { writeHrWatchlist } from './hr-watchlist.js';
import { openStaging } from './writers/duckdb-writer.js';
import { exportCsv, exportJsonl, exportTruthCsv } from './writers/export.js';
import { tableStats } from '../store/table-stats.js';
import { guidFrom } from './ids.js';

export const DEFAULT_END = '2026-11-25T12:00:00Z';
export const SCENARIOS = [PIP_SCENARIO, PORTSCAN_SCENARIO] as const;
export type ScenarioName = (typeof SCENARIOS)[number];
export type OutputFormat = 'duckdb' | 'csv' | 'jsonl';

export interface SimulateOptions {
  /** DuckDB file for 'duckdb'; a directory (created) for 'csv' / 'jsonl'. */
  readonly out: string;
  readonly devices?: number;
  readonly hours?: number;
  /** End of the window (exclusive), ISO-8601; default DEFAULT_END. */
  readonly end?: string;
  readonly seed?: number;
  readonly scenarios?: readonly ScenarioName[];
  readonly format?: OutputFormat;
  readonly timeZones?: readonly string[];
  /** Multiplier on user activity (default 1). */
  readonly intensity?: number;
  /** DuckDB memory cap while building (default 800MB; keeps 20M-event runs under 2 GiB resident). */
  readonly memoryLimit?: string;
  /** Events per materialization batch (default 4 million; the first batch is half that so DuckDB starts early). */
  readonly batchEvents?: number;
  readonly onPhase?: (phase: string) => void;
}

export interface SimulateSummary {
  readonly out: string;
  readonly files: readonly string[];
  readonly start: string;
  readonly end: string;
  readonly devices: number;
  readonly events: number;
  readonly planted: number;
  readonly tables: readonly { table: string; rows: number }[];
  readonly generateSeconds: number;
  readonly totalSeconds: number;
}

export async function simulate(options: SimulateOptions): Promise<SimulateSummary> {
  const t0 = performance.now();
  const seed = options.seed ?? 1;
  const format = options.format ?? 'duckdb';
  const hours = options.hours ?? 72;
  const endMs = Date.parse(options.end ?? DEFAULT_END);
  if (!Number.isFinite(endMs)) throw new Error(`invalid --end '${options.end}'`);
  if (!(hours > 0)) throw new Error('hours must be positive');
  const endUs = endMs * 1000;
  const startUs = endUs - Math.round(hours * HOUR_US);
  const scenarios = options.scenarios ?? SCENARIOS;
  const estate = buildEstate({ seed, devices: Math.max(2, options.devices ?? 200), ...(options.timeZones ? { timeZones: options.timeZones } : {}) });

  const outDir = format === 'duckdb' ? dirname(resolve(options.out)) : resolve(options.out);
  mkdirSync(outDir, { recursive: true });
  const dbPath = format === 'duckdb' ? resolve(options.out) : join(outDir, '.harrier-simulate.duckdb');
  for (const f of [dbPath, `${dbPath}.wal`]) rmSync(f, { force: true });
  const staging = await openStaging(dbPath, estate, options.memoryLimit ?? '800MB');
  const ctx = new SimContext(estate, staging.facts, startUs, endUs);
  const eps = new EndpointCatalog(ctx.endpoints);
  const rng = new Rng(`simulate:${seed}`);
  options.onPhase?.('generate');

  const boots: BootTree[] = estate.devices.map((d) => {
    const r = rng.fork(`boot:${d.id}`);
    return bootTree(ctx, d.id, startUs - (1 + r.int(5)) * 24 * HOUR_US - r.int(HOUR_US * 8), r);
  });
  ctx.bootPkEnd = ctx.pkNext;
  const role = (name: string) => estate.devices.filter((d) => d.role === name).map((d) => boots[d.id]!);
  const servers = { dc: role('dc'), file: role('file') };
  const dcIps = estate.devices.filter((d) => d.role === 'dc').map((d) => d.ip);
  const mirror = estate.devices.find((d) => d.name.startsWith('fs02')) ?? estate.devices.find((d) => d.role === 'file');

  // Batches: DuckDB materializes one while JS generates the next; yield to the event loop
  // between devices so the background statements can advance.
  const fullBatch = options.batchEvents ?? 4_000_000;
  let batchEvents = options.batchEvents ?? fullBatch / 2;
  const workstations = estate.devices.filter((x) => x.role === 'workstation').length;
  let batchStart = 0;
  for (const d of estate.devices) {
    if (ctx.eventCount - batchStart >= batchEvents) {
      staging.batch(ctx);
      batchStart = ctx.eventCount;
      batchEvents = fullBatch;
    }
    if (d.id % 4 === 3) await new Promise<void>((resolve) => setImmediate(resolve));
    const r = rng.fork(`device:${d.id}`);
    const boot = boots[d.id]!;
    simulateBackground(ctx, eps, boot, r.fork('background'), dcIps);
    if (d.role === 'workstation') {
      const tz = estate.accounts[d.primaryUser]!.timeZone;
      const look = r.fork('lookalikes');
      // About 5% of users (and always the first workstation after John's) bring a personal stick once.
      const stickSession = look.chance(0.05) || d.id === (estate.johnDevice.id + 1) % Math.max(1, workstations) ? 1 : -1;
      let sessions = 0;
      simulateWorkstationDays(ctx, eps, d, boot, localMidnights(tz, startUs, endUs), r.fork('days'), options.intensity ?? 1, {
        onSession: (s, plan) => sessionLookalikes(ctx, s, plan, look, servers, sessions++ === stickSession),
      });
    } else if (d.role === 'backup') {
      nightlyBackup(ctx, eps, boot, mirror?.ip ?? '10.0.1.17', r.fork('backup'));
    } else if (d.role === 'scanner') {
      nightlyVulnScan(ctx, eps, boot, estate, r.fork('scanner'));
    }
  }
  let pipUs = pipTimes(estate.johnDoe.timeZone, endUs).pipUs;
  if (scenarios.includes(PIP_SCENARIO)) pipUs = plantPipExfil(ctx, eps, boots[estate.johnDevice.id]!, rng.fork(PIP_SCENARIO)).pipUs;
  if (scenarios.includes(PORTSCAN_SCENARIO)) {
    const sr = rng.fork(PORTSCAN_SCENARIO);
    const host = chooseScanHost(estate.devices, estate.johnDevice.id, sr);
    plantPortScan(ctx, eps, boots[host.id]!, host, sr);
  }
  const tGen = performance.now();
  await staging.finish(ctx, { startUs, endUs }, options.onPhase);

  const files: string[] = [];
  const c = staging.store.connection;
  const stats = await tableStats(c);
  if (format === 'duckdb') files.push(dbPath);
  else {
    options.onPhase?.(`export ${format}`);
    files.push(...(format === 'csv' ? await exportCsv(c, outDir) : await exportJsonl(c, outDir, guidFrom(`tenant:${seed}`))));
    const truthFile = join(outDir, '_harrier_truth.csv');
    await exportTruthCsv(c, truthFile);
    files.push(truthFile);
  }
  staging.store.close();
  if (format !== 'duckdb') for (const f of [dbPath, `${dbPath}.wal`]) rmSync(f, { force: true });
  if (scenarios.includes(PIP_SCENARIO)) {
    const hr = format === 'duckdb' ? `${dbPath}.hr-watchlist.csv` : join(outDir, 'hr-watchlist.csv');
    writeHrWatchlist(hr, estate, pipUs);
    files.push(hr);
  }
  const events = stats.reduce((n, s) => n + s.rows, 0);
  return {
    out: format === 'duckdb' ? dbPath : outDir, files, start: new Date(startUs / 1000).toISOString(), end: new Date(endUs / 1000).toISOString(),
    devices: estate.devices.length, events, planted: ctx.truth.length, tables: stats.map((s) => ({ table: s.table, rows: s.rows })),
    generateSeconds: (tGen - t0) / 1000, totalSeconds: (performance.now() - t0) / 1000,
  };
}
