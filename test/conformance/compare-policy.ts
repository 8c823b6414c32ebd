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
  readonly reasons: readonly string[];
}

const BY_POSITION = /doc column|compare by position/i;
const APPROXIMATE = /approximate|implementation-specific|graph node ids|GeoIP/i;
const ROW_CHOICE = /take\/limit\/take_any|row choice not guaranteed/i;
const NO_SORT = /no sort in query/i;
/** Functions whose array results have no defined element order in Kusto. */
const SET_FUNCTIONS = /\b(make_set|make_set_if|set_union|set_intersect|set_difference)\s*\(/i;

/**
 * Doc errors the corpus notes do not flag, each checked by hand against the query text.
 * `names`: the doc header is wrong, compare columns by position. `values`: a doc cell is wrong,
 * values are informative only.
 */
export const KNOWN_DOC_ERRORS: Readonly<Record<string, { readonly kind: 'names' | 'values' | 'both'; readonly why: string }>> = {
  'join-rightanti#1': { kind: 'names', why: 'rightanti returns the right side (Key, Value2); the doc header says Value1' },
  'parse-where-operator#2': { kind: 'names', why: 'the query names the column previouLockTime; the doc header says previousLockTime' },
  'tohex-function#1': { kind: 'names', why: 'doc header print_04 for the fifth print column (print_4)' },
  'zip-function#3': { kind: 'names', why: 'an unaliased `project` expression is named Column1; the doc header says print_0' },
  'mv-apply-operator#5': { kind: 'both', why: 'doc header Val1 for the column Val; a doc cell ["A2\',"A1"] has a stray quote' },
  'toguid-function#1': { kind: 'values', why: "the query's string is \"a string that is not a guid\"; the doc row says \"isn't\"" },
  'replace-regex-function#1': { kind: 'values', why: 'range x … step 1 is long; tostring(1) is "1", the doc shows an old "1.000000"' },
  'replace-string-function#2': { kind: 'values', why: 'range x … step 1 is long; tostring(1) is "1", the doc shows an old "1.000000"' },
};

export function policyFor(query: string, note: string | undefined, id?: string): ComparePolicy {
  const n = note ?? '';
  const reasons: string[] = [];
  const ordered = !NO_SORT.test(n) && queryImposesOrder(query);
  reasons.push(ordered ? 'ordered' : 'multiset');
  const docError = id === undefined ? undefined : KNOWN_DOC_ERRORS[id];
  const byPosition = BY_POSITION.test(n) || docError?.kind === 'names' || docError?.kind === 'both';
  if (byPosition) reasons.push('columns by position');
  const unorderedArrays = SET_FUNCTIONS.test(stripCommentsAndStrings(query));
  if (unorderedArrays) reasons.push('set arrays unordered');
  const approximate = APPROXIMATE.test(n);
  const rowChoice = ROW_CHOICE.test(n);
  if (approximate) reasons.push('approximate values');
  if (rowChoice) reasons.push('row choice unspecified');
  if (docError) reasons.push(`known doc error: ${docError.why}`);
  return { ordered, byPosition, unorderedArrays, informativeValues: approximate || rowChoice || docError?.kind === 'values' || docError?.kind === 'both', reasons };
}
