/**
 * ClickHouse definitions of the array and property-bag functions. Dynamic values are JSON text in a
 * String; arrays are taken apart with JSONExtractArrayRaw (each element's JSON text) and put back
 * together as text, so elements keep their JSON form. Each follows the DuckDB engine's results
 * (test/engine/clickhouse-golden.test.ts).
 */
import { aggregate, scalar, type FnArg, type FnContext, type FnDef } from '../../../kql/functions/catalog.js';
import { as, literalString, sqlStr, text } from '../../../kql/functions/common.js';
import { bagSetKeyPath, listOrOne, validIpv4Needle } from '../../../kql/functions/arrays.js';
import { CSV_FIELD_RE, URL_RE, constantKeyPaths } from '../../../kql/functions/dynamic.js';
import { parseJsonPath } from '../../../kql/functions/json-path.js';

/** The dynamic value of an argument (JSON text, may be NULL). */
const dyn = (a: FnArg, cx: FnContext) => as(a, 'dynamic', cx);
/** Its array elements' JSON texts; [] when it is not an array. */
export const elems = (a: FnArg, cx: FnContext) => `JSONExtractArrayRaw(coalesce(${dyn(a, cx)}, ''))`;
const isArray = (json: string) => `(JSONType(coalesce(${json}, 'null')) = 'Array')`;
const isObject = (json: string) => `(JSONType(coalesce(${json}, 'null')) = 'Object')`;
/** Array(String) of JSON texts → a JSON array. */
export const jsonArray = (l: string) => `concat('[', arrayStringConcat(${l}, ','), ']')`;
/** Array(Tuple(key, JSON text)) → a JSON object. */
const jsonObject = (kvs: string) => `concat('{', arrayStringConcat(arrayMap(kv -> concat(toJSONString(kv.1), ':', kv.2), ${kvs}), ','), '}')`;
const keyValues = (json: string) => `JSONExtractKeysAndValuesRaw(coalesce(${json}, ''))`;
const long = (a: FnArg, cx: FnContext) => as(a, 'long', cx);

/** array_sort_asc/desc, as the shared definition: nulls at one end, numbers by value, others as text; ties by position. */
function arraySort(desc: boolean): FnDef {
  return scalar((args, cx) => {
    let arrays = [...args];
    let nullsLast = true;
    const last = args[args.length - 1]!;
    if (last.type === 'bool') { arrays = arrays.slice(0, -1); nullsLast = last.ir.k === 'lit' ? last.ir.value !== false : true; }
    const l = elems(arrays[0]!, cx);
    const nullZ = nullsLast !== desc ? 1 : 0;
    const key = `(if(e = 'null', ${nullZ}, ${1 - nullZ}), isNull(toFloat64OrNull(e)), ifNull(toFloat64OrNull(e), 0), ${cx.h('jsonToText')('e')}, i)`;
    const perm = `${desc ? 'arrayReverseSort' : 'arraySort'}((i, e) -> ${key}, arrayEnumerate(${l}), ${l})`;
    const reorder = (a: FnArg) => jsonArray(`arrayMap(i -> if(i <= length(${elems(a, cx)}), ${elems(a, cx)}[i], 'null'), ${perm})`);
    if (arrays.length === 1) return reorder(arrays[0]!);
    return jsonArray(`[${arrays.map(reorder).join(', ')}]`);
  });
}

/** array_shift_left/right(a, n[, fill]): elements move n places; vacated places take fill (null). */
function shift(dir: 'left' | 'right'): FnDef {
  return scalar(([a, n, fill], cx) => {
    const l = elems(a!, cx);
    const k = dir === 'left' ? long(n!, cx) : `(-${long(n!, cx)})`;
    const f = fill ? `ifNull(${dyn(fill, cx)}, 'null')` : `'null'`;
    return `if(${isArray(dyn(a!, cx))}, ${jsonArray(`arrayMap(i -> if(i + ${k} BETWEEN 1 AND length(${l}), ${l}[i + ${k}], ${f}), arrayEnumerate(${l}))`)}, '[]')`;
  });
}

