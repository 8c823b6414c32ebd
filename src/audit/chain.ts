/**
 * The audit trail's hash chain. The trail is a JSON-lines file; every line is one entry whose `prev`
 * field is the SHA-256 (hex) of the exact text of the line before it (GENESIS for the first line) and
 * whose `seq` counts from 1. A small head file beside the trail (`<trail>.head`) records the sequence
 * number and hash of the last line, so removing entries from the end is detected as well.
 */
import { createHash } from 'node:crypto';

export const GENESIS = '0'.repeat(64);
export const AUDIT_FORMAT_VERSION = 1;

/** Fields every entry carries, before the caller's own fields. */
export interface AuditEnvelope {
  readonly v: number;
  readonly seq: number;
  readonly time: string;
  readonly prev: string;
}

export type AuditEntry = AuditEnvelope & Record<string, unknown>;

export interface AuditHead {
  readonly seq: number;
  readonly sha256: string;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The line text of an entry (no trailing newline): envelope fields first, then the record's. */
export function entryLine(envelope: AuditEnvelope, record: Readonly<Record<string, unknown>>): string {
  const { v, seq, time, prev, ...rest } = record as Record<string, unknown>;
  void v; void seq; void time; void prev;
  return JSON.stringify({ v: envelope.v, seq: envelope.seq, time: envelope.time, prev: envelope.prev, ...rest });
}

export function headPath(trail: string): string {
  return `${trail}.head`;
}

/** Splits a trail's text into its lines, ignoring only the final newline. */
export function trailLines(text: string): string[] {
  if (text === '') return [];
  const body = text.endsWith('\n') ? text.slice(0, -1) : text;
  return body.split('\n');
}
