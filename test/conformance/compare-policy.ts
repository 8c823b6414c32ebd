/**
 * Derives how one documentation example is compared from its note, its id and its query text:
 * row order, column matching by name or by position, set-function arrays without order, and
 * whether values are informative only (approximate functions, engine-specific ids, unspecified
 * row choice, known doc errors). See README.md.
 */
import type { CellOptions } from './compare-values.js';
import { queryImposesOrder, stripCommentsAndStrings } from './sort-detect.js';

export interface ComparePolicy extends CellOptions {
  /** Compare rows in order (else as a multiset). */
  readonly ordered: boolean;
  /** Match columns by position and ignore their names. */
  readonly byPosition: boolean;
  /**
   * Values are informative only: the example passes when the result shape (column count/names
   * and row count) matches, and value differences are recorded but not counted as failures.
   */
  readonly informativeValues: boolean;
  /** Dynamic arrays are compared regardless of element order. */
  readonly unorderedArrays: boolean;
  /** Match columns by name regardless of their order (known doc error `column-order`). */
  readonly columnsAnyOrder?: boolean;
  /** The doc shows only some of the result rows: each must be found, more rows are allowed (`rows-elided`). */
  readonly docRowsSubset?: boolean;
  /** The documented query itself does not bind (`rejected`): a binder refusal is the expected answer. */
  readonly docQueryRejected?: boolean;
  readonly reasons: readonly string[];
}

const BY_POSITION = /doc column|compare by position/i;
const APPROXIMATE = /approximate|implementation-specific|graph node ids|GeoIP/i;
const ROW_CHOICE = /take\/limit\/take_any|row choice not guaranteed/i;
const NO_SORT = /no sort in query/i;
/**
 * Functions whose array results have no defined element order in Kusto: the set functions, the
 * cell-neighbour functions, whose pages say only "an array of … neighbors", and
 * geo_polygon_to_h3cells, whose page says only "array of H3 cell token strings".
 */