function rotate(dir: 'left' | 'right'): FnDef {
  return scalar(([a, n], cx) => {
    const l = elems(a!, cx);
    const len = `toInt64(length(${l}))`;
    const k = dir === 'left' ? long(n!, cx) : `(-${long(n!, cx)})`;
    return `if(${len} = 0, '[]', ${jsonArray(`arrayMap(i -> ${l}[((i - 1 + ${k}) % ${len} + ${len}) % ${len} + 1], arrayEnumerate(${l}))`)})`;
  });
}

/** Set operations compare elements by their JSON text. */
const setOf = (l: string) => `arrayDistinct(${l})`;

/** `bag` without the key at `path` when every bag on the way is one; else unchanged. */
function removePath(bag: string, path: readonly string[]): string {
  const [head, ...rest] = path as [string, ...string[]];
  const kvs = keyValues(bag);
  const inner = rest.length
    ? `arrayMap(kv -> if(kv.1 = ${sqlStr(head)}, tuple(kv.1, ${removePath('kv.2', rest)}), kv), ${kvs})`
    : `arrayFilter(kv -> kv.1 != ${sqlStr(head)}, ${kvs})`;
  return `if(${isObject(bag)}, ${jsonObject(inner)}, ${bag})`;
}

export const CLICKHOUSE_DYNAMIC_FUNCTIONS: Readonly<Record<string, FnDef>> = {
  bag_keys: scalar(([a], cx) => `if(${isObject(dyn(a!, cx))}, toJSONString(JSONExtractKeys(coalesce(${dyn(a!, cx)}, ''))), NULL)`),
  bag_has_key: scalar(([a, k], cx) => {
    const key = literalString(k!);
    if (key !== undefined && key.startsWith('$')) {
      const steps = parseJsonPath(key);
      if (!steps) throw new Error('not supported: bag_has_key with this JSONPath key on the ClickHouse engine');
      return `JSONHas(coalesce(${dyn(a!, cx)}, ''), ${steps.map((st) => ('index' in st ? String(st.index + 1) : sqlStr(st.key))).join(', ')})`;
    }
    return `has(JSONExtractKeys(coalesce(${dyn(a!, cx)}, '')), ${text(k!, cx)})`;
  }),
  set_has_element: scalar(([a, v], cx) => `has(arrayMap(e -> ${cx.h('jsonToText')('e')}, ${elems(a!, cx)}), ${text(v!, cx)})`),
  array_index_of: scalar(([a, v, start, length, occ], cx) => {
    const texts = `arrayMap(e -> ${cx.h('jsonToText')('e')}, ${elems(a!, cx)})`;
    const n = `toInt64(length(${texts}))`;
    const st0 = start ? long(start, cx) : '0';
    const st = `multiIf(${st0} < 0, greatest(${n} + ${st0}, 0), ${st0})`;
    const ln = length ? long(length, cx) : '-1';
    const end = `multiIf(${ln} < 0, ${n}, least(${st} + ${ln}, ${n}))`;
    const k = occ ? long(occ, cx) : '1';
    const hits = `arrayFilter(i -> ${texts}[i + 1] = ${text(v!, cx)}, range(toInt64(${st}), toInt64(greatest(${end}, ${st}))))`;
    return `CAST(if(${k} >= 1 AND length(${hits}) >= ${k}, ${hits}[${k}], -1) AS Nullable(Int64))`;
  }),
  array_concat: scalar((args, cx) => jsonArray(`arrayConcat(${args.map((a) => elems(a, cx)).join(', ')})`)),
  array_slice: scalar(([a, s, e], cx) => {
    const l = elems(a!, cx);
    const n = `toInt64(length(${l}))`;
    const norm = (x: string) => `multiIf(${x} < 0, ${x} + ${n}, ${x})`;
    const from = `greatest(${norm(long(s!, cx))}, 0)`;
    const to = `least(${norm(long(e!, cx))}, ${n} - 1)`;
    return jsonArray(`arraySlice(${l}, ${from} + 1, greatest(${to} - ${from} + 1, 0))`);
  }),
  array_reverse: scalar(([a], cx) => jsonArray(`arrayReverse(${elems(a!, cx)})`)),
  array_sort_asc: arraySort(false),
  array_sort_desc: arraySort(true),
  // Numbers only; null when there is none (as the DuckDB engine's list_sum).
  array_sum: scalar(([a], cx) => {
    const nums = `arrayFilter(x -> x IS NOT NULL, arrayMap(e -> toFloat64OrNull(e), ${elems(a!, cx)}))`;
    return `if(length(${nums}) = 0, NULL, arraySum(arrayMap(x -> assumeNotNull(x), ${nums})))`;
  }),
  set_union: scalar((args, cx) => jsonArray(setOf(`arrayConcat(${args.map((a) => elems(a, cx)).join(', ')})`))),
  // Nulls drop out, as in the DuckDB engine's list_distinct.
  set_intersect: scalar(([a, ...rest], cx) => jsonArray(setOf(`arrayFilter(e -> e <> 'null' AND ${rest.map((r) => `has(${elems(r, cx)}, e)`).join(' AND ') || 'true'}, ${elems(a!, cx)})`))),
  set_difference: scalar(([a, ...rest], cx) => jsonArray(setOf(`arrayFilter(e -> e <> 'null' AND NOT (${rest.map((r) => `has(${elems(r, cx)}, e)`).join(' OR ') || 'false'}), ${elems(a!, cx)})`))),
  zip: scalar((args, cx) => {
    const ls = args.map((a) => elems(a, cx));
    const cell = (l: string) => `if(i <= length(${l}), ${l}[i], 'null')`;
    return jsonArray(`arrayMap(i -> ${jsonArray(`[${ls.map(cell).join(', ')}]`)}, range(1, greatest(${ls.map((l) => `length(${l})`).join(', ')}) + 1))`);
  }),
  strcat_array: scalar(([a, d], cx) => `arrayStringConcat(arrayMap(e -> ${cx.h('jsonToText')('e')}, ${elems(a!, cx)}), ${text(d!, cx)})`),
  array_shift_left: shift('left'),
  array_shift_right: shift('right'),
  array_rotate_left: rotate('left'),
  array_rotate_right: rotate('right'),
  // The first bag holding a key gives its value; non-bags are ignored.
  bag_merge: scalar((args, cx) => {
    const kvs = `arrayConcat(${args.map((a) => keyValues(dyn(a, cx))).join(', ')})`;
    return jsonObject(`arrayFilter((kv, i) -> indexOf(arrayMap(x -> x.1, ${kvs}), kv.1) = i, ${kvs}, arrayEnumerate(${kvs}))`);
  }),
  // As the shared definition (a JSON merge patch): a '$.a.b' key sets a nested key, creating the
  // bags on its way; a null value removes the key; a null bag counts as empty (as DuckDB's
  // JSON null does).
  bag_set_key: scalar(([b, k, v], cx) => {
    const path = bagSetKeyPath(k!)?.map(sqlStr) ?? [text(k!, cx)];
    const value = `coalesce(${dyn(v!, cx)}, 'null')`;
    const set = (bag: string, keys: readonly string[]): string => {
      const [head, ...rest] = keys as [string, ...string[]];
      const inner = rest.length ? set(`JSONExtractRaw(coalesce(${bag}, ''), ${head})`, rest) : value;
      const kept = `arrayFilter(kv -> kv.1 != ${head}, ${keyValues(bag)})`;
      return jsonObject(`arrayConcat(${kept}, if(${rest.length ? 'false' : `${value} = 'null'`}, [], [tuple(${head}, ${inner})]))`);
    };
    return set(dyn(b!, cx), path);
  }),
  // A constant list with JSONPath keys ('$.a.b') removes nested keys, each only where its parent
  // is a bag (as the shared definition); otherwise the list's texts are top-level keys.
  bag_remove_keys: scalar(([a, keys], cx) => {
    const paths = constantKeyPaths(keys!);
    if (paths) return paths.reduce((bag, path) => removePath(bag, path), dyn(a!, cx));
    const drop = `arrayMap(e -> ${cx.h('jsonToText')('e')}, ${elems(keys!, cx)})`;
    return jsonObject(`arrayFilter(kv -> NOT has(${drop}, kv.1), ${keyValues(dyn(a!, cx))})`);
  }),
  jaccard_index: scalar(([a, b], cx) => {
    const distinct = (l: string) => setOf(`arrayFilter(e -> e <> 'null', ${l})`);
    const x = distinct(elems(a!, cx)), y = distinct(elems(b!, cx));
    const inter = `length(arrayFilter(e -> has(${y}, e), ${x}))`;
    const uni = `length(arrayDistinct(arrayConcat(${x}, ${y})))`;
    return `if(${uni} = 0, NULL, ${inter} / ${uni})`;
  }),
  // make_bag(_if): the union of the rows' bags. A key in several rows takes the last value seen, as the
  // DuckDB engine's merge-patch fold does (Kusto picks any one of them).
  make_bag: aggregate(([x], cx) => makeBag(dyn(x!, cx), undefined)),
  make_bag_if: aggregate(([x, p], cx) => makeBag(dyn(x!, cx), p!.sql)),
};

