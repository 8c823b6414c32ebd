/** Array and property-bag functions beyond the basics in dynamic.ts: shifts, rotations, splits, bags. */
import { aggregate, defineFunctions, scalar, type FnArg, type FnContext } from './catalog.js';
import { as, literalString, sqlStr, text } from './common.js';
import { queryParams } from './dynamic.js';

const elems = (a: FnArg, cx: FnContext) => `coalesce(${cx.h('jsonArrayElements')(as(a, 'dynamic', cx))}, []::JSON[])`;
const long = (a: FnArg, cx: FnContext) => `CAST(${as(a, 'long', cx)} AS BIGINT)`;

function shift(dir: 'left' | 'right') {
  return scalar(([a, n, fill], cx) => {
    const l = elems(a!, cx);
    const k = long(n!, cx);
    const f = fill ? as(fill, 'dynamic', cx) : `'null'::JSON`;
    const len = `len(${l})`;
    // Shift left by k == shift right by -k.
    const s = dir === 'left' ? k : `(-${k})`;
    return `to_json(list_transform(range(1, ${len} + 1), i -> CASE WHEN i + ${s} BETWEEN 1 AND ${len} THEN ${l}[i + ${s}] ELSE ${f} END))`;
  });
}

function rotate(dir: 'left' | 'right') {
  return scalar(([a, n], cx) => {
    const l = elems(a!, cx);
    const len = `len(${l})`;
    const k = dir === 'left' ? long(n!, cx) : `(-${long(n!, cx)})`;
    return `CASE WHEN ${len} = 0 THEN to_json(${l}) ELSE to_json(list_transform(range(0, ${len}), i -> ${l}[((i + ${k}) % ${len} + ${len}) % ${len} + 1])) END`;
  });
}

/** A dotted IPv4 address (or, for a prefix, 1-3 octets ending with '.') with octets 0-255. */
export function validIpv4Needle(needle: string, prefix: boolean): boolean {
  const full = /^\d{1,3}(\.\d{1,3}){3}$/.test(needle);
  const partial = prefix && /^\d{1,3}(\.\d{1,3}){0,2}\.$/.test(needle);
  return (full || partial) && needle.split('.').filter((o) => o !== '').every((o) => Number(o) <= 255);
}

/**
 * has_ipv4 / has_ipv4_prefix: the text's IPv4 addresses are its tokens between non-alphanumeric
 * characters (a trailing '.' dropped) that are valid dotted addresses; the needle must be a valid
 * address (or prefix ending with '.') and equal (or start) one of them.
 */
function ipv4Search(prefix: boolean) {
  return (a: FnArg, ip: FnArg, cx: FnContext): string => {
    const needle = literalString(ip);
    if (needle === undefined) throw new Error('not supported: ipv4 search with a non-constant address');
    if (!validIpv4Needle(needle, prefix)) return 'FALSE';
    const tokens = `list_transform(regexp_split_to_array(${text(a, cx)}, '[^0-9A-Za-z.]+'), t -> regexp_replace(t, '\\.$', ''))`;
    const addrs = `list_filter(${tokens}, t -> regexp_matches(t, '^\\d{1,3}(\\.\\d{1,3}){3}$') AND list_bool_and(list_transform(string_split(t, '.'), o -> coalesce(TRY_CAST(o AS INTEGER) <= 255, FALSE))))`;
    const test = prefix && needle.endsWith('.') ? `t -> starts_with(t, ${sqlStr(needle)})` : `t -> t = ${sqlStr(needle)}`;
    return `(len(list_filter(${addrs}, ${test})) > 0)`;
  };
}

/** bag_set_key's constant '$.a.b' key as its steps; undefined for a plain key. */
export function bagSetKeyPath(k: FnArg): string[] | undefined {
  const key = literalString(k);
  return key !== undefined && key.startsWith('$.') ? key.slice(2).split('.') : undefined;
}

