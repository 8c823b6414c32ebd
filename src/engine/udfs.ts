/**
 * Harrier's scalar UDFs: KQL functions the SQL engines have no builtin for (gzip/zlib to base64,
 * punycode, xxhash64, the beta distribution, and the JSON-argument families: series, sketches,
 * geo). One list serves both engines: DuckDB registers it in process (udfs-duckdb.ts), ClickHouse
 * runs it as executable UDFs (clickhouse/udf-runner.ts). Promises: every UDF is a pure function of
 * its arguments (no files, no network, no clock); names start with `harrier_` so they never shadow
 * a builtin; NULL in gives NULL out, and bad input (undecodable base64, corrupt streams) gives
 * NULL, never an error, like Kusto's conversions. This module must not load an engine: the
 * ClickHouse runner imports it in a process of its own.
 */
import { createRequire } from 'node:module';
import { gzipSync, gunzipSync, deflateSync, inflateSync } from 'node:zlib';
import xxhash from 'xxhash-wasm';
import { seriesUdf } from './udfs-series.js';
import { SKETCH_OPS } from './udfs-sketch.js';
import { GEO_OPS } from './udfs-geo.js';
import { S2_OPS } from './udfs-s2.js';
import { SHAPE_OPS } from './udfs-geo-shapes.js';
import { jsonOpUdf } from './json-op-udf.js';

const require = createRequire(import.meta.url);
// The npm packages, not Node's deprecated builtin `punycode`.
const punycode = require('punycode/punycode.js') as { encode(s: string): string; decode(s: string): string };
const { jStat } = require('jstat') as {
  jStat: { beta: Record<'cdf' | 'pdf' | 'inv', (x: number, a: number, b: number) => number>; erf(x: number): number; erfc(x: number): number; gammaln(x: number): number };
};

/** Separators Kusto (like IDNA) accepts between domain labels: . 。 ． ｡ */
const LABEL_SEP = /[.\u3002\uFF0E\uFF61]/;

function base64Bytes(s: string): Buffer | null {
  const t = s.trim();
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(t) || t.length % 4 !== 0) return null;
  return Buffer.from(t, 'base64');
}

/** Kusto's gzip writer: stored deflate blocks, header mtime 0, XFL 0 and OS 0xff (unknown). */
export function gzipToBase64(s: string): string {
  const out = gzipSync(Buffer.from(s, 'utf8'), { level: 0 });
  out[8] = 0x00;
  out[9] = 0xff;
  return out.toString('base64');
}

export function zlibToBase64(s: string): string {
  return deflateSync(Buffer.from(s, 'utf8'), { level: 0 }).toString('base64');
}

function decompress(s: string, fn: (b: Buffer) => Buffer): string | null {
  const b = base64Bytes(s);
  if (!b || b.length === 0) return null;
  try {
    return fn(b).toString('utf8');
  } catch {
    return null;
  }
}

/** punycode_domain_to_string: labels with non-ASCII characters become `xn--<punycode>`. */
export function punycodeDomainEncode(domain: string): string {
  // eslint-disable-next-line no-control-regex
  return domain.split(LABEL_SEP).map((l) => (/[^\x00-\x7f]/.test(l) ? `xn--${punycode.encode(l)}` : l)).join('.');
}

export function punycodeDomainDecode(domain: string): string | null {
  try {
    return domain.split(LABEL_SEP).map((l) => (/^xn--/i.test(l) ? punycode.decode(l.slice(4)) : l)).join('.');
  } catch {
    return null;
  }
}

function tryString(fn: (s: string) => string): (s: string) => string | null {
  return (s) => {
    try {
      return fn(s);
    } catch {
      return null;
    }
  };
}

const nan = Number.NaN;
const badShape = (a: number, b: number) => !(a > 0) || !(b > 0);

/** Continued fraction of the regularized incomplete beta (modified Lentz), to double precision. */
function betaContinuedFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 10000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d; if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c; if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d; h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d; if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c; if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-16) break;
  }
  return h;
}

/** Regularized incomplete beta I_x(a, b). */
function ibeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(jStat.gammaln(a + b) - jStat.gammaln(a) - jStat.gammaln(b) + a * Math.log(x) + b * Math.log1p(-x));
  return x < (a + 1) / (a + b + 2) ? (front * betaContinuedFraction(x, a, b)) / a : 1 - (front * betaContinuedFraction(1 - x, b, a)) / b;
}

