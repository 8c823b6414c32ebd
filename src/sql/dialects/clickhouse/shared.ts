/**
 * Catalog entries (src/kql/functions) whose shared definition compiles to SQL that means the same
 * on ClickHouse as on DuckDB. Every name here must be exercised by a golden query in
 * test/engine/clickhouse-golden.test.ts, which runs it on both engines and compares the results
 * (the test fails for a name no golden query uses). Grow this list only with such a test.
 */
import { SERIES_UDF_NAMES } from '../../../kql/functions/series.js';

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
  'op:HasPrefixCs', 'op:HasSuffixCs', 'op:NotHasPrefix', 'op:NotHasPrefixCs', 'op:NotHasSuffix', 'op:NotHasSuffixCs',
  'op:MatchRegex',
  // set membership: constant lists, tabular sets (IN subqueries) and per-row dynamic arrays
  'op:In', 'op:NotIn', 'op:InCs', 'op:NotInCs', 'op:HasAny', 'op:HasAll',
  // strings
  'tolower', 'toupper', 'strlen', 'strcat', 'isempty', 'isnotempty', 'tostring', 'extract',
  'trim', 'trim_start', 'trim_end',
  // conditionals and nulls
  'iff', 'iif', 'case', 'isnull', 'isnotnull', 'notnull', 'notempty',
  // internal: partitioned mv-apply's aggregates skip placeholder rows (compile-apply-partitioned.ts)
  '__null_when',
  // datetime
  'ago', 'now', 'bin', 'bin_at',
  // dynamic member access (a.b, a['b'], a[0]) and parsing
  'dyn.get', 'parse_json', 'parsejson', 'todynamic', 'toobject', 'array_length', 'gettype',
  // math
  'abs', 'sign', 'ceiling', 'sqrt', 'exp', 'exp2', 'exp10', 'pow', 'log', 'log10', 'log2', 'loggamma',
  'sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'atan2', 'degrees', 'radians', 'pi', 'floor', 'op:UnaryPlus',
  'convert_length', 'convert_mass', 'convert_speed', 'convert_volume', 'convert_energy', 'convert_force', 'convert_angle', 'convert_temperature',
  // strings, nulls, conversions
  'strcat_delim', 'strcmp', 'coalesce', 'column_ifexists', 'kv.value', 'regex_quote',
  'format_datetime', 'format_timespan', 'ingestion_time',
  'unixtime_seconds_todatetime', 'unixtime_milliseconds_todatetime', 'unixtime_microseconds_todatetime', 'unixtime_nanoseconds_todatetime',
  // network
  'parse_ipv4', 'ipv4_is_in_range', 'ipv4_is_in_any_range', 'ipv4_is_match', 'ipv4_compare', 'format_ipv4', 'format_ipv4_mask',
  'ipv4_is_private',
  // aggregates
  'count', 'countif', 'dcount', 'dcountif', 'sum', 'sumif', 'avg', 'take_any', 'any', 'count_distinct', 'count_distinctif',
  // Harrier's UDFs (src/engine/udfs.ts), run by ClickHouse as executable UDFs: the same JavaScript
  // computes them on both engines; the catalog reaches them through the udfJson/udfJsonAs hooks.
  'gzip_compress_to_base64_string', 'gzip_decompress_from_base64_string', 'zlib_compress_to_base64_string', 'zlib_decompress_from_base64_string',
  'punycode_from_string', 'punycode_to_string', 'punycode_domain_to_string', 'punycode_domain_from_string',
  'ipv4_range_to_cidr_list', 'beta_cdf', 'beta_pdf', 'beta_inv', 'dynamic_to_json',
  ...SERIES_UDF_NAMES, 'series_fill_forward', 'series_fill_backward', 'series_seasonal',
  // sketches (exact state in a dynamic value) and weighted percentiles
  'tdigest', 'tdigest_merge', 'merge_tdigest', 'percentile_tdigest', 'percentiles_array_tdigest', 'rank_tdigest',
  'hll', 'hll_if', 'hll_merge', 'dcount_hll', 'percentilew', 'percentilesw_array', 'buildschema',
  // geo: great-circle distances in SQL; geohash, H3, S2 and geodesic shapes in the UDFs
  'geo_distance_2points', 'geo_point_in_circle', 'geo_point_to_geohash', 'geo_geohash_to_central_point', 'geo_geohash_to_polygon',
  'geo_geohash_neighbors', 'geo_point_to_h3cell', 'geo_h3cell_level', 'geo_h3cell_to_central_point', 'geo_h3cell_parent',
  'geo_h3cell_children', 'geo_h3cell_neighbors', 'geo_h3cell_rings', 'geo_h3cell_to_polygon', 'geo_polygon_to_h3cells',
  'geo_point_to_s2cell', 'geo_s2cell_to_central_point', 'geo_s2cell_neighbors', 'geo_s2cell_to_polygon', 'geo_polygon_to_s2cells',
  'geo_line_to_s2cells', 'geo_angle', 'geo_azimuth', 'geo_from_wkt',
  'geo_line_length', 'geo_polygon_area', 'geo_polygon_perimeter', 'geo_point_in_polygon', 'geo_line_centroid', 'geo_polygon_centroid',
  'geo_distance_point_to_line', 'geo_closest_point_on_line', 'geo_distance_point_to_polygon', 'geo_closest_point_on_polygon',
  'geo_line_interpolate_point', 'geo_line_locate_point', 'geo_intersects_2lines', 'geo_intersects_line_with_polygon',
  'geo_intersects_2polygons', 'geo_line_densify', 'geo_polygon_densify', 'geo_intersection_2lines',
  'geo_intersection_line_with_polygon', 'geo_intersection_2polygons', 'geo_line_simplify', 'geo_polygon_simplify',
  'geo_simplify_polygons_array', 'geo_union_lines_array', 'geo_point_buffer', 'geo_line_buffer', 'geo_polygon_buffer',
  'geo_union_polygons_array',
]);
