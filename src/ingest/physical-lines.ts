/**
 * Physical line numbers for byte offsets of a text file (gzip allowed). DuckDB's CSV reject store
 * numbers records ("line" N is the N-th record counting the header), so a quoted field that spans
 * lines shifts every later number; its `line_byte_position` (where the record starts, in the
 * decompressed text) is mapped back here to the line an editor shows. Reads the file only up to
 * the largest offset asked for.
 */
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';

const NL = 0x0a;

function countNewlines(buf: Buffer, end: number): number {
  let n = 0;
  for (let i = buf.indexOf(NL); i >= 0 && i < end; i = buf.indexOf(NL, i + 1)) n++;
  return n;
}

/** 1-based line of each offset: 1 + the newlines strictly before it. */
export async function lineNumbersAt(path: string, gzip: boolean, offsets: readonly number[]): Promise<Map<number, number>> {
  const wanted = [...new Set(offsets)].sort((a, b) => a - b);
  const out = new Map<number, number>();
  if (wanted.length === 0) return out;
  const raw = createReadStream(path, { highWaterMark: 1 << 20 });
  const stream = gzip ? raw.pipe(createGunzip()) : raw;
  let start = 0; // offset of the current chunk's first byte
  let before = 0; // newlines before `start`
  let next = 0; // index into `wanted`
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const end = start + chunk.length;
      while (next < wanted.length && wanted[next]! < end) {
        out.set(wanted[next]!, before + countNewlines(chunk, wanted[next]! - start) + 1);
        next++;
      }
      if (next === wanted.length) break;
      before += countNewlines(chunk, chunk.length);
      start = end;
    }
  } finally {
    raw.destroy();
  }
  // Offsets past the end (should not happen) keep no mapping: callers fall back to DuckDB's number.
  return out;
}