function makeBag(bag: string, cond: string | undefined): string {
  const filter = `${isObject(bag)}${cond ? ` AND ${cond}` : ''}`;
  const all = `arrayFlatten(groupArray(${keyValues(bag)}) FILTER (WHERE ${filter}))`;
  // Later rows win, as a merge-patch fold: keep a key's last occurrence, in first-seen key order.
  const lastOf = `arrayMap(k -> ${all}[length(${all}) - indexOf(arrayReverse(arrayMap(kv -> kv.1, ${all})), k) + 1], arrayDistinct(arrayMap(kv -> kv.1, ${all})))`;
  return jsonObject(lastOf);
}

/** has_ipv4 / has_ipv4_prefix: the shared definition's token rules (src/kql/functions/arrays.ts). */
function ipv4Search(prefix: boolean) {
  return (a: FnArg, ip: FnArg, cx: FnContext): string => {
    const needle = literalString(ip);
    if (needle === undefined) throw new Error('not supported: ipv4 search with a non-constant address');
    if (!validIpv4Needle(needle, prefix)) return 'false';
    const tokens = `arrayMap(t -> replaceRegexpOne(t, ${sqlStr('\\.$')}, ''), splitByRegexp(${sqlStr('[^0-9A-Za-z.]+')}, ${text(a, cx)}))`;
    const addrs = `arrayFilter(t -> match(t, ${sqlStr('^\\d{1,3}(\\.\\d{1,3}){3}$')}) AND arrayAll(o -> toInt32OrZero(o) <= 255, splitByChar('.', t)), ${tokens})`;
    const test = prefix && needle.endsWith('.') ? `startsWith(t, ${sqlStr(needle)})` : `t = ${sqlStr(needle)}`;
    return `arrayExists(t -> ${test}, ${addrs})`;
  };
}

