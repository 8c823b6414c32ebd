/**
 * ClickHouse definitions of string, encoding and conversion functions whose shared SQL is
 * DuckDB-only. Each follows the DuckDB engine's results (test/engine/clickhouse-golden.test.ts).
 */
import { scalar, type FnArg, type FnContext, type FnDef } from '../../../kql/functions/catalog.js';
import { as, sqlStr, text } from '../../../kql/functions/common.js';
import { GUID_BYTE_ORDER } from '../../../kql/functions/strings.js';
import { TIMESPAN_RE } from '../../../kql/functions/datetime.js';
import { elems, jsonArray } from './dynamic.js';

/** Standard, padded base64 only, as DuckDB's from_base64 (ClickHouse's decoder skips whitespace). */
const BASE64 = sqlStr('^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$');

/** base64 text → the UTF-8 string it encodes; '' when it is not base64 or not UTF-8. */
const base64ToString = scalar(([s], cx) => {
  const src = text(s!, cx);
  return `if(match(${src}, ${BASE64}) AND isValidUTF8(tryBase64Decode(${src})), tryBase64Decode(${src}), '')`;
});

/** Kusto's replacement text: \1 and $1 name groups; ClickHouse's replaceRegexpAll reads \1. */
const rewrite = (rep: FnArg, cx: FnContext) => `replaceRegexpAll(${text(rep, cx)}, ${sqlStr('\\$(\\d)')}, ${sqlStr('\\\\\\1')})`;

const replaceRegex = (s: FnArg, re: FnArg, rep: FnArg, cx: FnContext) => `coalesce(${cx.h('regexReplace')(text(s, cx), text(re, cx), rewrite(rep, cx))}, '')`;

/** tobool: 'true'/'false'/'1'/'0' (any case, trimmed) and numbers (non-zero is true); else null. */
function toBool(a: FnArg, cx: FnContext): string {
  if (a.type === 'bool') return a.sql;
  if (a.type === 'string' || a.type === 'dynamic') {
    const s = `lower(trimBoth(${text(a, cx)}))`;
    return `multiIf(${s} IN ('true', '1'), CAST(true AS Nullable(Bool)), ${s} IN ('false', '0'), CAST(false AS Nullable(Bool)), NULL)`;
  }
  if (a.type === 'int' || a.type === 'long' || a.type === 'real' || a.type === 'decimal') return `CAST(${a.sql} <> 0 AS Nullable(Bool))`;
  return 'CAST(NULL AS Nullable(Bool))';
}

/**
 * The text shapes the DuckDB engine's todatetime accepts: ISO 8601 (date, optional time, fraction
 * and zone), US month/day/year with an optional time, and RFC 822/1123 dates. Anything else is null
 * (ClickHouse's best-effort parser would accept much more).
 */
const DATETIME_SHAPES = [
  '^\\d{4}-\\d{1,2}-\\d{1,2}(?:[ T]\\d{1,2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,9})?)?)?(?:Z|[+-]\\d{2}:?\\d{2})?$',
  '^\\d{1,2}[/-]\\d{1,2}[/-]\\d{4}(?: \\d{1,2}:\\d{2}(?::\\d{2})?)?$',
  '^(?:[A-Za-z]{3}, )?\\d{1,2} [A-Za-z]{3} \\d{4} \\d{2}:\\d{2}:\\d{2}(?: GMT)?$',
];

function toDatetime(a: FnArg, cx: FnContext): string {
  if (a.type === 'datetime') return a.sql;
  const t = cx.h('sqlType')('datetime');
  if (a.type === 'string' || a.type === 'dynamic') {
    const s = `trimBoth(${text(a, cx)})`;
    const shaped = DATETIME_SHAPES.map((re) => `match(${s}, ${sqlStr(re)})`).join(' OR ');
    // Microseconds, as the DuckDB engine's TIMESTAMP keeps them.
    return `if(${shaped}, CAST(parseDateTime64BestEffortUSOrNull(${s}, 6, 'UTC') AS ${t}), NULL)`;
  }
  if (a.type === 'long' || a.type === 'int') return cx.h('timestampFromMicros')(cx.h('intDiv')(`(${a.sql} - 504911232000000000)`, '10'));
  return `CAST(NULL AS ${t})`;
}

/**
 * indexof(s, lookup[, start[, length[, occurrence]]]): the character position of the k-th
 * non-overlapping occurrence inside [start, start + length]; -1 when absent.
 */
