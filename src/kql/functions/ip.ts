/** IPv4 functions: private ranges, CIDR membership, parsing to a long. */
import { defineFunctions, scalar, type FnContext } from './catalog.js';
import { sqlStr, text } from './common.js';
import { listOrOne } from './arrays.js';

/** IPv4 text (optionally with /prefix) → its 32-bit value as BIGINT, NULL when malformed. */
function ipv4ToLong(s: string, cx: FnContext): string {
  const re = sqlStr('^(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})(?:/\\d{1,2})?$');
  const octet = (i: number) => cx.h('tryCast')(cx.h('regexExtract')(s, re, i), 'long');
  return `CASE WHEN ${octet(1)} <= 255 AND ${octet(2)} <= 255 AND ${octet(3)} <= 255 AND ${octet(4)} <= 255 THEN ${octet(1)} * 16777216 + ${octet(2)} * 65536 + ${octet(3)} * 256 + ${octet(4)} END`;
}

function prefixBits(s: string, cx: FnContext, dflt = 32): string {
  return `coalesce(${cx.h('tryCast')(cx.h('regexExtract')(s, sqlStr('/(\\d{1,2})$'), 1), 'long')}, ${dflt})`;
}

/** The network mask of a prefix length (SQL) as a 32-bit value. */
const maskOf = (bits: string, cx: FnContext) => `(4294967295 - (CAST(pow(2, 32 - ${bits}) AS ${cx.h('sqlType')('long')}) - 1))`;
const long = (x: string, cx: FnContext) => `CAST(${x} AS ${cx.h('sqlType')('long')})`;

function inRange(ip: string, range: string, cx: FnContext): string {
  const mask = maskOf(prefixBits(range, cx), cx);
  return `(${cx.h('bitAnd')(ipv4ToLong(ip, cx), mask)} = ${cx.h('bitAnd')(ipv4ToLong(range, cx), mask)})`;
}

/** A 32-bit value as dotted text (NULL stays NULL). */
function dotted(n: string, cx: FnContext): string {
  const octet = (shift: number) => cx.h('castText')(cx.h('bitAnd')(shift ? cx.h('shiftRight')(n, String(shift)) : n, '255'));
  return `${octet(24)} || '.' || ${octet(16)} || '.' || ${octet(8)} || '.' || ${octet(0)}`;
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
    return cx.h('bitAnd')(ipv4ToLong(s, cx), maskOf(prefixBits(s, cx), cx));
  }),
  ipv4_is_private: scalar(([a], cx) => {
    const s = text(a!, cx);
    return `CASE WHEN ${cx.h('regexMatch')(s, sqlStr(IPV4_RE))} THEN ${cx.h('regexMatch')(s, sqlStr(PRIVATE_RE))} END`;
  }),
  ipv4_is_in_range: scalar(([a, r], cx) => inRange(text(a!, cx), text(r!, cx), cx)),
  ipv4_is_in_any_range: scalar(([a, ...ranges], cx) => `(${ranges.flatMap(listOrOne).map((r) => inRange(text(a!, cx), text(r, cx), cx)).join(' OR ') || 'FALSE'})`),
  ipv4_is_match: scalar(([a, b, p], cx) => {
    const x = text(a!, cx);
    const y = text(b!, cx);
    const bits = p ? `least(${long(p.sql, cx)}, ${prefixBits(x, cx)}, ${prefixBits(y, cx)})` : `least(${prefixBits(x, cx)}, ${prefixBits(y, cx)})`;
    const mask = maskOf(bits, cx);
    return `(${cx.h('bitAnd')(ipv4ToLong(x, cx), mask)} = ${cx.h('bitAnd')(ipv4ToLong(y, cx), mask)})`;
  }),
  ipv4_compare: scalar(([a, b, p], cx) => {
    const x = text(a!, cx), y = text(b!, cx);
    // The prefix argument narrows, never widens, the addresses' own prefixes.
    const bits = p ? `least(${long(p.sql, cx)}, ${prefixBits(x, cx)}, ${prefixBits(y, cx)})` : `least(${prefixBits(x, cx)}, ${prefixBits(y, cx)})`;
    const mask = maskOf(bits, cx);
    return long(`sign(${cx.h('bitAnd')(ipv4ToLong(x, cx), mask)} - ${cx.h('bitAnd')(ipv4ToLong(y, cx), mask)})`, cx);
  }),
  format_ipv4_mask: scalar(([a, p], cx) => {
    const s = text(a!, cx);
    const bits = p ? `least(${long(p.sql, cx)}, ${prefixBits(s, cx)})` : prefixBits(s, cx);
    const valid = p ? `${long(p.sql, cx)} BETWEEN 0 AND 32` : 'TRUE';
    const n = cx.h('bitAnd')(ipv4ToLong(s, cx), maskOf(bits, cx));
    return `CASE WHEN ${valid} THEN coalesce(${dotted(n, cx)} || '/' || ${cx.h('castText')(bits)}, '') ELSE '' END`;
  }),
  format_ipv4: scalar(([a, p], cx) => {
    const s = a!.type === 'string' ? text(a!, cx) : '';
    const bits = p ? (a!.type === 'string' ? `least(${long(p.sql, cx)}, ${prefixBits(s, cx)})` : long(p.sql, cx)) : (a!.type === 'string' ? prefixBits(s, cx) : '32');
    const base = a!.type === 'string' ? ipv4ToLong(s, cx) : a!.sql;
    const n = `(CASE WHEN ${p ? `${long(p.sql, cx)} BETWEEN 0 AND 32` : 'TRUE'} THEN ${cx.h('bitAnd')(base, maskOf(bits, cx))} END)`;
    return `coalesce(${dotted(n, cx)}, '')`;
  }),
});