/** a=1&b=2 → {"a":"1","b":"2"} (values URL-decoded; the first of a repeated key wins). */
function queryParams(q: string): string {
  const pairs = `arrayFilter(p -> p <> '', splitByChar('&', ${q}))`;
  const kvs = `arrayMap(p -> (splitByChar('=', p)[1], decodeURLComponent(substring(p, position(p, '=') + 1))), ${pairs})`;
  const firsts = `arrayFilter((kv, i) -> indexOf(arrayMap(x -> x.1, ${kvs}), kv.1) = i, ${kvs}, arrayEnumerate(${kvs}))`;
  return `concat('{', arrayStringConcat(arrayMap(kv -> concat(toJSONString(kv.1), ':', toJSONString(kv.2)), ${firsts}), ','), '}')`;
}

/** extractjson(path, text[, typeof(T)]) with a constant JSONPath. */
const extractJson = scalar(([path, s], cx) => {
  const p = literalString(path!);
  const steps = p === undefined ? undefined : parseJsonPath(p);
  // ClickHouse's JSON functions take the steps as arguments: keys as strings, indexes 1-based.
  const args = steps?.map((st) => ('index' in st ? String(st.index + 1) : sqlStr(st.key)));
  if (!args) throw new Error('not supported: extractjson with a JSONPath other than $.key, $[\'key\'] and $.key[n] steps on the ClickHouse engine');
  const src = cx.h('jsonParse')(text(s!, cx));
  const raw = `nullif(JSONExtractRaw(${src}${args.map((x) => `, ${x}`).join('')}), '')`;
  if (cx.resultType === 'string') return cx.h('jsonToText')(raw);
  if (cx.resultType === 'dynamic') return raw;
  return cx.h('tryCast')(`nullif(${cx.h('jsonToText')(raw)}, '')`, cx.resultType);
});