export function betaCdf(x: number, a: number, b: number): number {
  if (x < 0 || x > 1 || badShape(a, b) || a > 10000 || b > 10000) return nan;
  return ibeta(x, a, b);
}

export function betaPdf(x: number, a: number, b: number): number {
  if (!(x > 0 && x < 1) || badShape(a, b)) return nan;
  return jStat.beta.pdf(x, a, b);
}

/** Inverse CDF: jStat's estimate polished by Newton steps on the precise CDF above. */
export function betaInv(p: number, a: number, b: number): number | null {
  if (!(p >= 0 && p <= 1)) return null;
  if (badShape(a, b)) return nan;
  if (p === 0 || p === 1) return p;
  let x = jStat.beta.inv(p, a, b);
  for (let i = 0; i < 20; i++) {
    const d = jStat.beta.pdf(x, a, b);
    if (!(d > 0)) break;
    const next = x - (ibeta(x, a, b) - p) / d;
    if (!(next > 0 && next < 1)) break;
    const done = Math.abs(next - x) <= 1e-16 * Math.max(1, x);
    x = next;
    if (done) break;
  }
  return x;
}

/**
 * Canonical JSON text (dynamic_to_json): object keys sorted ordinally at every level; strings and
 * numbers keep their exact text (no float round trip, so big integers survive). NULL on bad JSON.
 */
export function canonicalJson(text: string): string | null {
  let i = 0;
  const ws = () => { while (i < text.length && ' \t\r\n'.includes(text[i]!)) i++; };
  const str = (): string => {
    const start = i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    if (i >= text.length) throw new Error('unterminated string');
    return text.slice(start, ++i);
  };
  const value = (): string => {
    ws();
    const c = text[i];
    if (c === '"') return str();
    if (c === '[') {
      i++;
      const items: string[] = [];
      ws();
      if (text[i] === ']') { i++; return '[]'; }
      for (;;) {
        items.push(value());
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === ']') { i++; return `[${items.join(',')}]`; }
        throw new Error('bad array');
      }
    }
    if (c === '{') {
      i++;
      const pairs: [string, string, string][] = [];
      ws();
      if (text[i] === '}') { i++; return '{}'; }
      for (;;) {
        ws();
        if (text[i] !== '"') throw new Error('bad key');
        const raw = str();
        ws();
        if (text[i++] !== ':') throw new Error('bad pair');
        pairs.push([JSON.parse(raw) as string, raw, value()]);
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === '}') { i++; break; }
        throw new Error('bad object');
      }
      pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      return `{${pairs.map(([, k, v]) => `${k}:${v}`).join(',')}}`;
    }
    const m = /^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 400));
    if (!m) throw new Error('bad value');
    i += m[0].length;
    return m[0];
  };
  try {
    const out = value();
    ws();
    return i === text.length ? out : null;
  } catch {
    return null;
  }
}

function ipv4Number(s: string): number | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s.trim());
  if (!m) return null;
  const o = m.slice(1).map(Number);
  return o.every((x) => x <= 255) ? ((o[0]! * 256 + o[1]!) * 256 + o[2]!) * 256 + o[3]! : null;
}

/** The smallest list of CIDR blocks covering [start, end] (JSON array text); NULL when invalid. */
export function ipv4RangeToCidrs(start: string, end: string): string | null {
  let lo = ipv4Number(start);
  const hi = ipv4Number(end);
  if (lo === null || hi === null || lo > hi) return null;
  const out: string[] = [];
  const fmt = (n: number) => [24, 16, 8, 0].map((sh) => Math.floor(n / 2 ** sh) % 256).join('.');
  while (lo <= hi) {
    let size = 32;
    // Grow the block while it stays aligned on lo and inside the range.
    while (size > 0 && lo % 2 ** (33 - size) === 0 && lo + 2 ** (33 - size) - 1 <= hi) size--;
    out.push(`${fmt(lo)}/${size}`);
    lo += 2 ** (32 - size);
  }
  return JSON.stringify(out);
}

