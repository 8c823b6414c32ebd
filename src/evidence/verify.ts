/**
 * Verifies an evidence package: manifest.json parses and has the expected format, every file it
 * lists exists with the recorded size and SHA-256, no file was added, SHA256SUMS is exactly the
 * text derived from the manifest (so it covers manifest.json), and, when given, the manifest's
 * SHA-256 matches the one recorded elsewhere at export time. Any one-byte change is reported.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describeFile, EVIDENCE_FORMAT, MANIFEST_FILE, sha256, sumsText, SUMS_FILE, type EvidenceManifest } from './manifest.js';

export interface EvidenceProblem {
  readonly file: string;
  readonly kind: 'changed' | 'missing' | 'extra' | 'manifest' | 'sums';
  readonly message: string;
}

export interface EvidenceVerification {
  readonly ok: boolean;
  readonly checked: number;
  readonly manifestSha256: string | null;
  readonly problems: readonly EvidenceProblem[];
}

function listFiles(dir: string, root = dir): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? listFiles(p, root) : [relative(root, p).split('\\').join('/')];
  });
}

export function verifyEvidence(dir: string, options: { expectManifest?: string } = {}): EvidenceVerification {
  const problems: EvidenceProblem[] = [];
  const manifestPath = join(dir, MANIFEST_FILE);
  if (!existsSync(manifestPath)) return { ok: false, checked: 0, manifestSha256: null, problems: [{ file: MANIFEST_FILE, kind: 'missing', message: `no ${MANIFEST_FILE} in ${dir}` }] };
  const manifestText = readFileSync(manifestPath);
  const manifestSha256 = sha256(manifestText);
  let manifest: EvidenceManifest;
  try {
    manifest = JSON.parse(manifestText.toString('utf8')) as EvidenceManifest;
    if (manifest.format !== EVIDENCE_FORMAT || !Array.isArray(manifest.files)) throw new Error(`not a ${EVIDENCE_FORMAT} manifest`);
  } catch (err) {
    return { ok: false, checked: 0, manifestSha256, problems: [{ file: MANIFEST_FILE, kind: 'manifest', message: `unreadable: ${(err as Error).message}` }] };
  }
  if (options.expectManifest && options.expectManifest.toLowerCase() !== manifestSha256) {
    problems.push({ file: MANIFEST_FILE, kind: 'manifest', message: `SHA-256 ${manifestSha256} differs from the expected ${options.expectManifest}` });
  }
  let checked = 0;
  for (const f of manifest.files) {
    if (!existsSync(join(dir, f.path))) {
      problems.push({ file: f.path, kind: 'missing', message: 'listed in the manifest but missing' });
      continue;
    }
    const now = describeFile(dir, f.path);
    checked++;
    if (now.sha256 !== f.sha256 || now.bytes !== f.bytes) {
      problems.push({ file: f.path, kind: 'changed', message: `SHA-256 ${now.sha256} (${now.bytes} bytes) differs from the manifest's ${f.sha256} (${f.bytes} bytes)` });
    }
  }
  const sumsPath = join(dir, SUMS_FILE);
  if (!existsSync(sumsPath)) {
    problems.push({ file: SUMS_FILE, kind: 'missing', message: 'missing' });
  } else if (readFileSync(sumsPath, 'utf8') !== sumsText(manifest.files, manifestSha256)) {
    problems.push({ file: SUMS_FILE, kind: 'sums', message: `does not match the manifest (${MANIFEST_FILE} or ${SUMS_FILE} was changed)` });
  }
  const listed = new Set([...manifest.files.map((f) => f.path), MANIFEST_FILE, SUMS_FILE]);
  for (const p of listFiles(dir)) if (!listed.has(p)) problems.push({ file: p, kind: 'extra', message: 'not in the manifest (added after export)' });
  return { ok: problems.length === 0, checked: checked + 2, manifestSha256, problems };
}
