/**
 * IPv6 functions over a normalized form: 32 lowercase hex digits (IPv4 maps to ::ffff:a.b.c.d,
 * its /prefix shifted by 96). Masks apply per nibble, so comparisons are plain string compares.
 */
import { defineFunctions, scalar, type FnArg, type FnContext } from './catalog.js';
import { text } from './common.js';
import { listOrOne } from './arrays.js';

/** An octet (decimal text) as two hex digits; null above 255 (the address is then malformed). */
const octetHex = (d: string) => `CASE WHEN CAST(${d} AS INTEGER) <= 255 THEN lpad(lower(hex(CAST(${d} AS INTEGER))), 2, '0') END`;

function ipv4Hex(t: string): string {
  const re = `'^(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})$'`;
  const o = (i: number) => octetHex(`regexp_extract(${t}, ${re}, ${i})`);
  return `('00000000000000000000ffff' || ${o(1)} || ${o(2)} || ${o(3)} || ${o(4)})`;
}

/** 32-hex-digit form of an IPv6/IPv4 address (prefix ignored); NULL when malformed. */
function ipv6Hex(s: string): string {
  const raw = `lower(trim(split_part(${s}, '/', 1)))`;
  // An embedded IPv4 tail (::ffff:1.2.3.4) becomes two hex groups.
  const v4re = `'^(.*:)(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})$'`;
  const o = (i: number) => octetHex(`regexp_extract(${raw}, ${v4re}, ${i})`);
  const t = `(CASE WHEN regexp_matches(${raw}, ${v4re}) THEN regexp_extract(${raw}, ${v4re}, 1) || ${o(2)} || ${o(3)} || ':' || ${o(4)} || ${o(5)} ELSE ${raw} END)`;
  const parts = (x: string) => `list_filter(string_split(${x}, ':'), g -> g <> '')`;
  const head = parts(`split_part(${t}, '::', 1)`);
  const tail = `CASE WHEN contains(${t}, '::') THEN ${parts(`split_part(${t}, '::', 2)`)} ELSE []::VARCHAR[] END`;
  const full = `CASE WHEN contains(${t}, '::') THEN list_concat(${head}, list_transform(range(greatest(8 - len(${head}) - len(${tail}), 0)), x -> '0'), ${tail}) ELSE ${head} END`;
  const v6 = `CASE WHEN len(${full}) = 8 AND len(list_filter(${full}, g -> NOT regexp_matches(g, '^[0-9a-f]{1,4}$'))) = 0 THEN array_to_string(list_transform(${full}, g -> lpad(g, 4, '0')), '') END`;
  // Plain IPv4, and the IPv4-compatible form ::a.b.c.d, which Kusto reads as that IPv4 address.
  const v4 = `regexp_replace(${raw}, '^::', '')`;
  return `CASE WHEN regexp_matches(${raw}, '^(::)?\\d{1,3}(\\.\\d{1,3}){3}$') THEN ${ipv4Hex(v4)} ELSE ${v6} END`;
}

/** The address's own prefix length in IPv6 bits (IPv4 /n → n + 96; none → 128). */
function ownBits(s: string): string {
  const t = `trim(${s})`;
  const n = `TRY_CAST(nullif(regexp_extract(${t}, '/(\\d{1,3})$', 1), '') AS INTEGER)`;
  return `CASE WHEN regexp_matches(split_part(${t}, '/', 1), '^(::)?\\d{1,3}(\\.\\d{1,3}){3}$') THEN coalesce(${n} + 96, 128) ELSE coalesce(${n}, 128) END`;
}

function masked(hexSql: string, bits: string): string {
  return `array_to_string(list_transform(range(32), i -> lower(hex(CAST(('0x' || substr(${hexSql}, i + 1, 1)) AS INTEGER) & ((15 << (4 - least(greatest(${bits} - 4 * i, 0), 4))) & 15)))), '')`;
}

const grouped = (h: string) => `array_to_string(list_transform(range(8), g -> substr(${h}, g * 4 + 1, 4)), ':')`;

function compare(a: FnArg, b: FnArg, p: FnArg | undefined, cx: FnContext): string {
  const x = text(a, cx), y = text(b, cx);
  const bits = `least(${ownBits(x)}, ${ownBits(y)}${p ? `, CAST(${p.sql} AS INTEGER) + CASE WHEN regexp_matches(split_part(trim(${x}), '/', 1), '^\\d{1,3}(\\.\\d{1,3}){3}$') THEN 96 ELSE 0 END` : ''})`;
  const mx = masked(ipv6Hex(x), bits), my = masked(ipv6Hex(y), bits);
  return `CASE WHEN ${ipv6Hex(x)} IS NULL OR ${ipv6Hex(y)} IS NULL THEN NULL WHEN ${mx} < ${my} THEN -1 WHEN ${mx} > ${my} THEN 1 ELSE 0 END`;
}

function inRange(ip: FnArg, range: FnArg, cx: FnContext): string {
  const x = text(ip, cx), r = text(range, cx);
  const bits = ownBits(r);
  return `(${masked(ipv6Hex(x), bits)} = ${masked(ipv6Hex(r), bits)})`;
}

defineFunctions({
  parse_ipv6: scalar(([a], cx) => {
    const s = text(a!, cx);
    return `CASE WHEN ${ipv6Hex(s)} IS NOT NULL THEN ${grouped(masked(ipv6Hex(s), ownBits(s)))} END`;
  }),
  parse_ipv6_mask: scalar(([a, m], cx) => {
    const s = text(a!, cx);
    return `CASE WHEN ${ipv6Hex(s)} IS NOT NULL THEN ${grouped(masked(ipv6Hex(s), `least(${ownBits(s)}, CAST(${m!.sql} AS INTEGER))`))} END`;
  }),
  ipv6_compare: scalar(([a, b, p], cx) => `CAST(${compare(a!, b!, p, cx)} AS BIGINT)`),
  ipv6_is_match: scalar(([a, b, p], cx) => `((${compare(a!, b!, p, cx)}) = 0)`),
  ipv6_is_in_range: scalar(([ip, r], cx) => inRange(ip!, r!, cx)),
  ipv6_is_in_any_range: scalar(([ip, ...ranges], cx) => `(${ranges.flatMap(listOrOne).map((r) => inRange(ip!, r, cx)).join(' OR ') || 'FALSE'})`),
});