const indexOf = scalar(([s, needle, start, len, occ], cx) => {
  // splitByString takes a constant separator.
  if (needle!.ir.k !== 'lit') throw new Error('not supported: indexof with a lookup that is not a constant on the ClickHouse engine');
  const src = text(s!, cx), n = text(needle!, cx);
  const slen = `toInt64(lengthUTF8(${src}))`;
  const st0 = start ? as(start, 'long', cx) : '0';
  const st = `multiIf(${st0} < 0, greatest(${slen} + ${st0}, 0), ${st0})`;
  const ln = len ? `multiIf(${as(len, 'long', cx)} < 0, ${slen}, ${as(len, 'long', cx)})` : slen;
  const window = `substringUTF8(${src}, ${st} + 1, greatest(${ln} + 1, 0))`;
  const k = occ ? as(occ, 'long', cx) : '1';
  const pieces = `splitByString(${n}, ${window})`;
  const pos = `if(length(${pieces}) > ${k}, toInt64(lengthUTF8(arrayStringConcat(arraySlice(${pieces}, 1, ${k}), ${n}))), -1)`;
  return `CAST(multiIf(${st0} > ${slen}, -1, ${n} = '', ${st}, ${k} < 1, -1, (${pos}) < 0, -1, ${st} + (${pos})) AS Nullable(Int64))`;
});

/** %XX escapes with lower-case hex digits, as the shared url_encode writes them. */
const lowerHexEscapes = (e: string) => `arrayStringConcat(arrayMap((__p, __i) -> if(__i = 1, __p, concat(lower(substring(__p, 1, 2)), substring(__p, 3))), splitByChar('%', ${e}), arrayEnumerate(splitByChar('%', ${e}))), '%')`;

/** A code point as its UTF-8 text ('' outside Unicode). */
const utf8Char = (c: string) => `multiIf(${c} < 0 OR ${c} > 1114111, '', ${c} < 128, char(${c}), ${c} < 2048, char(192 + intDiv(${c}, 64), 128 + ${c} % 64), ${c} < 65536, char(224 + intDiv(${c}, 4096), 128 + intDiv(${c}, 64) % 64, 128 + ${c} % 64), char(240 + intDiv(${c}, 262144), 128 + intDiv(${c}, 4096) % 64, 128 + intDiv(${c}, 64) % 64, 128 + ${c} % 64))`;

/** make_string / unicode_codepoints_to_string: arrays among the arguments give their elements. */
const codepointsToString = scalar((args, cx) => {
  const lists = args.map((a) => (a.type === 'dynamic' ? `arrayMap(__e -> toInt64OrNull(__e), ${elems(a, cx)})` : `[${as(a, 'long', cx)}]`));
  return `arrayStringConcat(arrayMap(__c -> ifNull(${utf8Char('__c')}, ''), arrayConcat(${lists.join(', ')})))`;
});

/** tohex: negative values as their two's complement (32-bit for int, 64-bit otherwise), as Kusto. */
const toHex = scalar(([n, len], cx) => {
  const v = as(n!, 'long', cx);
  const h = `lower(hex(${n!.type === 'int' ? `toUInt32(toInt32(${v}))` : `reinterpretAsUInt64(toInt64(${v}))`}))`;
  // hex() writes whole bytes ('0a'); Kusto writes no leading zero.
  const trimmed = `if(${v} IS NULL, NULL, if(replaceRegexpOne(${h}, '^0+', '') = '', '0', replaceRegexpOne(${h}, '^0+', '')))`;
  if (!len) return trimmed;
  const w = as(len, 'long', cx);
  return `if(lengthUTF8(${trimmed}) >= ${w}, ${trimmed}, leftPad(${trimmed}, toUInt64(greatest(${w}, 0)), '0'))`;
});

/** totimespan of text: [-][d.]hh:mm[:ss[.fffffff]] → ticks; anything else → null (the shared rules). */
const toTimespan = scalar(([a], cx) => {
  if (a!.type === 'timespan') return a!.sql;
  if (a!.type !== 'string' && a!.type !== 'dynamic') return `CAST(${as(a!, 'long', cx)} AS Nullable(Int64))`;
  const src = `trimBoth(${text(a!, cx)})`;
  const re = sqlStr(TIMESPAN_RE);
  const g = (i: number) => `toInt64OrNull(regexpExtract(${src}, ${re}, ${i}))`;
  const frac = `toInt64OrNull(rightPad(regexpExtract(${src}, ${re}, 6), 7, '0'))`;
  const ticks = `((ifNull(${g(2)}, 0) * 86400 + ${g(3)} * 3600 + ${g(4)} * 60 + ifNull(${g(5)}, 0)) * 10000000 + ifNull(${frac}, 0))`;
  return `if(match(${src}, ${re}), if(regexpExtract(${src}, ${re}, 1) = '-', -${ticks}, ${ticks}), NULL)`;
});

