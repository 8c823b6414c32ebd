/** Shared by the simulator tests: simulate a small estate into a temp folder and query it. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { simulate, type SimulateOptions, type SimulateSummary } from '../../src/simulate/simulate.js';

export async function simulateSmall(opts: Partial<SimulateOptions> = {}, name = 'sim.duckdb'): Promise<SimulateSummary> {
  const dir = mkdtempSync(join(tmpdir(), 'harrier-sim-'));
  return simulate({ out: join(dir, name), devices: 30, hours: 72, seed: 7, ...opts });
}

export async function openReadOnly(path: string): Promise<{ c: DuckDBConnection; close(): void }> {
  const inst = await DuckDBInstance.create(path, { access_mode: 'READ_ONLY' });
  const c = await inst.connect();
  await c.run(`SET TimeZone = 'UTC'`);
  return { c, close: () => { c.closeSync(); inst.closeSync(); } };
}

export async function rows(c: DuckDBConnection, sql: string): Promise<unknown[][]> {
  return (await c.runAndReadAll(sql)).getRows() as unknown[][];
}

export async function scalar(c: DuckDBConnection, sql: string): Promise<number> {
  const r = await rows(c, sql);
  return Number(r[0]?.[0]);
}
