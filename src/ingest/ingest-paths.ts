/**
 * `ingestPaths(store, paths, options)`: the library entry point every stage uses (CLI, simulator,
 * collectors). Expands folders recursively (files with ingestible extensions, sorted), ingests
 * each file in its own transaction, and returns one summary per file, in order.
 */
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Store } from '../store/index.js';
import { isIngestibleName } from './detect-format.js';
import { ingestFile } from './ingest-file.js';
import type { FileSummary, IngestOptions } from './types.js';

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const out: string[] = [];
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...await walk(p));
    else if (e.isFile() && isIngestibleName(e.name)) out.push(p);
  }
  return out;
}

/** Files named by `paths`: files as given, folders expanded recursively. Missing paths are kept (they fail). */
export async function expandPaths(paths: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    const abs = resolve(p);
    const info = await stat(abs).catch(() => undefined);
    if (info?.isDirectory()) out.push(...await walk(abs));
    else out.push(abs);
  }
  return [...new Set(out)];
}

export async function ingestPaths(store: Store, paths: readonly string[], options: IngestOptions = {}): Promise<FileSummary[]> {
  const conn = store.connection;
  await conn.run(`SET TimeZone = 'UTC'`);
  if (options.onProgress) {
    await conn.run(`SET enable_progress_bar = true`);
    await conn.run(`SET enable_progress_bar_print = false`);
  }
  const files = await expandPaths(paths);
  const summaries: FileSummary[] = [];
  for (const f of files) {
    const s = await ingestFile(store, f, options);
    options.onFileDone?.(s);
    summaries.push(s);
  }
  return summaries;
}