/** parse_version: 1-4 dot-separated parts of up to 8 digits, each padded to 8 digits, read as one number. */
const parseVersion = scalar(([v], cx) => {
  const parts = `splitByChar('.', trimBoth(${text(v!, cx)}))`;
  const ok = `(length(${parts}) BETWEEN 1 AND 4 AND arrayAll(__p -> match(__p, ${sqlStr('^\\d{1,8}$')}), ${parts}))`;
  const padded = `arrayStringConcat(arrayMap(__p -> leftPad(__p, 8, '0'), arrayConcat(${parts}, arrayMap(__x -> '0', range(toUInt64(greatest(4 - length(${parts}), 0)))))))`;
  return `if(${ok}, toFloat64OrNull(${padded}), NULL)`;
});

/** The code point of one UTF-8 character (1-4 bytes). */
function codepointOf(ch: string): string {
  const b = (i: number) => `toInt64(reinterpretAsUInt8(substring(${ch}, ${i}, 1)))`;
  return `multiIf(length(${ch}) = 1, ${b(1)}, length(${ch}) = 2, bitAnd(${b(1)}, 31) * 64 + bitAnd(${b(2)}, 63), length(${ch}) = 3, bitAnd(${b(1)}, 15) * 4096 + bitAnd(${b(2)}, 63) * 64 + bitAnd(${b(3)}, 63), bitAnd(${b(1)}, 7) * 262144 + bitAnd(${b(2)}, 63) * 4096 + bitAnd(${b(3)}, 63) * 64 + bitAnd(${b(4)}, 63))`;
}

/** base64 → its bytes as a JSON array of numbers; null when it is not base64. */
const base64ToArray = scalar(([s], cx) => {
  const src = text(s!, cx);
  const d = `tryBase64Decode(${src})`;
  return `if(match(${src}, ${BASE64}), ${jsonArray(`arrayMap(__i -> toString(reinterpretAsUInt8(substring(${d}, __i, 1))), range(1, length(${d}) + 1))`)}, NULL)`;
});

const base64ToGuid = scalar(([s], cx) => {
  const src = text(s!, cx);
  const h = `lower(hex(tryBase64Decode(${src})))`;
  const ordered = GUID_BYTE_ORDER.map((i) => `substring(${h}, ${i * 2 + 1}, 2)`);
  const g = (a: number, b: number) => ordered.slice(a, b).join(', ');
  return `if(match(${src}, ${BASE64}) AND length(${h}) = 32, toUUIDOrNull(concat(${g(0, 4)}, '-', ${g(4, 6)}, '-', ${g(6, 8)}, '-', ${g(8, 10)}, '-', ${g(10, 16)})), NULL)`;
});

const guidToBase64 = scalar(([gd]) => {
  const h = `replaceAll(toString(${gd!.sql}), '-', '')`;
  return `ifNull(base64Encode(unhex(concat(${GUID_BYTE_ORDER.map((i) => `substring(${h}, ${i * 2 + 1}, 2)`).join(', ')}))), '')`;
});

/**
 * indexof_regex(s, re[, start[, length[, occurrence]]]): the position of the k-th non-overlapping
 * match inside s[start, start + length); -1 when absent, null for a negative start (the shared rules).
 */
const indexOfRegex = scalar(([s, re, start, length, occ], cx) => {
  // extractAll and splitByRegexp take a constant pattern.
  if (re!.ir.k !== 'lit') throw new Error('not supported: indexof_regex with a regex that is not a constant on the ClickHouse engine');
  const src = text(s!, cx), r = `concat('(?-s)', ${text(re!, cx)})`;
  const st = start ? as(start, 'long', cx) : '0';
  const ln = length ? as(length, 'long', cx) : '-1';
  const k = occ ? as(occ, 'long', cx) : '1';
  const win = `if(${ln} < 0, substringUTF8(${src}, greatest(${st}, 0) + 1), substringUTF8(${src}, greatest(${st}, 0) + 1, greatest(${ln}, 0)))`;
  const matches = `extractAll(${win}, ${r})`;
  const pieces = `splitByRegexp(${r}, ${win})`;
  const lengths = (l: string, n: string) => `arraySum(arrayMap(__x -> lengthUTF8(__x), arraySlice(${l}, 1, ${n})))`;
  const before = `(${lengths(pieces, k)} + ${lengths(matches, `${k} - 1`)})`;
  return `CAST(multiIf(${st} < 0 OR ${k} < 1, NULL, length(${matches}) >= ${k}, ${st} + ${before}, -1) AS Nullable(Int64))`;
});