/** range(start, stop[, step]) → a JSON array (capped at 1,048,576 elements, as Kusto). */
const rangeArray = scalar(([a, b, step], cx) => {
  // Elements start + i * step for i = 0..n, n = floor((stop - start) / step); a zero step gives null.
  const count = (span: string, st: string) => `least(toInt64(floor((${span}) / nullif(${st}, 0))), 1048575)`;
  const seq = (n: string) => `range(0, toUInt64(greatest(${n} + 1, 0)))`;
  if (a!.type === 'datetime') {
    const st = step ? cx.h('intDiv')(as(step, 'timespan', cx), '10') : '864000000';
    const n = count(`${cx.h('epochMicros')(b!.sql)} - ${cx.h('epochMicros')(a!.sql)}`, st);
    return `toJSONString(arrayMap(i -> ${cx.h('formatDatetime')(cx.h('addMicros')(a!.sql, `i * ${st}`))}, ${seq(n)}))`;
  }
  if (a!.type === 'timespan') {
    const st = step ? as(step, 'timespan', cx) : '1';
    return `toJSONString(arrayMap(i -> ${cx.h('formatTimespan')(`(${a!.sql} + i * ${st})`)}, ${seq(count(`${b!.sql} - ${a!.sql}`, st))}))`;
  }
  if (a!.type === 'real' || (step && step.type === 'real')) {
    const st = step ? as(step, 'real', cx) : '1.0';
    const lo = as(a!, 'real', cx);
    return `toJSONString(arrayMap(i -> ${lo} + i * ${st}, ${seq(count(`${as(b!, 'real', cx)} - ${lo}`, st))}))`;
  }
  const st = step ? as(step, 'long', cx) : '1';
  const lo = as(a!, 'long', cx);
  // Integers as their digits (toJSONString quotes 64-bit integers).
  return `if(${st} = 0, NULL, ${jsonArray(`arrayMap(i -> toString(${lo} + toInt64(i) * ${st}), ${seq(count(`${as(b!, 'long', cx)} - ${lo}`, st))})`)})`;
});

/** parse_path, as the shared definition: [scheme://][C:]dir\\name.ext[:stream]. */
const parsePath = scalar(([p], cx) => {
  const src = text(p!, cx);
  const scheme = sqlStr('^([A-Za-z][A-Za-z0-9+.-]*)://');
  const s = `replaceRegexpOne(${src}, ${scheme}, '')`;
  const last = `regexpExtract(${s}, ${sqlStr('([^\\\\/]*)$')}, 1)`;
  const file = `splitByChar(':', ${last})[1]`;
  const stream = `if(position(${last}, ':') > 0, substring(${last}, position(${last}, ':') + 1), '')`;
  const dir = `regexpExtract(${s}, ${sqlStr('^(.*)[\\\\/][^\\\\/]*$')}, 1)`;
  const fields: [string, string][] = [
    ['Scheme', `regexpExtract(${src}, ${scheme}, 1)`], ['RootPath', `regexpExtract(${s}, ${sqlStr('^([A-Za-z]:)')}, 1)`],
    ['DirectoryPath', dir], ['DirectoryName', `regexpExtract(${dir}, ${sqlStr('([^\\\\/]*)$')}, 1)`], ['Filename', file],
    ['Extension', `regexpExtract(${file}, ${sqlStr('\\.([^.]*)$')}, 1)`], ['AlternateDataStreamName', stream],
  ];
  return `concat('{', ${fields.map(([k, v]) => `${sqlStr(JSON.stringify(k))}, ':', toJSONString(${v})`).join(", ',', ")}, '}')`;
});

