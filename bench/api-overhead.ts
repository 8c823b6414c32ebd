/**
 * Console API overhead: the time of POST /api/query as the client sees it, minus the engine's own
 * totalMs for the same query, over N runs on the demo store (or --db). Target: under 50 ms.
 *   node --import tsx bench/api-overhead.ts [--db harrier-demo.duckdb] [--runs 50]
 * Never part of npm test.
 */
import { existsSync } from 'node:fs';
import { startServer } from '../src/server/server.js';
import { loadRulesForCli } from '../src/cli/commands/hunt.js';
import { prepareIncidentInputs } from '../src/cli/commands/incident-options.js';

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : dflt;
};
const db = arg('db', 'harrier-demo.duckdb');
const runs = Number(arg('runs', '50'));
if (!existsSync(db)) throw new Error(`no store at ${db}: run npm start first`);

const server = await startServer({
  db, host: '127.0.0.1', port: 0, queryTimeoutMs: 60_000, rules: loadRulesForCli([]),
  incidentInputs: prepareIncidentInputs({ watchlist: [], tz: [] }, () => undefined),
});
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const queries = { trivial: 'print 1', small: 'DeviceProcessEvents | summarize count() by AccountName | top 10 by count_' };
try {
  for (const [name, query] of Object.entries(queries)) {
    const overhead: number[] = [];
    const total: number[] = [];
    for (let i = 0; i < runs + 5; i++) {
      const t0 = performance.now();
      const r = await fetch(`${server.url}/api/query`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
      const body = await r.json() as { timings: { totalMs: number } };
      const ms = performance.now() - t0;
      if (i < 5) continue; // warm-up
      total.push(ms);
      overhead.push(ms - body.timings.totalMs);
    }
    process.stdout.write(`${name.padEnd(8)} client ${median(total).toFixed(1)} ms, engine ${(median(total) - median(overhead)).toFixed(1)} ms, API overhead median ${median(overhead).toFixed(2)} ms (max ${Math.max(...overhead).toFixed(2)} ms) over ${runs} runs\n`);
  }
} finally {
  await server.close();
}