export const CLICKHOUSE_TEXT_FUNCTIONS: Readonly<Record<string, FnDef>> = {
  base64_decode_tostring: base64ToString,
  base64_decodestring: base64ToString,
  base64_encode_tostring: scalar(([s], cx) => `base64Encode(${text(s!, cx)})`),
  base64_encodestring: scalar(([s], cx) => `base64Encode(${text(s!, cx)})`),
  // Bytes of the UTF-8 text.
  string_size: scalar(([s], cx) => `toInt64(length(${text(s!, cx)}))`),
  replace_regex: scalar(([s, re, rep], cx) => replaceRegex(s!, re!, rep!, cx)),
  replace: scalar(([re, rep, s], cx) => replaceRegex(s!, re!, rep!, cx)),
  // Non-overlapping occurrences of the text or of the regex.
  countof: scalar(([s, needle, kind], cx) => {
    const isRegex = kind && kind.ir.k === 'lit' && String(kind.ir.value).toLowerCase() === 'regex';
    const src = text(s!, cx), n = text(needle!, cx);
    if (isRegex) return `toInt64(countMatches(${src}, concat('(?-s)', ${n})))`;
    return `toInt64(if(${n} = '', 0, countSubstrings(${src}, ${n})))`;
  }),
  reverse: scalar(([s], cx) => `reverseUTF8(${text(s!, cx)})`),
  isascii: scalar(([s], cx) => `NOT match(${text(s!, cx)}, ${sqlStr('[^\\x00-\\x7F]')})`),
  indexof: indexOf,
  tobool: scalar(([a], cx) => toBool(a!, cx)),
  toboolean: scalar(([a], cx) => toBool(a!, cx)),
  todatetime: scalar(([a], cx) => toDatetime(a!, cx)),
  // Not UTF-8 once decoded: '' (as the DuckDB engine).
  url_decode: scalar(([s], cx) => `if(isValidUTF8(decodeURLComponent(${text(s!, cx)})), decodeURLComponent(${text(s!, cx)}), '')`),
  url_encode: scalar(([s], cx) => lowerHexEscapes(`encodeURLFormComponent(${text(s!, cx)})`)),
  url_encode_component: scalar(([s], cx) => lowerHexEscapes(`encodeURLComponent(${text(s!, cx)})`)),
  make_string: codepointsToString,
  unicode_codepoints_to_string: codepointsToString,
  // Arguments: runs of non-space characters or double-quoted text (quotes dropped).
  parse_command_line: scalar(([s], cx) => `toJSONString(arrayMap(__x -> if(startsWith(__x, '"') AND endsWith(__x, '"') AND length(__x) >= 2, substring(__x, 2, length(__x) - 2), __x), extractAll(${text(s!, cx)}, ${sqlStr('"[^"]*"|\\S+')})))`),
  strrep: scalar(([s, n, d], cx) => {
    const times = `toUInt64(greatest(ifNull(${as(n!, 'long', cx)}, 0), 0))`;
    return d ? `arrayStringConcat(arrayMap(__x -> ${text(s!, cx)}, range(${times})), ${text(d, cx)})` : `repeat(${text(s!, cx)}, ${times})`;
  }),
  hash_md5: scalar(([s], cx) => `lower(hex(MD5(${text(s!, cx)})))`),
  hash_sha1: scalar(([s], cx) => `lower(hex(SHA1(${text(s!, cx)})))`),
  hash_sha256: scalar(([s], cx) => `lower(hex(SHA256(${text(s!, cx)})))`),
  // Braces around a GUID are accepted, as DuckDB's UUID cast accepts them.
  toguid: scalar(([a], cx) => `toUUIDOrNull(replaceRegexpOne(${text(a!, cx)}, ${sqlStr('^\\{(.*)\\}$')}, ${sqlStr('\\1')}))`),
  tohex: toHex,
  totimespan: toTimespan,
  parse_version: parseVersion,
  unicode_codepoints_from_string: scalar(([s], cx) => jsonArray(`arrayMap(__c -> toString(${codepointOf('__c')}), extractAll(${text(s!, cx)}, '(?s).'))`)),
  base64_decode_toarray: base64ToArray,
  base64_encode_fromarray: scalar(([a], cx) => `base64Encode(arrayStringConcat(arrayMap(__e -> char(toUInt8(toInt64OrZero(__e))), ${elems(a!, cx)})))`),
  ipv4_netmask_suffix: scalar(([a], cx) => {
    const s = text(a!, cx);
    return `if(match(${s}, ${sqlStr('^\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}(/\\d{1,2})?$')}), ifNull(toInt64OrNull(regexpExtract(${s}, ${sqlStr('/(\\d{1,2})$')}, 1)), 32), NULL)`;
  }),
  // parse-kv with regex=: the value of the first pair whose key matches.
  'kv.regex': scalar(([s, re, key], cx) => `arrayFirst(__p -> trimBoth(__p[1]) = ${key!.sql}, extractAllGroupsVertical(${text(s!, cx)}, concat('(?-s)', ${re!.sql})))[2]`),
  base64_decode_toguid: base64ToGuid,
  base64_encode_fromguid: guidToBase64,
  indexof_regex: indexOfRegex,
  rand: scalar(([n], cx) => (n ? `toInt64(floor(randCanonical() * ${as(n, 'real', cx)}))` : 'randCanonical()')),
};
