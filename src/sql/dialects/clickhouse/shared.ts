/**
 * Catalog entries (src/kql/functions) whose shared definition compiles to SQL that means the same
 * on ClickHouse as on DuckDB. Every name here must be exercised by a golden query in
 * test/engine/clickhouse-golden.test.ts, which runs it on both engines and compares the results
 * (the test fails for a name no golden query uses). Grow this list only with such a test.
 */
export const CLICKHOUSE_SHARED_FUNCTIONS: ReadonlySet<string> = new Set([
  // comparison and logic
  'op:Equal', 'op:NotEqual', 'op:LessThan', 'op:LessThanOrEqual', 'op:GreaterThan', 'op:GreaterThanOrEqual',
  'op:And', 'op:Or', 'not', 'op:Between', 'op:NotBetween',
  // arithmetic (integer division truncates, modulo never negative, datetime ± timespan)
  'op:Add', 'op:Subtract', 'op:Multiply', 'op:Divide', 'op:Modulo', 'op:UnaryMinus',
  // string predicates (case-insensitive unless _cs; has is a whole-term match)
  'op:EqualTilde', 'op:BangTilde',
  'op:Contains', 'op:ContainsCs', 'op:NotContains', 'op:NotContainsCs',
  'op:StartsWith', 'op:StartsWithCs', 'op:NotStartsWith', 'op:NotStartsWithCs',
  'op:EndsWith', 'op:EndsWithCs', 'op:NotEndsWith', 'op:NotEndsWithCs',
  'op:Has', 'op:HasCs', 'op:NotHas', 'op:NotHasCs', 'op:HasPrefix', 'op:HasSuffix',
  'op:MatchRegex',
  // strings
  'tolower', 'toupper', 'strlen', 'strcat', 'isempty', 'isnotempty', 'tostring', 'extract',
  'trim', 'trim_start', 'trim_end',
  // conditionals and nulls
  'iff', 'iif', 'case', 'isnull', 'isnotnull',
  // datetime
  'ago', 'now', 'bin', 'bin_at',
  // dynamic member access (a.b, a['b'], a[0]) and parsing
  'dyn.get', 'parse_json', 'parsejson', 'todynamic', 'array_length', 'gettype',
  // math
  'abs',
  // network
  'ipv4_is_private',
  // aggregates
  'count', 'countif', 'dcount', 'dcountif', 'sum', 'sumif', 'avg', 'take_any', 'any', 'count_distinct',
]);
