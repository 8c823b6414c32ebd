/**
 * The evidence package's manifest: `manifest.json` lists every exported file with its size and
 * SHA-256, the incident, how the hunt ran, and the SHA-256 of each ingested source file (from
 * `_harrier_ingests`); `SHA256SUMS` (sha256sum format, so `sha256sum -c SHA256SUMS` works without
 * Harrier) is derived from it deterministically and covers manifest.json too.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

export const MANIFEST_FILE = 'manifest.json';
export const SUMS_FILE = 'SHA256SUMS';
export const EVIDENCE_FORMAT = 'harrier-evidence/1';

export interface ManifestFile {
  readonly path: string;
  readonly bytes: number;
  readonly sha256: string;
}

export interface EvidenceManifest {
  readonly format: typeof EVIDENCE_FORMAT;
  readonly createdAt: string;
  readonly harrier: string;
  readonly incident: Readonly<Record<string, unknown>>;
  readonly hunt: Readonly<Record<string, unknown>>;
  readonly sources: {
    readonly kind: 'ingested' | 'simulated' | 'unknown';
    readonly note: string;
    readonly files: readonly { readonly path: string; readonly sha256: string; readonly tables: string; readonly format: string; readonly rowsStored: number; readonly ingestedAt: string }[];
  };
  readonly events: { readonly count: number; readonly byTable: Readonly<Record<string, number>> };
  readonly files: readonly ManifestFile[];
}

export const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

export function describeFile(dir: string, path: string): ManifestFile {
  const data = readFileSync(`${dir}/${path}`);
  return { path, bytes: data.length, sha256: sha256(data) };
}

/** The exact text of SHA256SUMS for a manifest's files plus manifest.json itself. */
export function sumsText(files: readonly ManifestFile[], manifestSha256: string): string {
  return [...files.map((f) => `${f.sha256}  ${f.path}`), `${manifestSha256}  ${MANIFEST_FILE}`].join('\n') + '\n';
}