defineFunctions({
  array_shift_left: shift('left'),
  array_shift_right: shift('right'),
  array_rotate_left: rotate('left'),
  array_rotate_right: rotate('right'),
  array_iff: scalar(([c, t, f], cx) => {
    const cl = elems(c!, cx);
    const tl = t!.type === 'dynamic' ? elems(t!, cx) : null;
    const fl = f!.type === 'dynamic' ? elems(f!, cx) : null;
    const tv = tl ? `coalesce(${tl}[i], 'null'::JSON)` : as(t!, 'dynamic', cx);
    const fv = fl ? `coalesce(${fl}[i], 'null'::JSON)` : as(f!, 'dynamic', cx);
    const truth = `coalesce(TRY_CAST(CAST(${cl}[i] AS VARCHAR) AS BOOLEAN), TRY_CAST(CAST(${cl}[i] AS VARCHAR) AS DOUBLE) <> 0)`;
    return `to_json(list_transform(range(1, len(${cl}) + 1), i -> CASE WHEN ${truth} THEN ${tv} WHEN NOT ${truth} THEN ${fv} ELSE 'null'::JSON END))`;
  }),
  array_split: scalar(([a, idx], cx) => {
    const l = elems(a!, cx);
    const cuts = idx!.type === 'dynamic' ? `list_transform(${elems(idx!, cx)}, e -> TRY_CAST(CAST(e AS VARCHAR) AS BIGINT))` : `[${long(idx!, cx)}]`;
    const norm = `list_transform(${cuts}, c -> least(greatest(CASE WHEN c < 0 THEN c + len(${l}) ELSE c END, 0), len(${l})))`;
    const bounds = `list_concat([0], ${norm}, [len(${l})])`;
    return `to_json(list_transform(range(1, len(${bounds})), j -> to_json(list_slice(${l}, ${bounds}[j] + 1, ${bounds}[j + 1]))))`;
  }),
  bag_set_key: scalar(([b, k, v], cx) => {
    // '$.a.b' paths build the nested object to merge.
    const parts = bagSetKeyPath(k!);
    let obj = as(v!, 'dynamic', cx);
    if (parts) for (const p of [...parts].reverse()) obj = `json_object(${sqlStr(p)}, ${obj})`;
    else obj = `json_object(${text(k!, cx)}, ${obj})`;
    return `json_merge_patch(${as(b!, 'dynamic', cx)}, ${obj})`;
  }),
  bag_zip: scalar(([k, v], cx) => {
    const kl = elems(k!, cx);
    const vl = elems(v!, cx);
    // Keys not an array: null; values not an array: every key gets null (as in Kusto).
    const arrays = `json_type(${as(k!, 'dynamic', cx)}) = 'ARRAY'`;
    return `CASE WHEN ${arrays} THEN coalesce((SELECT json_group_object(${cx.h('jsonToText')('__bz_k')}, coalesce(__bz_v, 'null'::JSON)) FROM (SELECT unnest(${kl}) AS __bz_k, unnest(list_resize(${vl}, len(${kl}))) AS __bz_v) WHERE json_type(__bz_k) = 'VARCHAR'), '{}'::JSON) END`;
  }),
  replace_strings: scalar(([s, from, to], cx) => {
    if (from!.ir.k !== 'lit' || to!.ir.k !== 'lit') throw new Error('not supported: replace_strings with non-constant lists');
    const f = JSON.parse(String(from!.ir.value)) as string[];
    const t = JSON.parse(String(to!.ir.value)) as unknown[];
    // Simultaneous replacement: every lookup first becomes a unique placeholder, then its target.
    let e = text(s!, cx);
    // Lookups that are not strings are ignored; a lookup whose replacement is not a string still
    // matches (earlier lookups win) but keeps its text, as in Kusto.
    const valid = (x: unknown) => typeof x === 'string' && x !== '';
    f.forEach((x, i) => { if (valid(x)) e = `replace(${e}, ${sqlStr(String(x))}, chr(1) || ${sqlStr(String(i))} || chr(2))`; });
    f.forEach((x, i) => { if (valid(x)) e = `replace(${e}, chr(1) || ${sqlStr(String(i))} || chr(2), ${sqlStr(typeof t[i] === 'string' ? String(t[i]) : String(x))})`; });
    return e;
  }),
  unicode_codepoints_from_string: scalar(([s], cx) => `to_json(list_transform(list_filter(string_split(${text(s!, cx)}, ''), c -> c <> ''), c -> CAST(unicode(c) AS BIGINT)))`),
  has_ipv4: scalar(([a, ip], cx) => ipv4Search(false)(a!, ip!, cx)),
  has_ipv4_prefix: scalar(([a, ip], cx) => ipv4Search(true)(a!, ip!, cx)),
  has_any_ipv4: scalar(([a, ...ips], cx) => `(${ips.flatMap((ip) => listOrOne(ip)).map((ip) => ipv4Search(false)(a!, ip, cx)).join(' OR ') || 'FALSE'})`),
  has_any_ipv4_prefix: scalar(([a, ...ips], cx) => `(${ips.flatMap((ip) => listOrOne(ip)).map((ip) => ipv4Search(true)(a!, ip, cx)).join(' OR ') || 'FALSE'})`),
  parse_urlquery: scalar(([q], cx) => `json_object('Query Parameters', ${queryParams(`regexp_replace(${text(q!, cx)}, '^\\?', '')`)})`),
  make_bag: aggregate(([x], cx) => `coalesce(list_reduce(list(${as(x!, 'dynamic', cx)}) FILTER (WHERE json_type(${as(x!, 'dynamic', cx)}) = 'OBJECT'), (a, b) -> json_merge_patch(a, b)), '{}'::JSON)`),
  make_bag_if: aggregate(([x, p], cx) => `coalesce(list_reduce(list(${as(x!, 'dynamic', cx)}) FILTER (WHERE json_type(${as(x!, 'dynamic', cx)}) = 'OBJECT' AND ${p!.sql}), (a, b) -> json_merge_patch(a, b)), '{}'::JSON)`),
});

