/**
 * One of Harrier's UDFs (../udfs.ts) as a ClickHouse executable UDF: ClickHouse starts this
 * program (see udf-config.ts) with the UDF's name as its argument and writes the argument rows to
 * its stdin as JSONEachRow ({"a0": …, "a1": …}); the program answers one {"r": …} line per row, in
 * order. It stays alive for the next block (executable_pool) and exits when stdin closes. A UDF
 * that throws (a refusal, "not supported: …") ends the program with the message on stderr, which
 * ClickHouse reports as the query's error.
 */
import { createInterface } from 'node:readline';
import { harrierUdfs, type UdfKind } from '../udfs.js';

/** ClickHouse's JSON text for non-finite doubles (output_format_json_quote_denormals). */
const DENORMALS: Readonly<Record<string, number>> = { nan: Number.NaN, '-nan': Number.NaN, inf: Infinity, '+inf': Infinity, '-inf': -Infinity };

function decode(v: unknown, kind: UdfKind): unknown {
  if (v === null || v === undefined) return null;
  if (kind === 'text') return String(v);
  // 64-bit integers arrive quoted (output_format_json_quote_64bit_integers).
  if (kind === 'long') return BigInt(v as string | number);
  return typeof v === 'string' ? (DENORMALS[v.toLowerCase()] ?? Number(v)) : v;
}

function encode(v: unknown, kind: UdfKind): unknown {
  if (v === null || v === undefined) return null;
  if (kind === 'long') return String(v);
  if (kind === 'real' && typeof v === 'number' && !Number.isFinite(v)) return Number.isNaN(v) ? 'nan' : v > 0 ? 'inf' : '-inf';
  return v;
}

async function main(): Promise<void> {
  const name = process.argv[2];
  const udf = (await harrierUdfs()).find((u) => u.name === name);
  if (!udf) throw new Error(`unknown Harrier UDF ${String(name)}`);
  const out: string[] = [];
  const flush = () => {
    if (out.length) process.stdout.write(out.join(''));
    out.length = 0;
  };
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  // Answers are written per input chunk: ClickHouse waits for a block's answers before the next.
  process.stdin.on('data', () => setImmediate(flush));
  for await (const line of lines) {
    if (line === '') continue;
    const row = JSON.parse(line) as Record<string, unknown>;
    const args = udf.params.map((k, i) => decode(row[`a${i}`], k));
    const value = args.some((a) => a === null) ? null : udf.fn(...(args as never[]));
    out.push(`${JSON.stringify({ r: encode(value, udf.returns) })}\n`);
    if (out.length >= 1024) flush();
  }
  flush();
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
