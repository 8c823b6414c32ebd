/** Shared helpers for the ingest tests: temp folders, a fresh store, and small query shortcuts. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '../../src/store/index.js';

export function tempDir(t: { after: (fn: () => void) => void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'harrier-ingest-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export async function memoryStore(t: { after: (fn: () => void) => void }): Promise<Store> {
  const store = await openStore(':memory:');
  t.after(() => store.close());
  return store;
}

export async function rows(store: Store, sql: string): Promise<Record<string, unknown>[]> {
  const r = await store.connection.runAndReadAll(sql);
  return r.getRowObjectsJson() as Record<string, unknown>[];
}

export async function scalar(store: Store, sql: string): Promise<unknown> {
  const r = await store.connection.runAndReadAll(sql);
  const v = r.getRowsJson()[0]?.[0];
  return typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v;
}

export async function count(store: Store, table: string): Promise<number> {
  return Number(await scalar(store, `SELECT count(*) FROM "${table}"`));
}

/** CSV text from a header and rows of raw (already CSV-encoded) cells. */
export function csv(header: readonly string[], lines: readonly string[]): string {
  return `${header.join(',')}\n${lines.join('\n')}\n`;
}
