/**
 * Engine overhead on typical hunting queries: each query as KQL through the engine (translate +
 * execute + encode, `engine.query`) and as hand-written DuckDB SQL for the same result (execute +
 * read). Checks both give the same rows (count and an order-independent checksum) and reports
 * medians and the KQL/SQL ratio (acceptance: ≤ 1.5 each).
 *   node --import tsx bench/query-speed.ts [--runs N] [--rounds R] [--only a,b] [--rebuild]
 * The store (5,000,000 DeviceNetworkEvents, 1,000,000 DeviceProcessEvents, generated with DuckDB
 * SQL) is built once and cached in bench/out/ (git-ignored). Never part of npm test.
 */
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { openEngine } from '../src/engine/index.js';
import { openStore } from '../src/store/index.js';
import { CASES, DB, NET_ROWS, NOW, PROC_ROWS, buildStore, checksum } from './hunting-cases.js';

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : dflt;
};
const RUNS = Number(arg('runs', '5'));
const ONLY = arg('only', '').split(',').filter(Boolean);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

// ---------------------------------------------------------------------------------------------

if (process.argv.includes('--rebuild') || !existsSync(DB)) await buildStore();
const cases = CASES.filter((c) => ONLY.length === 0 || ONLY.includes(c.id));
const times = new Map<string, { kql: number[]; sql: number[]; kqlSum?: string; sqlSum?: string; kqlRows?: number; sqlRows?: number }>();
for (const c of cases) times.set(c.id, { kql: [], sql: [] });

// Alternate the two sides in rounds (each side on its own instance of the store, as the engine
// holds the file), so load changes on a shared machine hit both.
const ROUNDS = Number(arg('rounds', '3'));
const perRound = Math.max(1, Math.ceil(RUNS / ROUNDS));
for (let round = 0; round < ROUNDS; round++) {
  {
    const store = await openStore(DB, { readOnly: true });
    for (const c of cases) {
      const t = times.get(c.id)!;
      for (let i = -1; i < perRound; i++) {
        const t0 = performance.now();
        const rows = (await store.connection.runAndReadAll(c.sql)).getRows();
        const ms = performance.now() - t0;
        if (i >= 0) t.sql.push(ms); // i = -1 warms the cache
        t.sqlRows = rows.length;
        t.sqlSum ??= checksum(rows);
      }
    }
    store.close();
  }
  {
    const engine = await openEngine({ db: DB });
    for (const c of cases) {
      const t = times.get(c.id)!;
      for (let i = -1; i < perRound; i++) {
        const t0 = performance.now();
        const r = await engine.query(c.kql, { now: NOW, maxRows: 0 });
        const ms = performance.now() - t0;
        if (i >= 0) t.kql.push(ms);
        t.kqlRows = r.rows.length;
        t.kqlSum ??= checksum(r.rows);
      }
    }
    engine.close();
  }
}

const load = loadavg().map((x) => x.toFixed(2)).join(' ');
process.stdout.write(`query speed: ${NET_ROWS.toLocaleString('en-US')} network + ${PROC_ROWS.toLocaleString('en-US')} process events, ${ROUNDS * perRound} runs each, load average ${load}\n`);
process.stdout.write(`case  rows      checksum          KQL median ms  SQL median ms  ratio  (best: KQL / SQL ms)  ok\n`);
let failed = false;
for (const c of cases) {
  const t = times.get(c.id)!;
  const k = median(t.kql), s = median(t.sql), ratio = k / s;
  const same = t.kqlRows === t.sqlRows && t.kqlSum === t.sqlSum;
  const ok = same && (t.kqlRows ?? 0) > 0 && ratio <= 1.5;
  failed ||= !ok;
  process.stdout.write(`${c.id}     ${String(t.kqlRows).padEnd(9)} ${t.kqlSum}  ${k.toFixed(0).padStart(13)}  ${s.toFixed(0).padStart(13)}  ${ratio.toFixed(2).padStart(5)}  ${`(${Math.min(...t.kql).toFixed(0)} / ${Math.min(...t.sql).toFixed(0)})`.padEnd(21)}  ${ok ? 'yes' : same ? 'SLOW' : `DIFFERENT (sql rows ${t.sqlRows}, checksum ${t.sqlSum})`}\n`);
}
process.stdout.write(CASES.filter((c) => cases.includes(c)).map((c) => `  ${c.id}: ${c.title}`).join('\n') + '\n');
process.exitCode = failed ? 1 : 0;
