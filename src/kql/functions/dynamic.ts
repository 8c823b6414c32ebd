/** Dynamic (JSON) functions: parsing, member access, arrays and property bags. */
import { defineFunctions, scalar, type FnArg, type FnContext } from './catalog.js';
import { as, literalString, sqlStr, text } from './common.js';
import { duckdbJsonPath, parseJsonPath } from './json-path.js';

const elems = (a: FnArg, cx: FnContext) => `coalesce(${cx.h('jsonArrayElements')(as(a, 'dynamic', cx))}, []::JSON[])`;

const parseJson = scalar(([a], cx) => (a!.type === 'dynamic' ? a!.sql : a!.type === 'string' ? cx.h('jsonParse')(a!.sql) : cx.h('toJson')(a!.sql, a!.type)));

defineFunctions({
  /** Internal: member access a.b / a['b'] / a[0] (created by the lowering, not by users). */
  'dyn.get': scalar(([obj, key], cx) => {
    const o = obj!.type === 'dynamic' ? obj!.sql : parseJson.sql([obj!], cx);
    const isIndex = key!.type === 'int' || key!.type === 'long';
    return cx.h('jsonGet')(o, isIndex ? key!.sql : text(key!, cx), isIndex);
  }),
  parse_json: parseJson,
  parsejson: parseJson,
  todynamic: parseJson,
  toobject: parseJson,
  extractjson: scalar((args, cx) => extractJson(args, cx)),
  extract_json: scalar((args, cx) => extractJson(args, cx)),
  // Kusto caps range() arrays at 1,048,576 elements.
  range: scalar(([a, b, step], cx) => {
    if (a!.type === 'datetime') {
      const st = step ? `CAST(${as(step, 'timespan', cx)} // 10 AS BIGINT)` : '864000000';
      const n = `least(CAST(floor((epoch_us(${b!.sql}) - epoch_us(${a!.sql})) / ${st}) AS BIGINT), 1048575)`;
      return `to_json(list_transform(range(0, ${n} + 1), i -> strftime(${a!.sql} + to_microseconds(i * ${st}), '%Y-%m-%dT%H:%M:%S.%f') || '0Z'))`;
    }
    if (a!.type === 'real' || (step && step.type === 'real')) {
      const st = step ? as(step, 'real', cx) : '1.0';
      const n = `least(CAST(floor((${as(b!, 'real', cx)} - ${as(a!, 'real', cx)}) / ${st}) AS BIGINT), 1048575)`;
      return `to_json(list_transform(range(0, ${n} + 1), i -> ${as(a!, 'real', cx)} + i * ${st}))`;
    }
    if (a!.type === 'timespan') {
      const st = step ? as(step, 'timespan', cx) : '1';
      const n = `least(CAST(floor((${b!.sql} - ${a!.sql}) / ${st}) AS BIGINT), 1048575)`;
      return `to_json(list_transform(range(0, ${n} + 1), i -> ${cx.h('formatTimespan')(`(${a!.sql} + i * ${st})`)}))`;
    }
    // start + i * step for i = 0..n (n = floor((stop - start) / step)), so a negative step counts down; a zero step gives null.
    const st = step ? as(step, 'long', cx) : '1';
    const n = `least(CAST(floor((${as(b!, 'long', cx)} - ${as(a!, 'long', cx)}) / ${st}) AS BIGINT), 1048575)`;
    return `CASE WHEN ${st} <> 0 THEN to_json(list_transform(range(0, greatest(${n} + 1, 0)), i -> ${as(a!, 'long', cx)} + i * ${st})) END`;
  }),
  array_length: scalar(([a], cx) => cx.h('jsonArrayLength')(as(a!, 'dynamic', cx))),
  pack_array: scalar((args, cx) => `to_json([${args.map((a) => as(a, 'dynamic', cx)).join(', ')}]::JSON[])`),
  pack: scalar((args, cx) => packBag(args, cx)),
  bag_pack: scalar((args, cx) => packBag(args, cx)),
  pack_dictionary: scalar((args, cx) => packBag(args, cx)),
  bag_keys: scalar(([a], cx) => `CASE WHEN json_type(${as(a!, 'dynamic', cx)}) = 'OBJECT' THEN to_json(json_keys(${as(a!, 'dynamic', cx)})) END`),
  bag_has_key: scalar(([a, k], cx) => {
    const key = literalString(k!);
    if (key !== undefined && key.startsWith('$')) {
      const steps = parseJsonPath(key);
      return `coalesce(json_exists(${as(a!, 'dynamic', cx)}, ${sqlStr(steps ? duckdbJsonPath(steps) : key)}), FALSE)`;
    }
    return `coalesce(list_contains(json_keys(${as(a!, 'dynamic', cx)}), ${text(k!, cx)}), FALSE)`;
  }),
  set_has_element: scalar(([a, v], cx) => `coalesce(list_contains(list_transform(${elems(a!, cx)}, e -> ${cx.h('jsonToText')('e')}), ${text(v!, cx)}), FALSE)`),
  // array_index_of(a, v[, start[, length[, occurrence]]]): negative start counts from the end,
  // length -1 means to the end; -1 when the occurrence is not in the range.
  array_index_of: scalar(([a, v, start, length, occ], cx) => {
    const texts = `list_transform(${elems(a!, cx)}, e -> ${cx.h('jsonToText')('e')})`;
    const n = `len(${texts})`;
    const st0 = start ? as(start, 'long', cx) : '0';
    const st = `(CASE WHEN ${st0} < 0 THEN greatest(${n} + ${st0}, 0) ELSE ${st0} END)`;
    const ln = length ? as(length, 'long', cx) : '-1';
    const end = `(CASE WHEN ${ln} < 0 THEN ${n} ELSE least(${st} + ${ln}, ${n}) END)`;
    const k = occ ? as(occ, 'long', cx) : '1';
    const hits = `list_filter(range(${st}, ${end}), i -> ${texts}[i + 1] = ${text(v!, cx)})`;
    return `CAST(CASE WHEN ${k} >= 1 THEN coalesce(${hits}[${k}], -1) ELSE -1 END AS BIGINT)`;
  }),
  array_concat: scalar((args, cx) => `to_json(flatten([${args.map((a) => elems(a, cx)).join(', ')}]))`),
  array_slice: scalar(([a, s, e], cx) => {
    const l = elems(a!, cx);
    const n = `len(${l})`;
    const norm = (x: string) => `(CASE WHEN ${x} < 0 THEN ${x} + ${n} ELSE ${x} END)`;
    // Bounds clamp to the array (list_slice would read a bound still negative as counting from the end).
    return `to_json(list_slice(${l}, greatest(${norm(as(s!, 'long', cx))}, 0) + 1, greatest(least(${norm(as(e!, 'long', cx))}, ${n} - 1) + 1, 0)))`;
  }),
  array_reverse: scalar(([a], cx) => `to_json(list_reverse(${elems(a!, cx)}))`),
  array_sort_asc: scalar((args, cx) => arraySort(args, cx, false)),
  array_sort_desc: scalar((args, cx) => arraySort(args, cx, true)),
  array_sum: scalar(([a], cx) => `list_sum(list_transform(${elems(a!, cx)}, e -> TRY_CAST(CAST(e AS VARCHAR) AS DOUBLE)))`),
  set_union: scalar((args, cx) => `to_json(list_filter(flatten([${args.map((a) => elems(a, cx)).join(', ')}]), (x, i) -> list_position(flatten([${args.map((a) => elems(a, cx)).join(', ')}]), x) = i))`),
  set_intersect: scalar(([a, ...rest], cx) => `to_json(list_distinct(list_filter(${elems(a!, cx)}, e -> ${rest.map((r) => `list_contains(${elems(r, cx)}, e)`).join(' AND ') || 'TRUE'})))`),
  set_difference: scalar(([a, ...rest], cx) => `to_json(list_distinct(list_filter(${elems(a!, cx)}, e -> NOT (${rest.map((r) => `list_contains(${elems(r, cx)}, e)`).join(' OR ') || 'FALSE'}))))`),
  zip: scalar((args, cx) => `to_json(list_transform(range(1, greatest(${args.map((a) => `len(${elems(a, cx)})`).join(', ')}) + 1), i -> [${args.map((a) => `coalesce(${elems(a, cx)}[i], 'null'::JSON)`).join(', ')}]::JSON[]))`),
  // Canonical text: keys sorted at every level (harrier_json_canonical, src/engine/udfs.ts).
  dynamic_to_json: scalar(([a], cx) => `coalesce(harrier_json_canonical(${cx.h('castText')(as(a!, 'dynamic', cx))}), '')`),
  gettype: scalar(([a], cx) => gettype(a!, cx)),
  // The first bag holding a key gives its value (no deep merge); non-bags are ignored.
  bag_merge: scalar((args, cx) => {
    const bags = `[${args.map((a) => as(a, 'dynamic', cx)).join(', ')}]::JSON[]`;
    // Internal names unlike user columns': the bags' SQL refers to the row's columns from inside these SELECTs.
    const val = `json_extract(__bm_b, '$."' || replace(replace(__bm_k, '\\', '\\\\'), '"', '\\"') || '"')`;
    const keyed = `SELECT __bm_i, __bm_b, unnest(json_keys(__bm_b)) AS __bm_k FROM (SELECT unnest(${bags}) AS __bm_b, unnest(range(1, len(${bags}) + 1)) AS __bm_i) AS bs WHERE json_type(__bm_b) = 'OBJECT'`;
    return `(SELECT coalesce(json_group_object(__bm_k, __bm_v), '{}'::JSON) FROM (SELECT __bm_k, ${val} AS __bm_v, __bm_i FROM (${keyed}) AS kb QUALIFY row_number() OVER (PARTITION BY __bm_k ORDER BY __bm_i) = 1 ORDER BY __bm_i) AS firsts)`;
  }),
  bag_remove_keys: scalar(([a, keys], cx) => removeKeyPaths(a!, keys!, cx) ?? `(SELECT coalesce(json_group_object(__brk_k, json_extract(${as(a!, 'dynamic', cx)}, '$."' || replace(replace(__brk_k, '\\\\', '\\\\\\\\'), '"', '\\\\"') || '"')), '{}'::JSON) FROM unnest(json_keys(${as(a!, 'dynamic', cx)})) AS __brk_t(__brk_k) WHERE NOT list_contains(list_transform(${elems(keys!, cx)}, e -> ${cx.h('jsonToText')('e')}), __brk_k))`),
  parse_url: scalar(([u], cx) => {
    const s = text(u!, cx);
    // Kusto requires a scheme: text without one parses to empty parts.
    const re = sqlStr(URL_RE);
    const g = (i: number) => `regexp_extract(${s}, ${re}, ${i})`;
    return `json_object('Scheme', ${g(1)}, 'Host', ${g(4)}, 'Port', ${g(5)}, 'Path', ${g(6)}, 'Username', ${g(2)}, 'Password', ${g(3)}, 'Query Parameters', ${queryParams(g(7))}, 'Fragment', ${g(8)})`;
  }),
  // [scheme://][C:]dir\\name.ext[:stream]; UNC shares have no RootPath.
  parse_path: scalar(([p], cx) => {
    const src = text(p!, cx);
    const schemeRe = `'^([A-Za-z][A-Za-z0-9+.-]*)://'`;
    const s = `regexp_replace(${src}, ${schemeRe}, '')`;
    const last = `regexp_extract(${s}, '([^\\\\/]*)$', 1)`;
    const file = `split_part(${last}, ':', 1)`;
    const stream = `CASE WHEN contains(${last}, ':') THEN substr(${last}, strpos(${last}, ':') + 1) ELSE '' END`;
    const dir = `regexp_extract(${s}, '^(.*)[\\\\/][^\\\\/]*$', 1)`;
    return `json_object('Scheme', regexp_extract(${src}, ${schemeRe}, 1), 'RootPath', regexp_extract(${s}, '^([A-Za-z]:)', 1), 'DirectoryPath', ${dir}, 'DirectoryName', regexp_extract(${dir}, '([^\\\\/]*)$', 1), 'Filename', ${file}, 'Extension', regexp_extract(${file}, '\\.([^.]*)$', 1), 'AlternateDataStreamName', ${stream})`;
  }),
  // The first record: fields up to the first newline outside quotes ("" escapes a quote).
  parse_csv: scalar(([s], cx) => {
    const re = sqlStr(CSV_FIELD_RE);
    const fields = `regexp_extract_all(${text(s!, cx)}, ${re}, 1)`;
    const ends = `list_position(list_transform(regexp_extract_all(${text(s!, cx)}, ${re}, 2), d -> d <> ','), true)`;
    return `to_json(list_transform(list_slice(${fields}, 1, ${ends}), x -> CASE WHEN starts_with(x, '"') THEN replace(substr(x, 2, length(x) - 2), '""', '"') ELSE x END))`;
  }),
  column_ifexists: scalar(([c]) => c!.sql),
});

