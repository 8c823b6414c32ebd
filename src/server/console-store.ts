/**
 * The console's query history and saved queries, kept beside the store in `<db>.console.json`.
 * Every change rewrites the file atomically (temporary file, then rename), one change at a time, so
 * a crash never leaves half a file. History keeps the newest HISTORY_LIMIT entries.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { HttpError } from './http-io.js';

export const HISTORY_LIMIT = 200;
const MAX_QUERY_CHARS = 100_000;

export interface HistoryEntry { readonly query: string; readonly at: string }
export interface SavedQuery { readonly name: string; readonly query: string; readonly savedAt: string }
interface ConsoleState { history: HistoryEntry[]; saved: SavedQuery[] }

export const consoleFileFor = (db: string) => `${db}.console.json`;

function checkQuery(q: unknown): string {
  if (typeof q !== 'string' || q.trim() === '') throw new HttpError(400, 'query must be a non-empty string');
  if (q.length > MAX_QUERY_CHARS) throw new HttpError(400, `query over ${MAX_QUERY_CHARS} characters`);
  return q;
}

function checkName(n: unknown): string {
  if (typeof n !== 'string' || n.trim() === '' || n.length > 200) throw new HttpError(400, 'name must be a non-empty string of at most 200 characters');
  return n.trim();
}

export class ConsoleStore {
  private chain: Promise<unknown> = Promise.resolve();

  constructor(readonly file: string) {}

  read(): ConsoleState {
    if (!existsSync(this.file)) return { history: [], saved: [] };
    try {
      const s = JSON.parse(readFileSync(this.file, 'utf8')) as Partial<ConsoleState>;
      return { history: Array.isArray(s.history) ? s.history : [], saved: Array.isArray(s.saved) ? s.saved : [] };
    } catch {
      throw new HttpError(500, `${this.file} is not valid JSON: fix or remove it`);
    }
  }

  /** Applies one change to the file, after every earlier change. */
  private change<T>(fn: (s: ConsoleState) => T): Promise<T> {
    const next = this.chain.then(() => {
      const state = this.read();
      const out = fn(state);
      const tmp = `${this.file}.tmp`;
      writeFileSync(tmp, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
      renameSync(tmp, this.file);
      return out;
    });
    this.chain = next.catch(() => undefined);
    return next;
  }

  addHistory(query: unknown, now = new Date()): Promise<HistoryEntry> {
    const entry = { query: checkQuery(query), at: now.toISOString() };
    return this.change((s) => {
      s.history = [entry, ...s.history.filter((h) => h.query !== entry.query)].slice(0, HISTORY_LIMIT);
      return entry;
    });
  }

  save(name: unknown, query: unknown, now = new Date()): Promise<SavedQuery> {
    const entry = { name: checkName(name), query: checkQuery(query), savedAt: now.toISOString() };
    return this.change((s) => {
      s.saved = [...s.saved.filter((q) => q.name !== entry.name), entry].sort((a, b) => a.name.localeCompare(b.name));
      return entry;
    });
  }

  remove(name: unknown): Promise<boolean> {
    const n = checkName(name);
    return this.change((s) => {
      const before = s.saved.length;
      s.saved = s.saved.filter((q) => q.name !== n);
      return s.saved.length < before;
    });
  }
}
