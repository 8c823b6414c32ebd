/**
 * Decides a file's format (CSV export, advanced hunting API JSON, streaming API JSON lines,
 * Parquet) and compression from its name and first bytes. Reads at most a small head of the file.
 */
import { open } from 'node:fs/promises';
import { gunzipSync, constants as zlibConstants } from 'node:zlib';
import { basename } from 'node:path';
import { IngestFileError, type IngestFormat } from './types.js';

export interface DetectedFormat {
  readonly format: IngestFormat;
  readonly gzip: boolean;
}

const HEAD_BYTES = 256 * 1024;

/** Extensions a folder walk picks up (explicitly named files are always tried). */
export const INGESTIBLE_EXTENSIONS: readonly string[] = ['.csv', '.json', '.jsonl', '.ndjson', '.parquet', '.gz'];

export function isIngestibleName(name: string): boolean {
  const lower = name.toLowerCase();
  return !lower.startsWith('.') && INGESTIBLE_EXTENSIONS.some((e) => lower.endsWith(e));
}

async function readRawHead(path: string, bytes: number): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await fh.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

function isGzip(head: Buffer): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/** The first bytes of the file's content (decompressed when gzip), as UTF-8 text. */
export async function readTextHead(path: string, bytes = HEAD_BYTES): Promise<string> {
  const raw = await readRawHead(path, bytes);
  if (!isGzip(raw)) return raw.toString('utf8');
  try {
    // A head of a gzip stream is a truncated stream: flush what can be inflated.
    return gunzipSync(raw, { finishFlush: zlibConstants.Z_SYNC_FLUSH }).subarray(0, bytes).toString('utf8');
  } catch (err) {
    throw new IngestFileError(`cannot decompress gzip data: ${(err as Error).message}`);
  }
}

/** Strips .gz and returns the lower-cased inner extension ('.csv', '.json', …, or ''). */
function innerExtension(path: string): string {
  let name = basename(path).toLowerCase();
  if (name.endsWith('.gz')) name = name.slice(0, -3);
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot);
}

function sniffJson(text: string): IngestFormat | undefined {
  const body = text.replace(/^\uFEFF/, '').trimStart();
  if (!body.startsWith('{')) return undefined;
  const firstLine = body.split('\n', 1)[0]!.trim();
  try {
    const first = JSON.parse(firstLine) as Record<string, unknown>;
    const keys = Object.keys(first).map((k) => k.toLowerCase());
    if (keys.includes('results') || keys.includes('schema')) return 'api-json';
    return 'streaming-jsonl';
  } catch {
    // A pretty-printed or very long single document: the API shape.
    return 'api-json';
  }
}

export async function detectFormat(path: string): Promise<DetectedFormat> {
  const raw = await readRawHead(path, 4);
  const gzip = isGzip(raw);
  if (!gzip && raw.length >= 4 && raw.toString('latin1', 0, 4) === 'PAR1') return { format: 'parquet', gzip: false };
  const ext = innerExtension(path);
  if (ext === '.parquet') return { format: 'parquet', gzip };
  if (ext === '.jsonl' || ext === '.ndjson') return { format: 'streaming-jsonl', gzip };
  if (ext === '.csv' || ext === '.tsv') return { format: 'csv', gzip };
  const text = await readTextHead(path);
  const json = sniffJson(text);
  if (json) return { format: json, gzip };
  if (ext === '.json') throw new IngestFileError('not a JSON document (does not start with "{")');
  if (text.trim() === '') throw new IngestFileError('file is empty');
  return { format: 'csv', gzip };
}