/**
 * The key paths of a constant bag_remove_keys list holding a JSONPath entry ('$.a.b' → [a, b]; a
 * plain key is a one-step path). Undefined for other argument shapes (then every entry is a
 * top-level key).
 */
export function constantKeyPaths(keys: FnArg): string[][] | undefined {
  if (keys.ir.k !== 'lit' || typeof keys.ir.value !== 'string') return undefined;
  const list = JSON.parse(keys.ir.value) as unknown;
  if (!Array.isArray(list) || !list.some((k) => typeof k === 'string' && k.startsWith('$'))) return undefined;
  return list.filter((k): k is string => typeof k === 'string').map((k) => {
    const parts = k.startsWith('$') ? k.replace(/^\$\.?/, '').split('.') : [k];
    if (parts.some((p) => p === '' || /[[\]'"]/.test(p))) throw new Error(`not supported: bag_remove_keys path ${k}`);
    return parts;
  });
}

/**
 * bag_remove_keys with JSONPath keys: each key becomes a JSON merge patch that nulls (deletes) it,
 * applied only when its parent is a bag.
 */
function removeKeyPaths(a: FnArg, keys: FnArg, cx: FnContext): string | undefined {
  const paths = constantKeyPaths(keys);
  if (!paths) return undefined;
  // Nested single-row SELECTs keep the SQL linear in the number of keys.
  let e = `(SELECT ${as(a, 'dynamic', cx)} AS x0)`;
  let i = 0;
  for (const parts of paths) {
    let patch = 'NULL::JSON';
    for (const p of [...parts].reverse()) patch = `json_object(${sqlStr(p)}, ${patch})`;
    const x = `x${i}`;
    const parent = parts.length > 1 ? `json_extract(${x}, ${sqlStr(`$.${parts.slice(0, -1).map((p) => `"${p}"`).join('.')}`)})` : x;
    e = `(SELECT CASE WHEN json_type(${parent}) = 'OBJECT' THEN json_merge_patch(${x}, ${patch}) ELSE ${x} END AS x${i + 1} FROM ${e} AS s${i})`;
    i++;
  }
  return `(SELECT x${i} FROM ${e} AS r)`;
}

/** parse_url's pattern: a scheme is required, else every part is empty (groups: scheme, user, password, host, port, path, query, fragment). */
export const URL_RE = '^(?:([A-Za-z][A-Za-z0-9+.-]*)://)(?:([^:@/]*)(?::([^@/]*))?@)?([^:/?#]*)(?::([0-9]+))?([^?#]*)(?:\\?([^#]*))?(?:#(.*))?$';

/** parse_csv's pattern: one field (quoted, "" escaping a quote, or plain) and what ends it. */
export const CSV_FIELD_RE = '("(?:[^"]|"")*"|[^,\\n]*)(,|\\n|$)';

function packBag(args: readonly FnArg[], cx: FnContext): string {
  const pairs: string[] = [];
  for (let i = 0; i + 1 < args.length; i += 2) pairs.push(`${text(args[i]!, cx)}, ${as(args[i + 1]!, 'dynamic', cx)}`);
  return pairs.length ? `json_object(${pairs.join(', ')})` : `'{}'::JSON`;
}

function gettype(a: FnArg, cx: FnContext): string {
  if (a.type !== 'dynamic') return sqlStr(a.type === 'real' ? 'real' : a.type === 'timespan' ? 'timespan' : a.type);
  const t = cx.h('jsonType')(a.sql);
  return `coalesce(CASE ${t} WHEN 'VARCHAR' THEN 'string' WHEN 'BIGINT' THEN 'long' WHEN 'UBIGINT' THEN 'long' WHEN 'DOUBLE' THEN 'real' WHEN 'BOOLEAN' THEN 'bool' WHEN 'ARRAY' THEN 'array' WHEN 'OBJECT' THEN 'dictionary' WHEN 'NULL' THEN 'null' END, 'null')`;
}

/** extractjson(path, text[, typeof(T)]): the value at a JSONPath, as string unless a type is given. */
function extractJson(args: readonly FnArg[], cx: FnContext): string {
  const [path, s] = args;
  // A constant path Kusto writes with ['key'] steps (which DuckDB's JSONPath lacks) is respelled.
  const lit = literalString(path!);
  const steps = lit === undefined ? undefined : parseJsonPath(lit);
  const pathSql = steps ? sqlStr(duckdbJsonPath(steps)) : text(path!, cx);
  const raw = `json_extract(${cx.h('jsonParse')(text(s!, cx))}, ${pathSql})`;
  if (cx.resultType === 'string') return cx.h('jsonToText')(raw);
  if (cx.resultType === 'dynamic') return raw;
  return cx.h('tryCast')(`nullif(${cx.h('jsonToText')(raw)}, '')`, cx.resultType);
}

/**
 * array_sort_asc/desc(a1[, a2...][, nulls_last]): sorts a1 (numbers numerically, else as text);
 * further arrays are reordered the same way. With several arrays the value is the array of the
 * reordered arrays (`array_sort_asc(a, b)[1]` is b reordered), as in Kusto.
 */
function arraySort(args: readonly FnArg[], cx: FnContext, desc: boolean): string {
  let nullsLast = true;
  let arrays = [...args];
  const last = args[args.length - 1]!;
  if (last.type === 'bool') { arrays = arrays.slice(0, -1); nullsLast = last.ir.k === 'lit' ? last.ir.value !== false : true; }
  const l = elems(arrays[0]!, cx);
  // z puts nulls at the requested end whatever the direction (DESC reverses it too).
  const nullZ = (nullsLast !== desc) ? 1 : 0;
  const key = (e: string) => `struct_pack(z := CASE WHEN ${e} IS NULL OR json_type(${e}) = 'NULL' THEN ${nullZ} ELSE ${1 - nullZ} END, n := TRY_CAST(CAST(${e} AS VARCHAR) AS DOUBLE), s := ${cx.h('jsonToText')(e)})`;
  const order = `'${desc ? 'DESC' : 'ASC'}'`;
  const sorted = `list_sort(list_transform(range(1, len(${l}) + 1), i -> struct_pack(k := ${key(`${l}[i]`)}, i := i)), ${order})`;
  if (arrays.length === 1) return `to_json(list_transform(${sorted}, x -> ${l}[x.i]))`;
  // Several arrays: an array of the reordered arrays (print expands it into one column each).
  return `to_json([${arrays.map((a) => `to_json(list_transform(${sorted}, x -> ${elems(a, cx)}[x.i]))`).join(', ')}])`;
}

/** a=1&b=2 → {"a":"1","b":"2"} without a subquery (so it can sit inside TRY and lambdas). */
export function queryParams(q: string): string {
  const pairs = `list_transform(list_filter(string_split(${q}, '&'), p -> p <> ''), p -> struct_pack(k := split_part(p, '=', 1), v := coalesce(TRY(url_decode(substr(p, strpos(p, '=') + 1))), '')))`;
  return `coalesce(CAST(to_json(map_from_entries(list_filter(${pairs}, (p, i) -> list_position(list_transform(${pairs}, x -> x.k), p.k) = i))) AS JSON), '{}'::JSON)`;
}

defineFunctions({
  /** Internal (pack_all(true)): drops null and empty-string properties. */
  'bag.compact': scalar(([b], cx) => `coalesce((SELECT json_group_object(__bc_k, __bc_v) FROM (SELECT unnest(json_keys(${b!.sql})) AS __bc_k) AS __bc_ks, LATERAL (SELECT json_extract(${b!.sql}, '$."' || replace(replace(__bc_k, '\\\\', '\\\\\\\\'), '"', '\\\\"') || '"') AS __bc_v) AS __bc_vs WHERE __bc_v IS NOT NULL AND json_type(__bc_v) <> 'NULL' AND CAST(__bc_v AS VARCHAR) <> '""'), '{}'::JSON)`),
});
