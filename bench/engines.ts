/**
 * The four hunting queries of bench/query-speed.ts on DuckDB and on chDB, side by side, over the
 * same 5,000,000 DeviceNetworkEvents + 1,000,000 DeviceProcessEvents (the DuckDB store is copied
 * into a chDB folder once, cached in bench/out/). Both engines compile the same KQL; results must
 * be equal (row count and order-independent checksum). Medians of warm runs, engines alternated
 * in rounds so load changes hit both.
 *   node --import tsx bench/engines.ts [--runs N] [--rounds R] [--only a,b] [--rebuild]
 */
import { existsSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { openEngine, type KqlEngine } from '../src/engine/index.js';
import { openChdb } from '../src/engine/clickhouse/connection.js';
import { openClickHouseEngine } from '../src/engine/clickhouse/engine.js';
import { copyDuckdbToClickHouse } from '../src/store/clickhouse/copy-from-duckdb.js';
import { openStore } from '../src/store/index.js';
import { CASES, DB, NET_ROWS, NOW, OUT, PROC_ROWS, buildStore, checksum } from './hunting-cases.js';

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : dflt;
};
const RUNS = Number(arg('runs', '5'));
const ROUNDS = Number(arg('rounds', '3'));
const ONLY = arg('only', '').split(',').filter(Boolean);
const CHDB_DIR = join(OUT, 'query-speed-v2.chdb');

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

if (process.argv.includes('--rebuild') || !existsSync(DB)) {
  await buildStore();
  rmSync(CHDB_DIR, { recursive: true, force: true });
}
if (!existsSync(CHDB_DIR)) {
  const t0 = performance.now();
  const store = await openStore(DB, { readOnly: true });
  const w = await openChdb(CHDB_DIR, { writable: true });
  const copied = await copyDuckdbToClickHouse(store.connection, w);
  w.close();
  store.close();
  process.stdout.write(`copied ${copied.map((c) => `${c.table} ${c.rows.toLocaleString('en-US')}`).join(', ')} into chDB in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
}

const cases = CASES.filter((c) => ONLY.length === 0 || ONLY.includes(c.id));
type Side = { ms: number[]; rows?: number; sum?: string };
const results = new Map(cases.map((c) => [c.id, { duckdb: { ms: [] } as Side, chdb: { ms: [] } as Side }]));
const perRound = Math.max(1, Math.ceil(RUNS / ROUNDS));

async function measure(engine: KqlEngine, side: 'duckdb' | 'chdb'): Promise<void> {
  for (const c of cases) {
    const r = results.get(c.id)![side];
    for (let i = -1; i < perRound; i++) {
      const t0 = performance.now();
      const out = await engine.query(c.kql, { now: NOW, maxRows: 0 });
      const ms = performance.now() - t0;
      if (i >= 0) r.ms.push(ms); // i = -1 warms the cache
      r.rows = out.rows.length;
      r.sum ??= checksum(out.rows);
    }
  }
}

for (let round = 0; round < ROUNDS; round++) {
  const duck = await openEngine({ db: DB });
  await measure(duck, 'duckdb');
  duck.close();
  const ch = await openClickHouseEngine(await openChdb(CHDB_DIR, { writable: false }));
  await measure(ch, 'chdb');
  ch.close();
}

const load = loadavg().map((x) => x.toFixed(2)).join(' ');
process.stdout.write(`engines: ${NET_ROWS.toLocaleString('en-US')} network + ${PROC_ROWS.toLocaleString('en-US')} process events, ${ROUNDS * perRound} runs each, load average ${load}\n`);
process.stdout.write(`case  rows      DuckDB median ms  chDB median ms  chDB/DuckDB  same result\n`);
let failed = false;
for (const c of cases) {
  const { duckdb: d, chdb: h } = results.get(c.id)!;
  const same = d.rows === h.rows && d.sum === h.sum;
  failed ||= !same;
  process.stdout.write(`${c.id}     ${String(d.rows).padEnd(9)} ${median(d.ms).toFixed(0).padStart(16)}  ${median(h.ms).toFixed(0).padStart(14)}  ${(median(h.ms) / median(d.ms)).toFixed(2).padStart(11)}  ${same ? 'yes' : `NO (chDB rows ${h.rows}, checksum ${h.sum} vs ${d.sum})`}\n`);
}
process.stdout.write(cases.map((c) => `  ${c.id}: ${c.title}`).join('\n') + '\n');
process.exitCode = failed ? 1 : 0;