/** has_any_index(s, terms): the index of the first term `has` finds in s (whole term, any case), else -1. */
const hasAnyIndex = scalar(([s, arr], cx) => {
  const x = `lowerUTF8(${text(s!, cx)})`;
  const terms = `arrayMap(__e -> lowerUTF8(${cx.h('jsonToText')('__e')}), ${elems(arr!, cx)})`;
  const re = (n: string) => `concat(if(match(${n}, '^[0-9a-z]'), '(?:^|[^0-9a-z])', ''), ${cx.h('regexEscape')(n)}, if(match(${n}, '[0-9a-z]$'), '(?:$|[^0-9a-z])', ''))`;
  return `toInt64(arrayFirstIndex(__n -> __n <> '' AND match(${x}, ${re('__n')}), ${terms})) - 1`;
});

/**
 * parse_csv: the first record's fields (the shared definition's regex; "" escapes a quote). A
 * newline is appended so no match is empty: extractAllGroupsVertical stops at an empty match, where
 * the record's last field (after a final comma, or in empty text) would be one.
 */
const parseCsv = scalar(([s], cx) => {
  const rows = `extractAllGroupsVertical(concat(${text(s!, cx)}, '\\n'), ${sqlStr(CSV_FIELD_RE)})`;
  const fields = `arraySlice(arrayMap(__r -> __r[1], ${rows}), 1, arrayFirstIndex(__r -> __r[2] <> ',', ${rows}))`;
  return jsonArray(`arrayMap(__x -> toJSONString(if(startsWith(__x, '"'), replaceAll(substringUTF8(__x, 2, greatest(toInt64(lengthUTF8(__x)) - 2, 0)), '""', '"'), __x)), ${fields})`);
});

