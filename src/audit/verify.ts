/**
 * Verifies an audit trail: every line is JSON, `seq` runs 1, 2, 3…, every `prev` is the SHA-256 of
 * the line before, and the head file names the last line. Any edit, deletion, insertion or
 * reordering of lines shows up as at least one problem, each with its line number.
 */
import { existsSync, readFileSync } from 'node:fs';
import { GENESIS, headPath, sha256Hex, trailLines, type AuditEntry, type AuditHead } from './chain.js';

export type AuditProblemKind = 'not-json' | 'sequence' | 'chain' | 'head' | 'missing-head' | 'missing-trail';

export interface AuditProblem {
  readonly line: number;
  readonly kind: AuditProblemKind;
  readonly message: string;
}

export interface AuditVerification {
  readonly ok: boolean;
  readonly entries: number;
  /** SHA-256 of the last line: record it elsewhere to pin the trail's state. */
  readonly headSha256: string;
  readonly problems: readonly AuditProblem[];
  readonly warnings: readonly string[];
}

export function verifyAudit(trail: string, options: { expectHead?: string } = {}): AuditVerification {
  const problems: AuditProblem[] = [];
  const warnings: string[] = [];
  const headFile = headPath(trail);
  if (!existsSync(trail)) {
    if (existsSync(headFile)) problems.push({ line: 0, kind: 'missing-trail', message: `the trail is missing but its head file ${headFile} exists: the whole trail was deleted` });
    return { ok: problems.length === 0, entries: 0, headSha256: GENESIS, problems, warnings: problems.length ? [] : ['no audit trail yet'] };
  }
  const lines = trailLines(readFileSync(trail, 'utf8'));
  let prevHash = GENESIS;
  lines.forEach((line, i) => {
    const n = i + 1;
    let entry: AuditEntry | undefined;
    try {
      const parsed = JSON.parse(line) as unknown;
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) entry = parsed as AuditEntry;
    } catch { /* reported below */ }
    if (!entry) {
      problems.push({ line: n, kind: 'not-json', message: `line ${n} is not a JSON object (edited or damaged)` });
    } else {
      if (entry.seq !== n) problems.push({ line: n, kind: 'sequence', message: `line ${n} has seq ${String(entry.seq)}, expected ${n} (an entry was deleted, inserted or moved)` });
      if (entry.prev !== prevHash) {
        problems.push({ line: n, kind: 'chain', message: n === 1
          ? `line 1 does not start the chain (prev is not the genesis hash): entries before it were deleted or it was edited`
          : `line ${n}'s prev hash does not match line ${n - 1} (line ${n - 1} was edited, or lines were deleted or reordered)` });
      }
    }
    prevHash = sha256Hex(line);
  });
  if (existsSync(headFile)) {
    let head: AuditHead | undefined;
    try { head = JSON.parse(readFileSync(headFile, 'utf8')) as AuditHead; } catch { /* reported below */ }
    if (!head || typeof head.seq !== 'number' || typeof head.sha256 !== 'string') {
      problems.push({ line: lines.length, kind: 'head', message: `head file ${headFile} is damaged` });
    } else if (head.seq !== lines.length || head.sha256 !== prevHash) {
      problems.push({ line: lines.length, kind: 'head', message: `the head file records entry ${head.seq} with hash ${head.sha256.slice(0, 12)}…, but the trail ends at line ${lines.length} with hash ${prevHash.slice(0, 12)}… (the last entries were deleted or edited)` });
    }
  } else if (lines.length > 0) {
    problems.push({ line: lines.length, kind: 'missing-head', message: `head file ${headFile} is missing: deletion of the last entries cannot be ruled out` });
  }
  if (options.expectHead !== undefined && options.expectHead.toLowerCase() !== prevHash) {
    problems.push({ line: lines.length, kind: 'head', message: `the trail's head hash ${prevHash} differs from the expected ${options.expectHead}` });
  }
  return { ok: problems.length === 0, entries: lines.length, headSha256: prevHash, problems, warnings };
}

/** Reads every entry that parses (for reports); use verifyAudit to know whether to trust them. */
export function readAudit(trail: string): AuditEntry[] {
  if (!existsSync(trail)) return [];
  const out: AuditEntry[] = [];
  for (const line of trailLines(readFileSync(trail, 'utf8'))) {
    try { out.push(JSON.parse(line) as AuditEntry); } catch { /* skipped; verify reports it */ }
  }
  return out;
}
