/** IPv4 functions: private ranges, CIDR membership, parsing to a long. */
import { defineFunctions, scalar, type FnContext } from './catalog.js';
import { sqlStr, text } from './common.js';
import { listOrOne } from './arrays.js';

/** IPv4 text (optionally with /prefix) → its 32-bit value as BIGINT, NULL when malformed. */
function ipv4ToLong(s: string): string {
  const re = `'^(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})(?:/\\d{1,2})?$'`;
  const octet = (i: number) => `TRY_CAST(nullif(regexp_extract(${s}, ${re}, ${i}), '') AS BIGINT)`;
  return `CASE WHEN ${octet(1)} <= 255 AND ${octet(2)} <= 255 AND ${octet(3)} <= 255 AND ${octet(4)} <= 255 THEN ${octet(1)} * 16777216 + ${octet(2)} * 65536 + ${octet(3)} * 256 + ${octet(4)} END`;
}

function prefixBits(s: string, dflt = 32): string {
  return `coalesce(TRY_CAST(nullif(regexp_extract(${s}, '/(\\d{1,2})$', 1), '') AS BIGINT), ${dflt})`;
}

function inRange(ip: string, range: string): string {
  const bits = prefixBits(range);
  const mask = `(4294967295 - (CAST(pow(2, 32 - ${bits}) AS BIGINT) - 1))`;
  return `((${ipv4ToLong(ip)} & ${mask}) = (${ipv4ToLong(range)} & ${mask}))`;
}

/**
 * ipv4_is_private (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16) as two precompiled regexes; the
 * arithmetic form re-parses the address ~40 times a row. True for a well-formed address (octets of
 * 1-3 digits ≤ 255, optional /prefix, as ipv4ToLong accepts) whose leading octets fall in a range;
 * NULL when malformed. Leading zeros count as in ipv4ToLong ('010.0.0.1' is 10.0.0.1).
 * test/kql/ip-private.test.ts pins it to ipv4_is_in_range.
 */
// Regex text (quoted for the dialect where used).
const OCTET = '(?:[01]?\\d?\\d|2[0-4]\\d|25[0-5])';
const IPV4_RE = `^${OCTET}\\.${OCTET}\\.${OCTET}\\.${OCTET}(?:/\\d{1,2})?$`;
const PRIVATE_RE = '^(?:0?10\\.|172\\.0?(?:1[6-9]|2\\d|3[01])\\.|192\\.168\\.)';

defineFunctions({
  parse_ipv4: scalar(([a], cx: FnContext) => {
    const s = text(a!, cx);
    return `(${ipv4ToLong(s)} & (4294967295 - (CAST(pow(2, 32 - ${prefixBits(s)}) AS BIGINT) - 1)))`;
  }),
  ipv4_is_private: scalar(([a], cx) => {
    const s = text(a!, cx);
    return `CASE WHEN ${cx.h('regexMatch')(s, sqlStr(IPV4_RE))} THEN ${cx.h('regexMatch')(s, sqlStr(PRIVATE_RE))} END`;
  }),
  ipv4_is_in_range: scalar(([a, r], cx) => inRange(text(a!, cx), text(r!, cx))),
  ipv4_is_in_any_range: scalar(([a, ...ranges], cx) => `(${ranges.flatMap(listOrOne).map((r) => inRange(text(a!, cx), text(r, cx))).join(' OR ') || 'FALSE'})`),
  ipv4_is_match: scalar(([a, b, p], cx) => {
    const x = text(a!, cx);
    const y = text(b!, cx);
    const bits = p ? `least(CAST(${p.sql} AS BIGINT), ${prefixBits(x)}, ${prefixBits(y)})` : `least(${prefixBits(x)}, ${prefixBits(y)})`;
    const mask = `(4294967295 - (CAST(pow(2, 32 - ${bits}) AS BIGINT) - 1))`;
    return `((${ipv4ToLong(x)} & ${mask}) = (${ipv4ToLong(y)} & ${mask}))`;
  }),
  ipv4_compare: scalar(([a, b, p], cx) => {
    const x = text(a!, cx), y = text(b!, cx);
    // The prefix argument narrows, never widens, the addresses' own prefixes.
    const bits = p ? `least(CAST(${p.sql} AS BIGINT), ${prefixBits(x)}, ${prefixBits(y)})` : `least(${prefixBits(x)}, ${prefixBits(y)})`;
    const mask = `(4294967295 - (CAST(pow(2, 32 - ${bits}) AS BIGINT) - 1))`;
    return `CAST(sign((${ipv4ToLong(x)} & ${mask}) - (${ipv4ToLong(y)} & ${mask})) AS BIGINT)`;
  }),
  format_ipv4_mask: scalar(([a, p], cx) => {
    const s = text(a!, cx);
    const bits = p ? `least(CAST(${p.sql} AS BIGINT), ${prefixBits(s)})` : prefixBits(s);
    const valid = p ? `CAST(${p.sql} AS BIGINT) BETWEEN 0 AND 32` : 'TRUE';
    const n = `(${ipv4ToLong(s)} & (4294967295 - (CAST(pow(2, 32 - ${bits}) AS BIGINT) - 1)))`;
    return `CASE WHEN ${valid} THEN coalesce(CAST((${n} >> 24) & 255 AS VARCHAR) || '.' || CAST((${n} >> 16) & 255 AS VARCHAR) || '.' || CAST((${n} >> 8) & 255 AS VARCHAR) || '.' || CAST(${n} & 255 AS VARCHAR) || '/' || CAST(${bits} AS VARCHAR), '') ELSE '' END`;
  }),
  format_ipv4: scalar(([a, p], cx) => {
    const s = a!.type === 'string' ? text(a!, cx) : '';
    const bits = p ? (a!.type === 'string' ? `least(CAST(${p.sql} AS BIGINT), ${prefixBits(s)})` : `CAST(${p.sql} AS BIGINT)`) : (a!.type === 'string' ? prefixBits(s) : '32');
    const base = a!.type === 'string' ? ipv4ToLong(s) : a!.sql;
    const n = `(CASE WHEN ${p ? `CAST(${p.sql} AS BIGINT) BETWEEN 0 AND 32` : 'TRUE'} THEN ${base} & (4294967295 - (CAST(pow(2, 32 - ${bits}) AS BIGINT) - 1)) END)`;
    return `coalesce(CAST((${n} >> 24) & 255 AS VARCHAR) || '.' || CAST((${n} >> 16) & 255 AS VARCHAR) || '.' || CAST((${n} >> 8) & 255 AS VARCHAR) || '.' || CAST(${n} & 255 AS VARCHAR), '')`;
  }),
});
