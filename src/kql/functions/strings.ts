/** String functions. Results are never NULL (Kusto strings are never null). */
import { defineFunctions, scalar, type FnArg, type FnContext } from './catalog.js';
import { as, literalNumber, literalString, sqlStr, text } from './common.js';

const nn = (s: string) => `coalesce(${s}, '')`;

defineFunctions({
  tolower: scalar(([a], cx) => cx.h('lower')(text(a!, cx))),
  toupper: scalar(([a], cx) => cx.h('upper')(text(a!, cx))),
  strlen: scalar(([a], cx) => `CAST(${cx.h('strLength')(text(a!, cx))} AS ${cx.h('sqlType')('long')})`),
  string_size: scalar(([a], cx) => `CAST(octet_length(encode(${text(a!, cx)})) AS BIGINT)`),
  strcat: scalar((args, cx) => (args.length ? `(${args.map((a) => text(a, cx)).join(' || ')})` : `''`)),
  strcat_delim: scalar(([d, ...rest], cx) => `concat_ws(${text(d!, cx)}, ${rest.map((a) => text(a, cx)).join(', ')})`),
  isempty: scalar(([a], cx) => (a!.type === 'string' ? `(${a!.sql} = '')` : a!.type === 'dynamic' ? `(${text(a!, cx)} = '')` : `(${a!.sql} IS NULL)`)),
  isnotempty: scalar(([a], cx) => (a!.type === 'string' ? `(${a!.sql} <> '')` : a!.type === 'dynamic' ? `(${text(a!, cx)} <> '')` : `(${a!.sql} IS NOT NULL)`)),
  substring: scalar(([s, start, len], cx) => {
    const st = `greatest(${as(start!, 'long', cx)}, 0)`;
    return nn(len ? `substr(${text(s!, cx)}, ${st} + 1, greatest(${as(len, 'long', cx)}, 0))` : `substr(${text(s!, cx)}, ${st} + 1)`);
  }),
  // indexof(s, lookup[, start[, length[, occurrence]]]): -1 when not found in the range.
  indexof: scalar(([s, needle, start, len, occ], cx) => {
    const src = text(s!, cx), n = text(needle!, cx);
    const slen = `length(${src})`;
    const st0 = start ? as(start, 'long', cx) : '0';
    const st = `(CASE WHEN ${st0} < 0 THEN greatest(${slen} + ${st0}, 0) ELSE ${st0} END)`;
    const ln = len ? `(CASE WHEN ${as(len, 'long', cx)} < 0 THEN ${slen} ELSE ${as(len, 'long', cx)} END)` : slen;
    // The match must fit in [start, start + length] (inclusive), as in Kusto's examples.
    const window = `substr(${src}, ${st} + 1, ${ln} + 1)`;
    const k = occ ? as(occ, 'long', cx) : '1';
    // Position of the k-th (non-overlapping) occurrence inside the window.
    const pieces = `string_split(${window}, ${n})`;
    // The first k pieces and the k - 1 lookups between them (array_to_string needs a constant separator).
    const pos = `CASE WHEN len(${pieces}) > ${k} THEN coalesce(list_sum(list_transform(list_slice(${pieces}, 1, ${k}), p -> length(p))), 0) + (${k} - 1) * length(${n}) ELSE -1 END`;
    return `CAST(CASE WHEN ${st0} > ${slen} THEN -1 WHEN ${n} = '' THEN ${st} WHEN (${pos}) < 0 THEN -1 ELSE ${st} + (${pos}) END AS BIGINT)`;
  }),
  replace_string: scalar(([s, from, to], cx) => `replace(${text(s!, cx)}, ${text(from!, cx)}, ${text(to!, cx)})`),
  replace: scalar(([re, rep, s], cx) => nn(cx.h('regexReplace')(text(s!, cx), text(re!, cx), `regexp_replace(${text(rep!, cx)}, '\\$(\\d)', '\\\\\\1', 'g')`))),
  replace_regex: scalar(([s, re, rep], cx) => nn(cx.h('regexReplace')(text(s!, cx), text(re!, cx), `regexp_replace(${text(rep!, cx)}, '\\$(\\d)', '\\\\\\1', 'g')`))),
  // Each pattern is anchored, so replacing every match removes only the leading/trailing run.
  trim: scalar(([re, s], cx) => nn(cx.h('regexReplace')(text(s!, cx), `'^(?:' || ${text(re!, cx)} || ')+|(?:' || ${text(re!, cx)} || ')+$'`, `''`))),
  trim_start: scalar(([re, s], cx) => nn(cx.h('regexReplace')(text(s!, cx), `'^(?:' || ${text(re!, cx)} || ')+'`, `''`))),
  trim_end: scalar(([re, s], cx) => nn(cx.h('regexReplace')(text(s!, cx), `'(?:' || ${text(re!, cx)} || ')+$'`, `''`))),
  reverse: scalar(([s], cx) => `reverse(${text(s!, cx)})`),
  strrep: scalar(([s, n, d], cx) => (d ? `array_to_string(list_transform(range(${as(n!, 'long', cx)}), x -> ${text(s!, cx)}), ${text(d, cx)})` : `repeat(${text(s!, cx)}, CAST(${as(n!, 'long', cx)} AS INTEGER))`)),
  strcmp: scalar(([a, b], cx) => `CAST(CASE WHEN ${text(a!, cx)} < ${text(b!, cx)} THEN -1 WHEN ${text(a!, cx)} > ${text(b!, cx)} THEN 1 ELSE 0 END AS BIGINT)`),
  extract: scalar(([re, g, s], cx) => nn(cx.h('regexExtract')(text(s!, cx), text(re!, cx), literalNumber(g) ?? 0))),
  extract_all: scalar((args, cx) => {
    const { src, pattern, groups, explicit: s } = extractAllArgs(args, cx);
    const all = (gi: number) => cx.h('regexExtractAll')(src, sqlStr(pattern), gi);
    const matches = all(0);
    const body = groups.length === 1 && !s
      ? `to_json(${all(groups[0]!)})`
      : `to_json(list_transform(range(1, len(${matches}) + 1), i -> [${groups.map((gi) => `${all(gi)}[i]`).join(', ')}]))`;
    return `CASE WHEN len(${matches}) = 0 THEN NULL ELSE ${body} END`;
  }),
  split: scalar(([s, d, idx], cx) => {
    const parts = `string_split(${text(s!, cx)}, ${text(d!, cx)})`;
    if (!idx) return `to_json(${parts})`;
    return `CASE WHEN ${as(idx, 'long', cx)} < len(${parts}) THEN to_json([${parts}[${as(idx, 'long', cx)} + 1]]) ELSE to_json([]::VARCHAR[]) END`;
  }),
  base64_decode_tostring: scalar(([s], cx) => nn(`TRY(decode(from_base64(${text(s!, cx)})))`)),
  base64_decodestring: scalar(([s], cx) => nn(`TRY(decode(from_base64(${text(s!, cx)})))`)),
  base64_decode_toarray: scalar(([s], cx) => {
    const h = `hex(TRY(from_base64(${text(s!, cx)})))`;
    return `CASE WHEN ${h} IS NULL THEN NULL ELSE to_json(list_transform(range(0, length(${h}) // 2), i -> CAST(('0x' || substr(${h}, i * 2 + 1, 2)) AS INTEGER))) END`;
  }),
  base64_encode_tostring: scalar(([s], cx) => `to_base64(encode(${text(s!, cx)}))`),
  base64_encodestring: scalar(([s], cx) => `to_base64(encode(${text(s!, cx)}))`),
  url_decode: scalar(([s], cx) => nn(`TRY(url_decode(${text(s!, cx)}))`)),
  url_encode: scalar(([s], cx) => lowerHexEscapes(`replace(url_encode(${text(s!, cx)}), '%20', '+')`)),
  url_encode_component: scalar(([s], cx) => lowerHexEscapes(`url_encode(${text(s!, cx)})`)),
  countof: scalar(([s, needle, kind], cx) => {
    const isRegex = kind && kind.ir.k === 'lit' && String(kind.ir.value).toLowerCase() === 'regex';
    return isRegex
      ? `CAST(len(regexp_extract_all(${text(s!, cx)}, ${text(needle!, cx)})) AS BIGINT)`
      : `CAST(CASE WHEN ${text(needle!, cx)} = '' THEN 0 ELSE (length(${text(s!, cx)}) - length(replace(${text(s!, cx)}, ${text(needle!, cx)}, ''))) // length(${text(needle!, cx)}) END AS BIGINT)`;
  }),
  tohex: scalar(([n, len], cx) => {
    const v = as(n!, 'long', cx);
    // Negative values print as their two's complement: 32-bit for int, 64-bit otherwise, like Kusto.
    const wrap = n!.type === 'int' ? '4294967296' : '18446744073709551616';
    const h = `lower(hex(CASE WHEN ${v} < 0 THEN CAST(${v} AS HUGEINT) + CAST('${wrap}' AS HUGEINT) ELSE CAST(${v} AS HUGEINT) END))`;
    if (!len) return h;
    const w = `CAST(${as(len, 'long', cx)} AS INTEGER)`;
    return `CASE WHEN length(${h}) >= ${w} THEN ${h} ELSE lpad(${h}, ${w}, '0') END`;
  }),
  hash_md5: scalar(([s], cx) => `md5(${text(s!, cx)})`),
  hash_sha256: scalar(([s], cx) => `sha256(${text(s!, cx)})`),
  hash_sha1: scalar(([s], cx) => `sha1(${text(s!, cx)})`),
  // make_string is unicode_codepoints_to_string: arrays among the arguments give their elements.
  make_string: scalar((args, cx) => codepointsToString(args, cx)),
  unicode_codepoints_to_string: scalar((args, cx) => codepointsToString(args, cx)),
  regex_quote: scalar(([s], cx) => cx.h('regexEscape')(text(s!, cx))),
  isascii: scalar(([s], cx) => `regexp_matches(${text(s!, cx)}, '^[\\x00-\\x7F]*$')`),
  strcat_array: scalar(([arr, d], cx) => `coalesce(array_to_string(${cx.h('listTransform')(`coalesce(${cx.h('jsonArrayElements')(arr!.sql)}, [])`, 'e', cx.h('jsonToText')('e'))}, ${text(d!, cx)}), '')`),
  parse_command_line: scalar(([s], cx) => `to_json(list_transform(list_filter(regexp_extract_all(${text(s!, cx)}, '"[^"]*"|\\S+', 0), x -> x <> ''), x -> CASE WHEN starts_with(x, '"') AND ends_with(x, '"') AND length(x) >= 2 THEN x[2:-2] ELSE x END))`),
  new_guid: scalar(() => `uuid()`),
});

