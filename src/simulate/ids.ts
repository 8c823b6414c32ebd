/**
 * Deterministic identifiers derived from labels: MDE-style DeviceIds (40 hex), GUIDs, SIDs and
 * file hashes. The same label always gives the same value, so binaries keep stable hashes.
 */
import { createHash } from 'node:crypto';

export function hexDigest(algorithm: 'sha1' | 'sha256' | 'md5', label: string): string {
  return createHash(algorithm).update(label).digest('hex');
}

export function guidFrom(label: string): string {
  const h = hexDigest('md5', label);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Domain SID prefix for the simulated forest, derived from the seed. */
export function domainSid(seed: number): string {
  const h = hexDigest('sha1', `domain-sid:${seed}`);
  const part = (i: number) => (parseInt(h.slice(i * 8, i * 8 + 8), 16) >>> 1).toString();
  return `S-1-5-21-${part(0)}-${part(1)}-${part(2)}`;
}

export interface FileHashes {
  readonly sha1: string;
  readonly sha256: string;
  readonly md5: string;
}

export function hashesOf(label: string): FileHashes {
  return { sha1: hexDigest('sha1', label), sha256: hexDigest('sha256', label), md5: hexDigest('md5', label) };
}
