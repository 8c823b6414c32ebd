/**
 * The collector's checkpoint: a small JSON file beside the store holding, per table, the time up to
 * which every window is stored and the window width in use, keyed by the collection's parameters
 * (devices, tables, range). Written atomically (temp file + rename) after each stored window. The
 * store's own manifest is the second source: a window whose file is recorded in `_harrier_ingests`
 * counts as stored even if the process died before the checkpoint was written, so a resumed run
 * never asks for — or stores — a window twice.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

export interface TableProgress {
  /** Epoch ms up to which every window of this table is stored. */
  cursor: number;
  /** Window width in use (ms), so a resumed run continues with what worked. */
  width: number;
  rows: number;
  windows: number;
  done: boolean;
}

export interface Checkpoint {
  version: 1;
  key: string;
  params: CollectParams;
  tables: Record<string, TableProgress>;
  updatedAt: string;
}

export interface CollectParams {
  readonly devices: readonly string[];
  readonly all: boolean;
  readonly from: string;
  readonly to: string;
  readonly tables: readonly string[];
}

export function paramsKey(p: CollectParams): string {
  const canon = JSON.stringify({ devices: [...p.devices].map((d) => d.toLowerCase()).sort(), all: p.all, from: p.from, to: p.to, tables: [...p.tables].sort() });
  return createHash('sha256').update(canon).digest('hex').slice(0, 16);
}

/** The checkpoint for these parameters, or a fresh one (a file for other parameters is replaced). */
export function loadCheckpoint(path: string, params: CollectParams): { checkpoint: Checkpoint; resumed: boolean } {
  const key = paramsKey(params);
  if (existsSync(path)) {
    try {
      const cp = JSON.parse(readFileSync(path, 'utf8')) as Checkpoint;
      if (cp.version === 1 && cp.key === key) return { checkpoint: cp, resumed: true };
    } catch { /* unreadable: start afresh */ }
  }
  return { checkpoint: { version: 1, key, params, tables: {}, updatedAt: new Date().toISOString() }, resumed: false };
}

export function saveCheckpoint(path: string, cp: Checkpoint): void {
  cp.updatedAt = new Date().toISOString();
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(cp, null, 2)}\n`);
  renameSync(tmp, path);
}