/** The SQL type of a UDF parameter or result: text, DOUBLE or BIGINT. */
export type UdfKind = 'text' | 'real' | 'long';

export interface HarrierUdf {
  readonly name: string;
  readonly params: readonly UdfKind[];
  readonly returns: UdfKind;
  /** Called with non-null arguments only (text → string, real → number, long → bigint). */
  readonly fn: (...args: never[]) => unknown;
}

/** Every Harrier UDF (async: xxhash64 is WebAssembly). */
export async function harrierUdfs(): Promise<readonly HarrierUdf[]> {
  const { h64Raw } = await xxhash();
  const le64 = (v: bigint) => {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setBigInt64(0, BigInt.asIntN(64, v), true);
    return b;
  };
  const signed = (h: bigint) => BigInt.asIntN(64, h);
  const T = 'text', R = 'real', L = 'long';
  return [
    { name: 'harrier_gzip_compress', params: [T], returns: T, fn: tryString(gzipToBase64) },
    { name: 'harrier_gzip_decompress', params: [T], returns: T, fn: (s: string) => decompress(s, gunzipSync) },
    { name: 'harrier_zlib_compress', params: [T], returns: T, fn: tryString(zlibToBase64) },
    { name: 'harrier_zlib_decompress', params: [T], returns: T, fn: (s: string) => decompress(s, inflateSync) },
    { name: 'harrier_punycode_encode', params: [T], returns: T, fn: tryString((s) => punycode.encode(s)) },
    { name: 'harrier_punycode_decode', params: [T], returns: T, fn: tryString((s) => punycode.decode(s)) },
    { name: 'harrier_punycode_domain_encode', params: [T], returns: T, fn: tryString(punycodeDomainEncode) },
    { name: 'harrier_punycode_domain_decode', params: [T], returns: T, fn: punycodeDomainDecode },
    // xxhash64 (seed 0) of a string's UTF-8 bytes, or of a 64-bit integer's 8 little-endian bytes.
    { name: 'harrier_xxhash64_text', params: [T], returns: L, fn: (s: string) => signed(h64Raw(Buffer.from(s, 'utf8'), 0n)) },
    { name: 'harrier_xxhash64_int64', params: [L], returns: L, fn: (v: bigint) => signed(h64Raw(le64(v), 0n)) },
    { name: 'harrier_json_canonical', params: [T], returns: T, fn: canonicalJson },
    // jStat's series is accurate to ~1e-16; erf(0) is exactly 0.
    { name: 'harrier_erf', params: [R], returns: R, fn: (x: number) => (x === 0 ? 0 : jStat.erf(x)) },
    { name: 'harrier_erfc', params: [R], returns: R, fn: (x: number) => (x === 0 ? 1 : jStat.erfc(x)) },
    { name: 'harrier_ipv4_range_to_cidrs', params: [T, T], returns: T, fn: ipv4RangeToCidrs },
    { name: 'harrier_beta_cdf', params: [R, R, R], returns: R, fn: betaCdf },
    { name: 'harrier_beta_pdf', params: [R, R, R], returns: R, fn: betaPdf },
    { name: 'harrier_beta_inv', params: [R, R, R], returns: R, fn: betaInv },
    // series_* functions (udfs-series.ts): the name is a catalog constant, the arguments a JSON array.
    { name: 'harrier_series', params: [T, T], returns: T, fn: seriesUdf },
    // hll/tdigest exact state, weighted percentiles, buildschema (udfs-sketch.ts).
    // Their errors are bugs, so they surface.
    { name: 'harrier_sketch', params: [T, T], returns: T, fn: jsonOpUdf(SKETCH_OPS, { nullOnError: false }) },
    // geohash, H3 and measures (udfs-geo.ts), S2 cells, angles and WKT (udfs-s2.ts): bad input is null.
    { name: 'harrier_geo', params: [T, T], returns: T, fn: jsonOpUdf({ ...GEO_OPS, ...S2_OPS }, { nullOnError: true }) },
    // geodesic lines and polygons through s2js (udfs-geo-shapes.ts).
    { name: 'harrier_geo_shapes', params: [T, T], returns: T, fn: jsonOpUdf(SHAPE_OPS, { nullOnError: true }) },
  ];
}
