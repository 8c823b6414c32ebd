/**
 * Adapts the telemetry simulator (`simulate()` in src/simulate/simulate.ts) to the harness:
 * builds the corpus store file with SIMULATION's settings and every scenario, and returns the
 * simulation's end. Imported lazily by corpus-store.ts only when the simulator exists.
 */
import { pathToFileURL } from 'node:url';
import { type BuildStore, SIMULATE_ENTRY, SIMULATION } from './corpus-store.js';

interface SimulateSummaryLike { end: string; devices: number; events: number; planted: number }
type SimulateFn = (o: { out: string; devices: number; hours: number; seed: number; format: 'duckdb' }) => Promise<SimulateSummaryLike>;

export const buildWithSimulator: BuildStore = async (dbPath) => {
  const mod = (await import(pathToFileURL(SIMULATE_ENTRY).href)) as { simulate?: SimulateFn };
  if (typeof mod.simulate !== 'function') throw new Error(`${SIMULATE_ENTRY} exports no simulate()`);
  const s = await mod.simulate({ out: dbPath, ...SIMULATION, format: 'duckdb' });
  const end = new Date(s.end);
  if (Number.isNaN(end.getTime())) throw new Error(`simulate() returned an invalid end: ${s.end}`);
  return { end, description: `simulated store: ${s.devices} devices, ${SIMULATION.hours} h, seed ${SIMULATION.seed}, all scenarios, ${s.events} events (${s.planted} planted)` };
};