/** Number of capturing groups in an RE2 pattern. */
/**
 * extract_all(re[, groups], s) arguments: the text, the constant pattern, its group count and the
 * groups to return (indexes; names resolved), `explicit` when the groups argument was given.
 */
export function extractAllArgs([re, g, s]: readonly FnArg[], cx: FnContext): { src: string; pattern: string; count: number; groups: number[]; explicit: boolean } {
  const src = text(s ?? g!, cx);
  const pattern = literalString(re!);
  if (pattern === undefined) throw new Error('not supported: extract_all with a non-constant regex');
  const count = countGroups(pattern);
  let groups: number[];
  if (s) {
    if (g!.ir.k !== 'lit') throw new Error('not supported: extract_all with non-constant groups');
    groups = (JSON.parse(String(g!.ir.value)) as unknown[]).map((x) => (typeof x === 'number' ? x : namedGroupIndex(pattern, String(x))));
  } else groups = count === 0 ? [0] : Array.from({ length: count }, (_, i) => i + 1);
  return { src, pattern, count, groups, explicit: Boolean(s) };
}

function countGroups(re: string): number {
  let n = 0;
  for (let i = 0; i < re.length; i++) {
    if (re[i] === '\\') { i++; continue; }
    if (re[i] === '(' && (re[i + 1] !== '?' || re[i + 2] === 'P' || re[i + 2] === '<')) n++;
  }
  return n;
}