export const CLICKHOUSE_DYNAMIC_MORE: Readonly<Record<string, FnDef>> = {
  parse_csv: parseCsv,
  parse_path: parsePath,
  has_any_index: hasAnyIndex,
  // Keys must be strings; values missing (or not an array) are null; keys not an array: null.
  bag_zip: scalar(([k, v], cx) => {
    const kl = elems(k!, cx), vl = elems(v!, cx);
    const idx = `arrayFilter(i -> JSONType(${kl}[i]) = 'String', arrayEnumerate(${kl}))`;
    return `if(${isArray(dyn(k!, cx))}, ${jsonObject(`arrayMap(i -> (JSONExtractString(${kl}[i]), if(i <= length(${vl}), ${vl}[i], 'null')), ${idx})`)}, NULL)`;
  }),
  // pack_all(true): null and empty-string values drop out.
  'bag.compact': scalar(([b], cx) => jsonObject(`arrayFilter(kv -> kv.2 NOT IN ('null', '""'), ${keyValues(b!.sql)})`)),
  array_iff: scalar(([c, t, f], cx) => {
    const cl = elems(c!, cx);
    const tl = t!.type === 'dynamic' ? elems(t!, cx) : null;
    const fl = f!.type === 'dynamic' ? elems(f!, cx) : null;
    const tv = tl ? `if(i <= length(${tl}), ${tl}[i], 'null')` : `ifNull(${dyn(t!, cx)}, 'null')`;
    const fv = fl ? `if(i <= length(${fl}), ${fl}[i], 'null')` : `ifNull(${dyn(f!, cx)}, 'null')`;
    const e = `${cl}[i]`;
    const truth = `multiIf(${e} = 'true', 1, ${e} = 'false', 0, toFloat64OrNull(${e}) IS NOT NULL, toFloat64OrNull(${e}) <> 0, NULL)`;
    return jsonArray(`arrayMap(i -> multiIf(${truth} = 1, ${tv}, ${truth} = 0, ${fv}, 'null'), arrayEnumerate(${cl}))`);
  }),
  array_split: scalar(([a, idx], cx) => {
    const l = elems(a!, cx);
    const n = `toInt64(length(${l}))`;
    const cuts = idx!.type === 'dynamic' ? `arrayMap(e -> toInt64OrNull(e), ${elems(idx!, cx)})` : `[${long(idx!, cx)}]`;
    const norm = `arrayMap(c -> least(greatest(multiIf(c < 0, c + ${n}, c), 0), ${n}), ${cuts})`;
    const bounds = `arrayConcat([toInt64(0)], ${norm}, [${n}])`;
    return jsonArray(`arrayMap(j -> ${jsonArray(`arraySlice(${l}, ${bounds}[j] + 1, greatest(${bounds}[j + 1] - ${bounds}[j], 0))`)}, range(1, length(${bounds})))`);
  }),
  has_ipv4: scalar(([a, ip], cx) => ipv4Search(false)(a!, ip!, cx)),
  has_ipv4_prefix: scalar(([a, ip], cx) => ipv4Search(true)(a!, ip!, cx)),
  has_any_ipv4: scalar(([a, ...ips], cx) => `(${ips.flatMap(listOrOne).map((ip) => ipv4Search(false)(a!, ip, cx)).join(' OR ') || 'false'})`),
  has_any_ipv4_prefix: scalar(([a, ...ips], cx) => `(${ips.flatMap(listOrOne).map((ip) => ipv4Search(true)(a!, ip, cx)).join(' OR ') || 'false'})`),
  parse_urlquery: scalar(([q], cx) => `concat('{"Query Parameters":', ${queryParams(`replaceRegexpOne(${text(q!, cx)}, ${sqlStr('^\\?')}, '')`)}, '}')`),
  parse_url: scalar(([u], cx) => {
    const s = text(u!, cx);
    const g = (i: number) => `regexpExtract(${s}, ${sqlStr(URL_RE)}, ${i})`;
    const field = (name: string, v: string) => `${sqlStr(JSON.stringify(name))}, ':', ${v}`;
    const parts = [
      field('Scheme', `toJSONString(${g(1)})`), field('Host', `toJSONString(${g(4)})`), field('Port', `toJSONString(${g(5)})`),
      field('Path', `toJSONString(${g(6)})`), field('Username', `toJSONString(${g(2)})`), field('Password', `toJSONString(${g(3)})`),
      field('Query Parameters', queryParams(g(7))), field('Fragment', `toJSONString(${g(8)})`),
    ];
    return `concat('{', ${parts.join(", ',', ")}, '}')`;
  }),
  extractjson: extractJson,
  extract_json: extractJson,
  range: rangeArray,
};

/**
 * make_list / make_set of dynamic values, as the shared definition: an array contributes its
 * elements (make_set drops null elements, as DuckDB's list_distinct does), any other value itself.
 */
export function makeCollectionOfDynamic(distinct: boolean, v: string, cond: string, limit: number | undefined): string {
  const elements = `JSONExtractArrayRaw(coalesce(${v}, ''))`;
  const items = `if(${isArray(v)}, ${distinct ? `arrayFilter(e -> e <> 'null', ${elements})` : elements}, [coalesce(${v}, 'null')])`;
  return jsonArray(`${distinct ? 'groupUniqArrayArray' : 'groupArrayArray'}${limit ? `(${Math.trunc(limit)})` : ''}(${items}) FILTER (WHERE ${cond})`);
}
