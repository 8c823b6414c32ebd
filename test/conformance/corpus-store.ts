/**
 * Provides the populated store the hunting queries run on: a DuckDB file built once by the
 * telemetry simulator (src/simulate) into .conformance/corpus-store.duckdb, with its metadata
 * (the simulation's end, used as `now`) beside it in corpus-store.json. Rebuilt when missing, when
 * SIMULATION changed, or when asked. When the simulator is not available or fails, falls back to
 * an empty in-memory store and says so in the description.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { writeText } from './report.js';

export interface CorpusStore {
  /** Store file for openEngine({db}); undefined = in-memory empty store. */
  readonly db?: string;
  /** Simulation end: the pinned `now` of every hunting query. */
  readonly now: Date;
  readonly description: string;
}

/** What the harness asks the simulator for (small, reproducible). */
export const SIMULATION = { devices: 30, hours: 24, seed: 1337 } as const;
/** `now` when there is no simulated data (only matters for ago() arithmetic). */
export const FALLBACK_NOW = new Date('2024-01-01T00:00:00Z');

/** The simulator module exporting `simulate()`. */
export const SIMULATE_ENTRY = fileURLToPath(new URL('../../src/simulate/simulate.ts', import.meta.url));

interface StoreMeta { now: string; description: string; settings?: string }

/** Signature of the store builder; the adapter in simulate-adapter.ts implements it. */
export type BuildStore = (dbPath: string) => Promise<{ end: Date; description: string }>;

export async function prepareCorpusStore(outDir: string, rebuild: boolean, log: (s: string) => void): Promise<CorpusStore> {
  const db = join(outDir, 'corpus-store.duckdb');
  const metaPath = join(outDir, 'corpus-store.json');
  if (!rebuild && existsSync(db) && existsSync(metaPath)) {
    const meta = JSON.parse(readFileSync(metaPath, 'utf8')) as StoreMeta;
    if (meta.settings === JSON.stringify(SIMULATION)) return { db, now: new Date(meta.now), description: `${meta.description} (cached ${db})` };
  }
  if (!existsSync(SIMULATE_ENTRY)) {
    return { now: FALLBACK_NOW, description: 'EMPTY in-memory store: the simulator (src/simulate/simulate.ts) is not available yet' };
  }
  for (const p of [db, `${db}.wal`, metaPath]) rmSync(p, { force: true });
  try {
    const { buildWithSimulator } = (await import(pathToFileURL(fileURLToPath(new URL('./simulate-adapter.ts', import.meta.url))).href)) as { buildWithSimulator: BuildStore };
    log(`building ${db} with the simulator (${JSON.stringify(SIMULATION)}) ...`);
    const t0 = performance.now();
    const built = await buildWithSimulator(db);
    const description = `${built.description}; built in ${Math.round((performance.now() - t0) / 1000)} s`;
    writeText(metaPath, JSON.stringify({ now: built.end.toISOString(), description, settings: JSON.stringify(SIMULATION) } satisfies StoreMeta, null, 2));
    return { db, now: built.end, description };
  } catch (e) {
    for (const p of [db, `${db}.wal`, metaPath]) rmSync(p, { force: true });
    return { now: FALLBACK_NOW, description: `EMPTY in-memory store: building with the simulator failed: ${(e as Error).message}` };
  }
}