function namedGroupIndex(re: string, name: string): number {
  let n = 0;
  for (let i = 0; i < re.length; i++) {
    if (re[i] === '\\') { i++; continue; }
    if (re[i] === '(' && (re[i + 1] !== '?' || re[i + 2] === 'P' || re[i + 2] === '<')) {
      n++;
      const m = /^\(\?P?<([^>]+)>/.exec(re.slice(i));
      if (m && m[1] === name) return n;
    }
  }
  throw new Error(`not supported: unknown regex group '${name}'`);
}

defineFunctions({
  /** Internal (parse-kv): value captured by group 1 (quoted) or 2 (plain) of a key regex; escapes removed. */
  'kv.value': scalar(([s, re, escape], cx) => {
    const src = text(s!, cx);
    const g1 = cx.h('regexExtract')(src, re!.sql, 1);
    // Quoted values come in group 1, plain ones in group 2; a key regex without quotes has one group.
    const groups = re!.ir.k === 'lit' ? captureGroups(String(re!.ir.value)) : 2;
    const g2 = groups >= 2 ? cx.h('regexExtract')(src, re!.sql, 2) : g1;
    const e = literalString(escape!) ?? '';
    const v = `coalesce(${g1}, trim(${g2}), '')`;
    return e ? cx.h('regexReplace')(v, sqlStr(`\\${e}(.)`), sqlStr('\\1')) : v;
  }),
  /** Internal (parse-kv with regex=): value of the first pair whose key matches. */
  'kv.regex': scalar(([s, re, key], cx) => {
    const src = text(s!, cx);
    return `coalesce(list_filter(list_zip(regexp_extract_all(${src}, ${re!.sql}, 1), regexp_extract_all(${src}, ${re!.sql}, 2)), p -> trim(p[1]) = ${key!.sql})[1][2], '')`;
  }),
});

/** Kusto writes percent-escapes in lower case (%2f). */
/** Capturing groups of an RE2 pattern: '(' not escaped nor in a class, and not '(?…' unless named. */
function captureGroups(re: string): number {
  let n = 0;
  let inClass = false;
  for (let i = 0; i < re.length; i++) {
    const c = re[i];
    if (c === '\\') { i++; continue; }
    if (inClass) { if (c === ']') inClass = false; continue; }
    if (c === '[') inClass = true;
    else if (c === '(' && (re[i + 1] !== '?' || /^\(\?P?<[A-Za-z_]/.test(re.slice(i, i + 5)))) n++;
  }
  return n;
}

function codepointsToString(args: readonly FnArg[], cx: FnContext): string {
  const lists = args.map((a) => (a.type === 'dynamic' ? `list_transform(coalesce(${cx.h('jsonArrayElements')(a.sql)}, [${a.sql}]), e -> TRY_CAST(CAST(e AS VARCHAR) AS BIGINT))` : `[${as(a, 'long', cx)}]`));
  return `coalesce(array_to_string(list_transform(flatten([${lists.join(', ')}]), c -> chr(CAST(c AS INTEGER))), ''), '')`;
}

function lowerHexEscapes(e: string): string {
  return `array_to_string(list_transform(string_split(${e}, '%'), (p, i) -> CASE WHEN i = 1 THEN p ELSE lower(p[1:2]) || p[3:] END), '%')`;
}

/** .NET GUID byte order: the first three groups are little-endian. */
export const GUID_BYTE_ORDER = [3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15];

defineFunctions({
  // Each part padded to 8 digits ("1.2" → 1 00000002 00000000 00000000); the decimal is carried as a double.
  parse_version: scalar(([v], cx) => {
    const parts = `string_split(trim(${text(v!, cx)}), '.')`;
    const ok = `(len(${parts}) BETWEEN 1 AND 4 AND len(list_filter(${parts}, p -> NOT regexp_matches(p, '^\\d{1,8}$'))) = 0)`;
    return `CASE WHEN ${ok} THEN CAST(array_to_string(list_transform(list_concat(${parts}, list_transform(range(4 - len(${parts})), x -> '0')), p -> lpad(p, 8, '0')), '') AS DOUBLE) END`;
  }),
  base64_decode_toguid: scalar(([s], cx) => {
    const h = `lower(hex(TRY(from_base64(${text(s!, cx)}))))`;
    const byte = (i: number) => `substr(${h}, ${i * 2 + 1}, 2)`;
    const ordered = GUID_BYTE_ORDER.map(byte);
    const g = (a: number, b: number) => ordered.slice(a, b).join(' || ');
    return `CASE WHEN length(${h}) = 32 THEN TRY_CAST(${g(0, 4)} || '-' || ${g(4, 6)} || '-' || ${g(6, 8)} || '-' || ${g(8, 10)} || '-' || ${g(10, 16)} AS UUID) END`;
  }),
  base64_encode_fromguid: scalar(([gd], cx) => {
    const h = `replace(CAST(${gd!.sql} AS VARCHAR), '-', '')`;
    const ordered = GUID_BYTE_ORDER.map((i) => `substr(${h}, ${i * 2 + 1}, 2)`).join(' || ');
    void cx;
    return `coalesce(to_base64(unhex(${ordered})), '')`;
  }),
});
