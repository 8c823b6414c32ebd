/**
 * Rule fixtures: JSON-lines files of `{"table": "...", "row": {...}}` events (optionally
 * `"evidence": false` for context rows a rule must not report). This module validates them
 * against the MDE schema (file:line for every problem) and writes them into a fresh DuckDB store
 * file that the engine can open, so each rule's positive and negative events run through the
 * real engine.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findTable, type TableDef } from '../schema/index.js';
import { DUCKDB_STORAGE_TYPE } from '../schema/kql-types.js';
import { quoteIdent } from '../sql/quote.js';
import { openStore } from '../store/index.js';
import type { SourceProblem } from './yaml-source.js';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export interface FixtureEvent {
  readonly table: string;
  readonly row: Readonly<Record<string, JsonValue>>;
  /** False for context rows that a rule needs but must not cite. Default true. */
  readonly evidence: boolean;
  readonly file: string;
  readonly line: number;
}

export function parseFixtureText(file: string, text: string): { events: FixtureEvent[]; problems: SourceProblem[] } {
  const events: FixtureEvent[] = [];
  const problems: SourceProblem[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = i + 1;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('//')) return;
    const bad = (message: string) => problems.push({ file, line, column: 1, message });
    let value: unknown;
    try { value = JSON.parse(trimmed); } catch (err) { bad(`not JSON: ${(err as Error).message}`); return; }
    const v = value as { table?: unknown; row?: unknown; evidence?: unknown };
    if (typeof v !== 'object' || v === null || typeof v.table !== 'string' || typeof v.row !== 'object' || v.row === null || Array.isArray(v.row)) {
      bad('expected {"table": "<MDE table>", "row": {...}}'); return;
    }
    const table = findTable(v.table);
    if (!table) { bad(`unknown table '${v.table}'`); return; }
    for (const col of Object.keys(v.row)) if (!table.columnByLowerName.has(col.toLowerCase())) bad(`${table.name} has no column '${col}'`);
    if (v.evidence !== undefined && typeof v.evidence !== 'boolean') bad('evidence must be true or false');
    events.push({ table: table.name, row: v.row as Record<string, JsonValue>, evidence: v.evidence !== false, file, line });
  });
  return { events, problems };
}

export function readFixtureFile(file: string): { events: FixtureEvent[]; problems: SourceProblem[] } {
  return parseFixtureText(file, readFileSync(file, 'utf8'));
}

function sqlValue(table: TableDef, column: string, value: JsonValue): string | null {
  const def = table.columnByLowerName.get(column.toLowerCase())!;
  if (value === null) return def.type === 'string' ? '' : null;
  if (def.type === 'dynamic') return typeof value === 'string' ? value : JSON.stringify(value);
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** Writes events into `path` (a new store file); returns nothing, the caller opens the engine on it. */
export async function writeFixtureStore(path: string, events: readonly FixtureEvent[]): Promise<void> {
  const store = await openStore(path);
  try {
    for (const e of events) {
      const table = findTable(e.table)!;
      const cols = Object.keys(e.row).map((c) => table.columnByLowerName.get(c.toLowerCase())!);
      if (cols.length === 0) continue;
      const exprs = cols.map((c, i) => {
        const p = `CAST($${i + 1} AS VARCHAR)`;
        if (c.type === 'datetime') return `CAST(CAST(${p} AS TIMESTAMPTZ) AS TIMESTAMP)`;
        return `CAST(${p} AS ${DUCKDB_STORAGE_TYPE[c.type]})`;
      });
      const sql = `INSERT INTO ${quoteIdent(table.name)} (${cols.map((c) => quoteIdent(c.name)).join(', ')}) VALUES (${exprs.join(', ')})`;
      const values = Object.keys(e.row).map((c) => sqlValue(table, c, e.row[c]!));
      try {
        await store.connection.run(sql, values);
      } catch (err) {
        throw new Error(`${e.file}:${e.line}: cannot store event: ${(err as Error).message}`);
      }
    }
  } finally {
    store.close();
  }
}

/** A temporary folder for fixture stores; `dispose()` deletes it. */
export function tempStorePath(): { path: string; dispose(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'harrier-fixture-'));
  return { path: join(dir, 'fixture.duckdb'), dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The latest Timestamp among the events (fixtures run with `now` just after it). */
export function latestTimestamp(events: readonly FixtureEvent[]): Date | undefined {
  let max: number | undefined;
  for (const e of events) {
    const t = e.row['Timestamp'];
    if (typeof t === 'string') { const ms = Date.parse(t); if (!Number.isNaN(ms) && (max === undefined || ms > max)) max = ms; }
  }
  return max === undefined ? undefined : new Date(max);
}