const SET_FUNCTIONS = /\b(make_set|make_set_if|set_union|set_intersect|set_difference|geo_s2cell_neighbors|geo_geohash_neighbors|geo_h3cell_neighbors|geo_polygon_to_h3cells)\s*\(/i;

/**
 * Doc errors the corpus notes do not flag, each checked by hand against the query text.
 * `names`: the doc header is wrong, compare columns by position. `values`: a doc cell is wrong,
 * values are informative only. `column-order`: the doc's column order contradicts the query,
 * columns are matched by name. `rows-elided`: the doc shows only part of the result, each shown
 * row must be found. `rejected`: the documented query does not bind in Microsoft's own parser/binder
 * (Kusto.Language), so no output can be produced; the example counts as a documented doc error
 * (status `doc-error`) only when the engine refuses it with a binder diagnostic (`KQL-…`).
 */
export type DocErrorKind = 'names' | 'values' | 'both' | 'column-order' | 'rows-elided' | 'rejected';
export const KNOWN_DOC_ERRORS: Readonly<Record<string, { readonly kind: DocErrorKind; readonly why: string; readonly rowsUnordered?: boolean }>> = {
  'join-rightanti#1': { kind: 'names', why: 'rightanti returns the right side (Key, Value2); the doc header says Value1' },
  'parse-where-operator#2': { kind: 'names', why: 'the query names the column previouLockTime; the doc header says previousLockTime' },
  'tohex-function#1': { kind: 'names', why: 'doc header print_04 for the fifth print column (print_4)' },
  'zip-function#3': { kind: 'names', why: 'an unaliased `project` expression is named Column1; the doc header says print_0' },
  'mv-apply-operator#5': { kind: 'both', why: 'doc header Val1 for the column Val; a doc cell ["A2\',"A1"] has a stray quote' },
  'toguid-function#1': { kind: 'values', why: "the query's string is \"a string that is not a guid\"; the doc row says \"isn't\"" },
  'replace-regex-function#1': { kind: 'values', why: 'range x … step 1 is long; tostring(1) is "1", the doc shows an old "1.000000"' },
  'replace-string-function#2': { kind: 'values', why: 'range x … step 1 is long; tostring(1) is "1", the doc shows an old "1.000000"' },
  'join-innerunique#3': { kind: 'values', why: 'the page itself says innerunique keeps an arbitrary left row per key and that either val1.1 or val1.2 is a correct output' },
  'scan-operator#5': { kind: 'column-order', rowsUnordered: true, why: 'the query ends with `project start, end, userID, sessionDuration`; the doc header lists userID first. The sorts are inside `partition`, whose output order is not defined (the doc shows userID 1, 3, 2)' },
  'range-operator#2': { kind: 'rows-elided', why: 'union of two 5-day ranges gives 10 rows (2024-01-01 … 2024-01-10); the doc table shows only the last 7' },
  'trim-end-function#2': { kind: 'rejected', why: 'the query uses a column x that is never defined (the doc output suggests a missing `range x from 1 to 5 step 1`)' },
  'make-timespan-function#1': { kind: 'rejected', why: 'make_timespan takes int arguments only; Kusto.Language rejects the real 55.123 ("The expression value must be an integer")' },
  'summarize-operator#6': { kind: 'rejected', why: 'count() takes no argument in Kusto.Language (count(x) is rejected: "A value of type bool expected")' },
  'summarize-operator#9': { kind: 'rejected', why: 'count() takes no argument in Kusto.Language (count(y) is rejected: "A value of type bool expected")' },
  'series-acos-function#1': { kind: 'values', why: 'the query prints arr = dynamic([-1,0,1]); the doc row shows arr as [-6.5,0,8.2] (copied from the series_abs page)' },
  'series-atan-function#1': { kind: 'values', why: 'the query prints arr = dynamic([-1,0,1]); the doc row shows arr as [-6.5,0,8.2] (copied from the series_abs page)' },
  'series-cos-function#1': { kind: 'values', why: 'the query prints arr = dynamic([-1,0,1]); the doc row shows arr as [-6.5,0,8.2] (copied from the series_abs page)' },
  'series-sin-function#1': { kind: 'values', why: 'the query prints arr = dynamic([-1, 0, 1]); the doc row shows arr as [-6.5,0,8.2] (copied from the series_abs page)' },
  'series-tan-function#1': { kind: 'values', why: 'the query prints arr = dynamic([-1, 0, 1]); the doc row shows arr as [-6.5,0,8.2] (copied from the series_abs page)' },
  'series-asin-function#1': { kind: 'values', why: 'series_asin returns an array of reals; the doc row shows the two non-zero elements as quoted strings ("-1.5707963267948966")' },
  'series-sum-function#1': { kind: 'names', why: 'the query names the array column arr; the doc header says s1' },
  'series-product-function#1': { kind: 'names', why: 'the query names the array column arr; the doc header says s1' },
  'series-iir-function#1': { kind: 'rows-elided', why: 'range(1.0, 10, 1) has 10 elements, so mv-expand gives 10 rows; the doc table shows only the first 4' },
  'geo-geohash-to-central-point-function#3': { kind: 'values', why: 'the url cell is rendered as a markdown link "[url](url)"; the value is the plain URL' },
  'gzip-base64-decompress#1': { kind: 'values', why: 'the result is a string; the doc cell wraps it in double quotes ("1234567890qwertyuiop" with the quotes)' },
  'zlib-base64-compress-function#1': { kind: 'values', why: 'the result is a string; the doc cell wraps it in double quotes' },
  'url-encode-function#1': { kind: 'values', why: "the query's url is 'https://www.bing.com/hello world' (no trailing slash); the doc's original cell adds a '/'" },
  'url-encode-component-function#1': { kind: 'values', why: "the query's url ends with '/', but the doc's encoded cell ends with 'world' (no %2f), so it is not the encoding of the original" },
  'variancepif-aggregation-function#1': { kind: 'values', why: 'the population variance of the even numbers 2..100 is 833 ((50²−1)/12 × 4); the doc shows 850, the sample variance (the varianceif page shows the same 850)' },
  'parse-url-function#1': { kind: 'values', why: 'the doc cell is not JSON: the "Query Parameters" bag is written as a quoted string containing unescaped quotes' },
  'parse-url-query-function#1': { kind: 'values', why: 'the doc cell is not JSON: the "Query Parameters" bag is written as a quoted string containing unescaped quotes' },
  'array-iff-function#3': { kind: 'values', why: 'the query\'s condition array is ["some string value", datetime(2022-01-01), null]; the doc row shows it as [true, false, true]' },
  'geo-polygon-to-s2cells-function#1': { kind: 'values', why: 'the query\'s Polygons table names the first polygon "New York"; the doc row shows "New York city"' },
  'base64-decode-toguid-function#1': { kind: 'values', why: 'the bytes 26 96 e9 10 2b bc 75 4c … give 10e99626-bc2b-4c75-… in the little-endian guid layout that base64-encode-fromguid#1 (8jMxriJurkmw… for ae3133f2-6e22-49ae-…) confirms; the doc swaps the first two groups but not the third (754c)' },
};

export function policyFor(query: string, note: string | undefined, id?: string): ComparePolicy {
  const n = note ?? '';
  const reasons: string[] = [];
  const docError = id === undefined ? undefined : KNOWN_DOC_ERRORS[id];
  const ordered = !NO_SORT.test(n) && docError?.rowsUnordered !== true && queryImposesOrder(query);
  reasons.push(ordered ? 'ordered' : 'multiset');
  const byPosition = BY_POSITION.test(n) || docError?.kind === 'names' || docError?.kind === 'both';
  const columnsAnyOrder = docError?.kind === 'column-order';
  const docRowsSubset = docError?.kind === 'rows-elided';
  const docQueryRejected = docError?.kind === 'rejected';
  if (byPosition) reasons.push('columns by position');
  const unorderedArrays = SET_FUNCTIONS.test(stripCommentsAndStrings(query));
  if (unorderedArrays) reasons.push('set arrays unordered');
  const approximate = APPROXIMATE.test(n);
  const rowChoice = ROW_CHOICE.test(n);
  if (approximate) reasons.push('approximate values');
  if (rowChoice) reasons.push('row choice unspecified');
  if (docError) reasons.push(`known doc error: ${docError.why}`);
  return {
    ordered, byPosition, unorderedArrays, informativeValues: approximate || rowChoice || docError?.kind === 'values' || docError?.kind === 'both', reasons,
    ...(columnsAnyOrder ? { columnsAnyOrder } : {}), ...(docRowsSubset ? { docRowsSubset } : {}), ...(docQueryRejected ? { docQueryRejected } : {}),
  };
}
