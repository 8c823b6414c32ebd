/**
 * `collectDefender()`: pulls Device* tables from Defender through Graph runHuntingQuery, one
 * adaptive time window a request (the window in the query's `where Timestamp` and in `Timespan`),
 * at most 45 calls a minute, and stores each answer through the lossless ingest path: the answer is
 * written as an API JSON file (`{"schema","results","harrier":{window, request id}}`) under
 * `<db>.collect/`, ingested with `ingestPaths` (reconciliation, rejects, manifest), and the
 * manifest row is noted with the Graph request id. A checkpoint (checkpoint.ts) lets an interrupted
 * collection resume where it stopped without storing any row twice.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { ingestPaths } from '../ingest/index.js';
import { INGESTS_TABLE, openStore, type Store } from '../store/index.js';
import { quoteIdent } from '../sql/quote.js';
import { realClock, type Clock } from './clock.js';
import { ConnectorError, type ServiceAuth } from './config.js';
import { loadCheckpoint, saveCheckpoint, type Checkpoint, type CollectParams, type TableProgress } from './checkpoint.js';
import { GraphHuntingError, runHuntingQuery } from './graph-hunting.js';
import { RateLimiter } from './rate-limiter.js';
import { HOUR, WindowPlanner, iso, isoInterval, type Window } from './window-planner.js';

export const DEFENDER_ROW_CAP = 100_000;
export const DEFENDER_CALLS_PER_MINUTE = 45;

export interface CollectProgress {
  readonly table: string;
  readonly tableIndex: number;
  readonly tableCount: number;
  readonly windowsDone: number;
  readonly rows: number;
  readonly calls: number;
  /** Rows stored per second since the start of this run. */
  readonly rowsPerSecond: number;
  /** 0..1 of this table's time range. */
  readonly fraction: number;
}

export interface CollectDefenderOptions {
  readonly db: string;
  readonly devices: readonly string[];
  readonly all: boolean;
  readonly from: Date;
  readonly to: Date;
  readonly tables: readonly string[];
  readonly auth: ServiceAuth;
  readonly clock?: Clock;
  /** Rows at which an answer counts as capped (default 100,000). */
  readonly rowCap?: number;
  readonly callsPerMinute?: number;
  readonly initialWindowMs?: number;
  readonly minWindowMs?: number;
  readonly maxWindowMs?: number;
  /** Default `<db>.collect-defender.json`. */
  readonly checkpointPath?: string;
  /** Default `<db>.collect/`. */
  readonly rawDir?: string;
  readonly onProgress?: (p: CollectProgress) => void;
  readonly onLog?: (line: string) => void;
}

export interface CollectSummary {
  readonly resumed: boolean;
  readonly calls: number;
  readonly windows: number;
  readonly rowsStored: number;
  readonly rowsRejected: number;
  readonly splits: number;
  readonly requestIds: readonly string[];
  readonly tables: Readonly<Record<string, TableProgress>>;
}

function kqlString(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** The KQL of one window: the table, the half-open time filter, the device filter. */
export function windowQuery(table: string, w: Window, devices: readonly string[]): string {
  const lines = [table, `| where Timestamp >= datetime(${iso(w.from)}) and Timestamp < datetime(${iso(w.to)})`];
  if (devices.length > 0) {
    const list = devices.map(kqlString).join(', ');
    lines.push(`| where DeviceName in~ (${list}) or tostring(split(DeviceName, ".")[0]) in~ (${list})`);
  }
  return lines.join('\n');
}

const compact = (ms: number) => iso(ms).replace(/[-:]/g, '');

function parseCompact(s: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})\.(\d{3})Z$/.exec(s);
  return m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!, +m[7]!) : NaN;
}

/** Windows of `table` recorded in the store's manifest (file names carry the window), by start. */
async function storedWindows(store: Store, dir: string): Promise<Map<number, number>> {
  const r = await store.connection.runAndReadAll(
    `SELECT file_path FROM ${quoteIdent(INGESTS_TABLE)} WHERE starts_with(file_path, $1)`, [`${dir}/`]);
  const out = new Map<number, number>();
  for (const [p] of r.getRows()) {
    const m = /^(\S+)_(\S+)\.json$/.exec(basename(String(p)));
    if (!m) continue;
    const a = parseCompact(m[1]!);
    const b = parseCompact(m[2]!);
    if (!Number.isNaN(a) && !Number.isNaN(b)) out.set(a, Math.max(b, out.get(a) ?? b));
  }
  return out;
}

