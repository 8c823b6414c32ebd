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
  // set membership: constant lists, tabular sets (IN subqueries) and per-row dynamic arrays
  'op:In', 'op:NotIn', 'op:InCs', 'op:NotInCs', 'op:HasAny', 'op:HasAll',
  // strings
  'tolower', 'toupper', 'strlen', 'strcat', 'isempty', 'isnotempty', 'tostring', 'extract',
  'trim', 'trim_start', 'trim_end',
  // conditionals and nulls
  'iff', 'iif', 'case', 'isnull', 'isnotnull', 'notnull', 'notempty',
  // datetime
  'ago', 'now', 'bin', 'bin_at',
  // dynamic member access (a.b, a['b'], a[0]) and parsing
  'dyn.get', 'parse_json', 'parsejson', 'todynamic', 'array_length', 'gettype',
  // math
  'abs', 'sign', 'ceiling', 'sqrt', 'exp', 'exp2', 'exp10', 'pow', 'log', 'log10', 'log2', 'loggamma',
  'sin', 'cos', 'atan2', 'degrees', 'radians', 'pi',
  'convert_length', 'convert_mass', 'convert_speed', 'convert_volume', 'convert_energy', 'convert_force', 'convert_angle', 'convert_temperature',
  // strings, nulls, conversions
  'strcat_delim', 'strcmp', 'coalesce', 'column_ifexists', 'kv.value', 'regex_quote',
  'format_datetime', 'format_timespan', 'ingestion_time',
  'unixtime_seconds_todatetime', 'unixtime_milliseconds_todatetime', 'unixtime_microseconds_todatetime', 'unixtime_nanoseconds_todatetime',
  // network
  'parse_ipv4', 'ipv4_is_in_range', 'ipv4_is_in_any_range', 'ipv4_is_match', 'ipv4_compare', 'format_ipv4', 'format_ipv4_mask',
  'ipv4_is_private',
  // aggregates
  'count', 'countif', 'dcount', 'dcountif', 'sum', 'sumif', 'avg', 'take_any', 'any', 'count_distinct',
]);
