/**
 * Locates the shared corpus folder and loads the KQL documentation examples
 * (`kql-conformance/docs-examples.jsonl`) as typed records. Promises: every returned record has
 * id, source, query, columns and rows (cells are the docs' strings), in file order; a malformed
 * line throws with its line number.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface DocExample {
  readonly id: string;
  readonly source: string;
  readonly query: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
  readonly note?: string;
}

/** Repository root (two levels above this file). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** shared/ folder: explicit flag, then HARRIER_SHARED, then ../shared beside the repo root. */
export function locateShared(explicit?: string): string {
  const dir = explicit ?? process.env['HARRIER_SHARED'] ?? join(REPO_ROOT, '..', 'shared');
  return resolve(dir);
}

/** Reads a JSON-lines file; blank lines are skipped. */
export function readJsonl(path: string): unknown[] {
  if (!existsSync(path)) throw new Error(`corpus file not found: ${path}`);
  const out: unknown[] = [];
  readFileSync(path, 'utf8').split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      out.push(JSON.parse(line));
    } catch (e) {
      throw new Error(`${path}:${i + 1}: invalid JSON (${(e as Error).message})`);
    }
  });
  return out;
}

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}

export function toDocExample(raw: unknown, where: string): DocExample {
  const r = raw as Record<string, unknown>;
  if (typeof r['id'] !== 'string' || typeof r['source'] !== 'string' || typeof r['query'] !== 'string') {
    throw new Error(`${where}: record lacks id/source/query`);
  }
  const rows = r['rows'];
  if (!isStringArray(r['columns']) || !Array.isArray(rows) || !rows.every(isStringArray)) {
    throw new Error(`${where}: record ${r['id']} lacks columns/rows of strings`);
  }
  const ex: DocExample = { id: r['id'], source: r['source'], query: r['query'], columns: r['columns'], rows };
  return typeof r['note'] === 'string' ? { ...ex, note: r['note'] } : ex;
}

export function docsExamplesPath(sharedDir: string): string {
  return join(sharedDir, 'kql-conformance', 'docs-examples.jsonl');
}

export function loadDocExamples(sharedDir: string): DocExample[] {
  const path = docsExamplesPath(sharedDir);
  return readJsonl(path).map((raw, i) => toDocExample(raw, `${path} record ${i + 1}`));
}