/** A literal dynamic array argument expands to one argument per element. */
export function listOrOne(a: FnArg): FnArg[] {
  if (a.type === 'dynamic' && a.ir.k === 'lit' && typeof a.ir.value === 'string') {
    const v = JSON.parse(a.ir.value) as unknown;
    if (Array.isArray(v)) return v.map((x) => ({ sql: sqlStr(String(x)), type: 'string', ir: { k: 'lit', value: String(x), type: 'string' } }));
  }
  return [a];
}

defineFunctions({
  jaccard_index: scalar(([a, b], cx) => {
    const x = `list_distinct(${elems(a!, cx)})`;
    const y = `list_distinct(${elems(b!, cx)})`;
    const inter = `len(list_filter(${x}, e -> list_contains(${y}, e)))`;
    const uni = `len(list_distinct(list_concat(${x}, ${y})))`;
    return `CASE WHEN ${uni} = 0 THEN NULL ELSE CAST(${inter} AS DOUBLE) / ${uni} END`;
  }),
  base64_encode_fromarray: scalar(([a], cx) => `to_base64(unhex(array_to_string(list_transform(${elems(a!, cx)}, e -> lpad(hex(CAST(CAST(e AS VARCHAR) AS INTEGER)), 2, '0')), '')))`),
  // indexof_regex(s, re[, start[, length[, occurrence]]]): position of the k-th non-overlapping
  // match inside s[start, start + length); -1 when absent, null for a negative start.
  indexof_regex: scalar(([s, re, start, length, occ], cx) => {
    const src = text(s!, cx), r = text(re!, cx);
    const st = start ? as(start, 'long', cx) : '0';
    const ln = length ? as(length, 'long', cx) : '-1';
    const k = occ ? as(occ, 'long', cx) : '1';
    const win = `(CASE WHEN ${ln} < 0 THEN substr(${src}, ${st} + 1) ELSE substr(${src}, ${st} + 1, ${ln}) END)`;
    const matches = `regexp_extract_all(${win}, ${r}, 0)`;
    const pieces = `regexp_split_to_array(${win}, ${r})`;
    const before = `coalesce(list_sum(list_transform(list_slice(${pieces}, 1, ${k}), p -> length(p))), 0) + coalesce(list_sum(list_transform(list_slice(${matches}, 1, ${k} - 1), m -> length(m))), 0)`;
    return `CAST(CASE WHEN ${st} < 0 OR ${k} < 1 THEN NULL WHEN len(${matches}) >= ${k} THEN ${st} + ${before} ELSE -1 END AS BIGINT)`;
  }),
  around: scalar(([v, c, d], cx) => {
    if (c!.type === 'datetime') return `(${v!.sql} BETWEEN ${c!.sql} - to_microseconds(CAST(${d!.sql} // 10 AS BIGINT)) AND ${c!.sql} + to_microseconds(CAST(${d!.sql} // 10 AS BIGINT)))`;
    return `(${as(v!, 'real', cx)} BETWEEN ${as(c!, 'real', cx)} - ${as(d!, 'real', cx)} AND ${as(c!, 'real', cx)} + ${as(d!, 'real', cx)})`;
  }),
  ipv4_netmask_suffix: scalar(([a], cx) => {
    const s = text(a!, cx);
    return `CASE WHEN regexp_matches(${s}, '^\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}(/\\d{1,2})?$') THEN CAST(coalesce(TRY_CAST(nullif(regexp_extract(${s}, '/(\\d{1,2})$', 1), '') AS BIGINT), 32) AS BIGINT) END`;
  }),
});

defineFunctions({
  has_any_index: scalar(([s, arr], cx) => {
    const x = `lower(${text(s!, cx)})`;
    const l = `list_transform(${elems(arr!, cx)}, e -> lower(${cx.h('jsonToText')('e')}))`;
    const test = `n -> n <> '' AND regexp_matches(${x}, CASE WHEN regexp_matches(n, '^[0-9a-z]') THEN '(?:^|[^0-9a-z])' ELSE '' END || regexp_escape(n) || CASE WHEN regexp_matches(n, '[0-9a-z]$') THEN '(?:$|[^0-9a-z])' ELSE '' END)`;
    return `CAST(coalesce(list_position(list_transform(${l}, ${test}), TRUE), 0) - 1 AS BIGINT)`;
  }),
});