export async function collectDefender(opts: CollectDefenderOptions): Promise<CollectSummary> {
  const clock = opts.clock ?? realClock;
  const rowCap = opts.rowCap ?? DEFENDER_ROW_CAP;
  const limiter = new RateLimiter(opts.callsPerMinute ?? DEFENDER_CALLS_PER_MINUTE, 60_000, clock);
  const db = resolve(opts.db);
  const checkpointPath = opts.checkpointPath ?? `${db}.collect-defender.json`;
  const params: CollectParams = { devices: opts.devices, all: opts.all, from: opts.from.toISOString(), to: opts.to.toISOString(), tables: opts.tables };
  const { checkpoint, resumed } = loadCheckpoint(checkpointPath, params);
  const rawRoot = join(opts.rawDir ? resolve(opts.rawDir) : `${db}.collect`, checkpoint.key);
  const from = opts.from.getTime();
  const to = opts.to.getTime();
  const log = opts.onLog ?? (() => undefined);
  const started = clock.now();
  let calls = 0, windows = 0, splits = 0, rowsStored = 0, rowsRejected = 0;
  const requestIds: string[] = [];
  const store = await openStore(db);
  try {
    for (const [tableIndex, table] of opts.tables.entries()) {
      const prog: TableProgress = checkpoint.tables[table] ??= { cursor: from, width: opts.initialWindowMs ?? Math.min(6 * HOUR, to - from), rows: 0, windows: 0, done: false };
      if (prog.done) { log(`${table}: already collected (checkpoint)`); continue; }
      const dir = join(rawRoot, table);
      mkdirSync(dir, { recursive: true });
      // Windows stored after the last checkpoint write (the process died in between) count as stored.
      const recorded = await storedWindows(store, dir);
      while (recorded.has(prog.cursor) && prog.cursor < to) prog.cursor = recorded.get(prog.cursor)!;
      const planner = new WindowPlanner(from, to, { cursor: prog.cursor, width: prog.width, ...(opts.minWindowMs !== undefined ? { minMs: opts.minWindowMs } : {}), ...(opts.maxWindowMs !== undefined ? { maxMs: opts.maxWindowMs } : {}) });
      if (resumed && prog.cursor > from) log(`${table}: resuming at ${iso(prog.cursor)}`);
      for (let w = planner.next(); w; w = planner.next()) {
        await limiter.acquire();
        calls++;
        let answer;
        try {
          answer = await runHuntingQuery(windowQuery(table, w, opts.all ? [] : opts.devices), isoInterval(w), {
            auth: opts.auth, clock, onWait: (ms, status) => log(`${status} from Graph: waiting ${Math.ceil(ms / 1000)} s (Retry-After)`),
          });
        } catch (err) {
          if (err instanceof GraphHuntingError && (err.graphKind === 'too-large' || err.graphKind === 'preempted')) {
            if (planner.split(w)) { splits++; log(`${table} ${isoInterval(w)}: ${err.graphKind}; splitting`); continue; }
            throw new ConnectorError(`${table}: a ${Math.round((w.to - w.from) / 1000)} s window is still refused (${err.message})`, err.graphKind);
          }
          throw err;
        }
        if (answer.results.length >= rowCap) {
          if (planner.split(w)) { splits++; log(`${table} ${isoInterval(w)}: ${answer.results.length} rows reach the cap; splitting`); continue; }
          throw new ConnectorError(`${table}: the ${Math.round((w.to - w.from) / 1000)} s window from ${iso(w.from)} still reaches the ${rowCap}-row cap`, 'too-large');
        }
        const file = join(dir, `${compact(w.from)}_${compact(w.to)}.json`);
        writeFileSync(file, `${JSON.stringify({ schema: answer.schema, results: answer.results, harrier: { source: 'graph runHuntingQuery', table, timespan: isoInterval(w), requestId: answer.requestId } })}\n`);
        const [s] = await ingestPaths(store, [file], { table });
        if (!s || s.status === 'failed') throw new ConnectorError(`${table}: storing ${file} failed: ${s?.message ?? 'no summary'}`, 'ingest');
        if (s.ingestId !== undefined) {
          await store.connection.run(
            `UPDATE ${quoteIdent(INGESTS_TABLE)} SET notes = CASE WHEN notes = '' THEN $1 ELSE notes || chr(10) || $1 END WHERE ingest_id = $2`,
            [`graph runHuntingQuery request-id ${answer.requestId} timespan ${isoInterval(w)}`, s.ingestId]);
        }
        requestIds.push(answer.requestId);
        planner.complete(w, answer.results.length, rowCap);
        windows++;
        rowsStored += s.stored;
        rowsRejected += s.rejected;
        Object.assign(prog, { cursor: planner.position, width: planner.currentWidth, rows: prog.rows + s.stored, windows: prog.windows + 1 });
        saveCheckpoint(checkpointPath, checkpoint);
        const secs = Math.max(0.001, (clock.now() - started) / 1000);
        opts.onProgress?.({ table, tableIndex, tableCount: opts.tables.length, windowsDone: windows, rows: rowsStored, calls, rowsPerSecond: rowsStored / secs, fraction: planner.fraction });
      }
      prog.done = true;
      saveCheckpoint(checkpointPath, checkpoint);
    }
  } finally {
    store.close();
  }
  return { resumed, calls, windows, rowsStored, rowsRejected, splits, requestIds, tables: (checkpoint as Checkpoint).tables };
}
