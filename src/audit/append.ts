/**
 * Appends one entry to an audit trail, chaining it to the previous line, and updates the head file.
 * A lock file (`<trail>.lock`) serialises writers from several processes.
 */
import { appendFileSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { AUDIT_FORMAT_VERSION, GENESIS, entryLine, headPath, sha256Hex, trailLines, type AuditEntry } from './chain.js';

const LOCK_WAIT_MS = 10_000;
const STALE_LOCK_MS = 60_000;

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function withLock<T>(trail: string, fn: () => T): T {
  const lock = `${trail}.lock`;
  const started = Date.now();
  let fd: number | undefined;
  while (fd === undefined) {
    try {
      fd = openSync(lock, 'wx');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      try {
        if (Date.now() - statSync(lock).mtimeMs > STALE_LOCK_MS) rmSync(lock, { force: true });
      } catch { /* removed meanwhile */ }
      if (Date.now() - started > LOCK_WAIT_MS) throw new Error(`audit trail ${trail} is locked by another process (${lock})`);
      sleepSync(25);
    }
  }
  try {
    return fn();
  } finally {
    closeSync(fd);
    rmSync(lock, { force: true });
  }
}

/** Appends `record` (any JSON-serialisable fields) and returns the entry as written. */
export function appendAudit(trail: string, record: Readonly<Record<string, unknown>>, now: Date = new Date()): AuditEntry {
  mkdirSync(dirname(trail), { recursive: true });
  return withLock(trail, () => {
    const lines = existsSync(trail) ? trailLines(readFileSync(trail, 'utf8')) : [];
    const last = lines.at(-1);
    let seq = 1;
    let prev = GENESIS;
    if (last !== undefined) {
      prev = sha256Hex(last);
      const lastSeq = (() => { try { return Number((JSON.parse(last) as { seq?: unknown }).seq); } catch { return NaN; } })();
      seq = Number.isInteger(lastSeq) ? lastSeq + 1 : lines.length + 1;
    }
    const envelope = { v: AUDIT_FORMAT_VERSION, seq, time: now.toISOString(), prev };
    const line = entryLine(envelope, record);
    appendFileSync(trail, `${line}\n`, { encoding: 'utf8', mode: 0o600 });
    const head = headPath(trail);
    writeFileSync(`${head}.tmp`, `${JSON.stringify({ seq, sha256: sha256Hex(line) })}\n`, { mode: 0o600 });
    renameSync(`${head}.tmp`, head);
    return JSON.parse(line) as AuditEntry;
  });
}
