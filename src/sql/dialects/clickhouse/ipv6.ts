/**
 * The IPv6 functions on ClickHouse, over the shared definitions' normalized form
 * (src/kql/functions/ipv6.ts): 32 lowercase hex digits (IPv4 maps to ::ffff:a.b.c.d, its /prefix
 * shifted by 96), masked per nibble so comparisons are plain string compares. The parsing rules are
 * the shared ones, spelled with ClickHouse's array functions.
 */
import { scalar, type FnArg, type FnContext, type FnDef } from '../../../kql/functions/catalog.js';
import { sqlStr, text } from '../../../kql/functions/common.js';
import { listOrOne } from '../../../kql/functions/arrays.js';

const HEX = "'0123456789abcdef'";
const V4 = '^(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})$';
const V4_TAIL = '^(.*:)(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})$';

/**
 * `body` over `expr` computed once: the parsing below reads its intermediate values many times, and
 * inlining them would multiply the SQL (past ClickHouse's query size limit in ipv6_compare).
 */
const bind = (expr: string, param: string, body: string) => `arrayMap(${param} -> ${body}, [${expr}])[1]`;

/** An octet (decimal text) as two hex digits; null above 255. */
const octetHex = (d: string) => `if(toInt64OrNull(${d}) <= 255, leftPad(lower(hex(toUInt8(toInt64OrNull(${d})))), 2, '0'), NULL)`;

function ipv4Hex(t: string): string {
  const o = (i: number) => octetHex(`regexpExtract(${t}, ${sqlStr(V4)}, ${i})`);
  return `concat('00000000000000000000ffff', ${o(1)}, ${o(2)}, ${o(3)}, ${o(4)})`;
}

/** 32-hex-digit form of an IPv6/IPv4 address (prefix ignored); NULL when malformed. */
function ipv6Hex(s: string): string {
  const o = (i: number) => octetHex(`regexpExtract(__r, ${sqlStr(V4_TAIL)}, ${i})`);
  // An embedded IPv4 tail (::ffff:1.2.3.4) becomes two hex groups.
  const t = `if(match(__r, ${sqlStr(V4_TAIL)}), concat(regexpExtract(__r, ${sqlStr(V4_TAIL)}, 1), ${o(2)}, ${o(3)}, ':', ${o(4)}, ${o(5)}), __r)`;
  const parts = (x: string) => `arrayFilter(__g -> __g <> '', splitByChar(':', ${x}))`;
  const head = parts(`splitByString('::', __t)[1]`);
  const tail = `if(position(__t, '::') > 0, ${parts(`splitByString('::', __t)[2]`)}, CAST([] AS Array(String)))`;
  const full = `if(position(__t, '::') > 0, arrayConcat(__hd, arrayMap(__x -> '0', range(toUInt64(greatest(8 - length(__hd) - length(__tl), 0)))), __tl), __hd)`;
  const v6 = `if(length(__f) = 8 AND arrayAll(__g -> match(__g, '^[0-9a-f]{1,4}$'), __f), arrayStringConcat(arrayMap(__g -> leftPad(__g, 4, '0'), __f)), NULL)`;
  const v6Body = bind(`ifNull(${t}, '')`, '__t', bind(head, '__hd', bind(tail, '__tl', bind(full, '__f', v6))));
  // Plain IPv4, and the IPv4-compatible form ::a.b.c.d, which Kusto reads as that IPv4 address.
  const v4 = `replaceRegexpOne(__r, '^::', '')`;
  // A malformed IPv4 tail makes the whole address malformed.
  const tailOk = `(NOT match(__r, ${sqlStr(V4_TAIL)}) OR ${t} IS NOT NULL)`;
  const body = `if(match(__r, ${sqlStr('^(::)?\\d{1,3}(\\.\\d{1,3}){3}$')}), ${ipv4Hex(v4)}, if(${tailOk}, ${v6Body}, NULL))`;
  return bind(`lower(trimBoth(splitByChar('/', ${s})[1]))`, '__r', body);
}

