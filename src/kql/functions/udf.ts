/**
 * Functions computed by Harrier's DuckDB UDFs (src/engine/udfs.ts): gzip/zlib to base64, punycode,
 * Kusto's hash() (xxhash64), ipv4_range_to_cidr_list and the beta distribution. Arguments are always compiled SQL; string
 * results are never NULL.
 */
import { defineFunctions, scalar, type FnArg, type FnContext } from './catalog.js';
import { as, text } from './common.js';

const str1 = (udf: string) => scalar(([s], cx) => `coalesce(${udf}(${text(s!, cx)}), '')`);
const real3 = (udf: string) => scalar(([a, b, c], cx) => `${udf}(${as(a!, 'real', cx)}, ${as(b!, 'real', cx)}, ${as(c!, 'real', cx)})`);

/** Ticks (100 ns since 0001-01-01) of a timestamp, as Kusto stores datetime values. */
export const TICKS_AT_EPOCH = '621355968000000000';

/**
 * xxhash64 (seed 0) of a value as Kusto hashes it: strings by their UTF-8 bytes, long and datetime
 * (its ticks) and timespan (ticks) by their 8 little-endian bytes. Other types are refused: their
 * byte layout in Kusto is not documented.
 */
function xxhash64(a: FnArg, cx: FnContext): string {
  if (a.type === 'string') return `harrier_xxhash64_text(${a.sql})`;
  if (a.type === 'long' || a.type === 'timespan') return `harrier_xxhash64_int64(${a.sql})`;
  if (a.type === 'datetime') return `harrier_xxhash64_int64(${cx.h('epochMicros')(a.sql)} * 10 + ${TICKS_AT_EPOCH})`;
  throw new Error(`not supported: hash() of a ${a.type} value`);
}

/** hash(x, mod): the hash modulo mod, in [0, mod). */
const hash = scalar(([x, mod], cx) => {
  const h = xxhash64(x!, cx);
  if (!mod) return h;
  const m = as(mod, 'long', cx);
  return `CAST(CASE WHEN ${m} > 0 THEN ((CAST(${h} AS HUGEINT) % ${m}) + ${m}) % ${m} END AS BIGINT)`;
});

defineFunctions({
  gzip_compress_to_base64_string: str1('harrier_gzip_compress'),
  gzip_decompress_from_base64_string: str1('harrier_gzip_decompress'),
  zlib_compress_to_base64_string: str1('harrier_zlib_compress'),
  zlib_decompress_from_base64_string: str1('harrier_zlib_decompress'),
  punycode_from_string: str1('harrier_punycode_encode'),
  punycode_to_string: str1('harrier_punycode_decode'),
  punycode_domain_to_string: str1('harrier_punycode_domain_encode'),
  punycode_domain_from_string: str1('harrier_punycode_domain_decode'),
  hash,
  hash_xxhash64: hash,
  ipv4_range_to_cidr_list: scalar(([a, b], cx) => `CAST(harrier_ipv4_range_to_cidrs(${text(a!, cx)}, ${text(b!, cx)}) AS ${cx.h('sqlType')('dynamic')})`),
  beta_cdf: real3('harrier_beta_cdf'),
  beta_pdf: real3('harrier_beta_pdf'),
  beta_inv: real3('harrier_beta_inv'),
});