/** The address's own prefix length in IPv6 bits (IPv4 /n → n + 96; none → 128). */
function ownBits(s: string): string {
  const t = `trimBoth(${s})`;
  const n = `toInt64OrNull(regexpExtract(${t}, ${sqlStr('/(\\d{1,3})$')}, 1))`;
  return `if(match(splitByChar('/', ${t})[1], ${sqlStr('^(::)?\\d{1,3}(\\.\\d{1,3}){3}$')}), ifNull(${n} + 96, 128), ifNull(${n}, 128))`;
}

/** The 32 nibbles of `hexSql` with the bits past `bits` cleared. */
function masked(hexSql: string, bits: string): string {
  const nibble = `(position(${HEX}, substring(__h, __i + 1, 1)) - 1)`;
  const mask = `bitAnd(bitShiftLeft(15, 4 - least(greatest(__b - 4 * __i, 0), 4)), 15)`;
  const body = `if(__h IS NULL, NULL, arrayStringConcat(arrayMap(__i -> substring(${HEX}, bitAnd(${nibble}, ${mask}) + 1, 1), range(32))))`;
  return `arrayMap((__h, __b) -> ${body}, [${hexSql}], [${bits}])[1]`;
}

const grouped = (h: string) => bind(h, '__m', `arrayStringConcat(arrayMap(__j -> substring(__m, __j * 4 + 1, 4), range(8)), ':')`);

function compare(a: FnArg, b: FnArg, p: FnArg | undefined, cx: FnContext): string {
  const x = text(a, cx), y = text(b, cx);
  const extra = p ? `, toInt64(${p.sql}) + if(match(splitByChar('/', trimBoth(${x}))[1], ${sqlStr('^\\d{1,3}(\\.\\d{1,3}){3}$')}), 96, 0)` : '';
  const bits = `least(${ownBits(x)}, ${ownBits(y)}${extra})`;
  const body = `multiIf(__hx IS NULL OR __hy IS NULL, NULL, __mx < __my, -1, __mx > __my, 1, 0)`;
  const withMasks = `arrayMap((__mx, __my) -> ${body}, [${masked('__hx', '__bits')}], [${masked('__hy', '__bits')}])[1]`;
  return `arrayMap((__hx, __hy, __bits) -> ${withMasks}, [${ipv6Hex(x)}], [${ipv6Hex(y)}], [${bits}])[1]`;
}

function inRange(ip: FnArg, range: FnArg, cx: FnContext): string {
  const x = text(ip, cx), r = text(range, cx);
  return `arrayMap(__bits -> (${masked(ipv6Hex(x), '__bits')} = ${masked(ipv6Hex(r), '__bits')}), [${ownBits(r)}])[1]`;
}

export const CLICKHOUSE_IPV6_FUNCTIONS: Readonly<Record<string, FnDef>> = {
  parse_ipv6: scalar(([a], cx) => {
    const s = text(a!, cx);
    return bind(ipv6Hex(s), '__p', `if(__p IS NOT NULL, ${grouped(masked('__p', ownBits(s)))}, NULL)`);
  }),
  parse_ipv6_mask: scalar(([a, m], cx) => {
    const s = text(a!, cx);
    return bind(ipv6Hex(s), '__p', `if(__p IS NOT NULL, ${grouped(masked('__p', `least(${ownBits(s)}, toInt64(${m!.sql}))`))}, NULL)`);
  }),
  ipv6_compare: scalar(([a, b, p], cx) => `CAST(${compare(a!, b!, p, cx)} AS Nullable(Int64))`),
  ipv6_is_match: scalar(([a, b, p], cx) => `((${compare(a!, b!, p, cx)}) = 0)`),
  ipv6_is_in_range: scalar(([ip, r], cx) => inRange(ip!, r!, cx)),
  ipv6_is_in_any_range: scalar(([ip, ...ranges], cx) => `(${ranges.flatMap(listOrOne).map((r) => inRange(ip!, r, cx)).join(' OR ') || 'false'})`),
};
