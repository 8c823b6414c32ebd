/**
 * Why a Kusto function, aggregate, plugin or operator is refused. Keys: function/aggregate names,
 * `plugin:<name>` and `op:<SyntaxKind>` (tabular operators). A name refused without an entry here
 * is reported as "not implemented yet". Used in `not supported: …` messages and in
 * docs/KQL-COVERAGE.md (scripts/coverage-table.ts).
 */
const GEO = 'geodesic line/polygon geometry on the sphere is not implemented yet';
const H3S2 = 'S2 cell functions need an exact S2 library (none is kept for JavaScript)';
const GRAPH = 'graph semantics are not implemented';

export const REFUSALS: Readonly<Record<string, string>> = {
  series_decompose: 'the decomposition (trend/seasonal/residual fitting) is not fully documented',
  series_decompose_anomalies: 'the decomposition and anomaly scoring are not fully documented',
  series_decompose_forecast: 'the decomposition is not fully documented',
  series_periods_detect: "the period scoring algorithm is undocumented",
  series_periods_validate: 'the period scoring algorithm is undocumented',
  series_outliers: "Kusto's modified Tukey test parameters are not fully documented",
  series_fit_2lines: 'split-point selection details are not documented',
  series_fit_2lines_dynamic: 'split-point selection details are not documented',
  series_fit_line: 'returns several columns (tuple expansion in extend/project is not supported)',
  series_stats: 'returns several columns (tuple expansion in extend/project is not supported); use series_stats_dynamic',
  series_fft: 'not implemented', series_ifft: 'not implemented', series_fir: 'not implemented',
  series_fit_poly: 'not implemented', series_fit_line_dynamic: 'not implemented',
  hash_combine: "Kusto's combining step is undocumented",
  hash_many: "Kusto's combining step is undocumented",
  percentrank_tdigest: 'not implemented yet',
  geo_info_from_ip_address: 'needs an IP geolocation database, which Harrier does not ship',
  'plugin:basket': 'results depend on undocumented heuristics',
  'plugin:autocluster': 'results depend on undocumented heuristics',
  'plugin:diffpatterns': 'results depend on undocumented heuristics',
  'plugin:dcount_intersect': 'not implemented yet (hll states are exact value sets)',
  'plugin:python': 'sandboxed external code', 'plugin:r': 'sandboxed external code',
  'plugin:sql_request': 'external data source', 'plugin:cosmosdb_sql_request': 'external data source',
  'plugin:http_request': 'network access', 'plugin:http_request_post': 'network access',
  'op:ReduceByOperator': "Kusto's pattern clustering algorithm is undocumented",
  'op:ForkOperator': 'several result tables (the engine contract returns one)',
  'op:FacetOperator': 'several result tables (the engine contract returns one)',
  'op:MakeGraphOperator': GRAPH, 'op:GraphMatchOperator': GRAPH, 'op:GraphShortestPathsOperator': GRAPH,
  'op:GraphToTableOperator': GRAPH, 'op:GraphMarkComponentsOperator': GRAPH,
  'op:GraphWhereNodesOperator': GRAPH, 'op:GraphWhereEdgesOperator': GRAPH,
};

/** Functions supported only for some inputs (the rest are refused with `not supported: …`): what is computed. */
const S2_OVERLAY = "other inputs are refused: S2's boolean/snapping/buffer output is not reproduced";
export const PARTIAL: Readonly<Record<string, string>> = {
  geo_intersection_2lines: `one crossing point, identical lines or no intersection; ${S2_OVERLAY}`,
  geo_intersection_2polygons: `disjoint polygons (empty result) and invalid input (null); ${S2_OVERLAY}`,
  geo_union_lines_array: `unions forming one simple chain; ${S2_OVERLAY}`,
  geo_union_polygons_array: `invalid input (null) only; ${S2_OVERLAY}`,
  geo_line_simplify: `the documented nulls (invalid input or tolerance, shape within the tolerance); ${S2_OVERLAY}`,
  geo_polygon_simplify: `the documented nulls (invalid input or tolerance, shape within the tolerance); ${S2_OVERLAY}`,
  geo_simplify_polygons_array: `the documented nulls (invalid input or tolerance, shapes within the tolerance); ${S2_OVERLAY}`,
  geo_point_buffer: `invalid input (null) only; ${S2_OVERLAY}`,
  geo_line_buffer: `invalid input (null) only; ${S2_OVERLAY}`,
  geo_polygon_buffer: `invalid input (null) only; ${S2_OVERLAY}`,
  geo_polygon_to_h3cells: `radius 0 only; a buffered polygon (radius > 0) is refused: S2's buffer output is not reproduced`,
};

/** The refusal reason for a name, or for a geo_* function the family reason. */
export function refusalReason(key: string): string | undefined {
  return REFUSALS[key] ?? (/^geo_/.test(key) ? (/s2/.test(key) ? H3S2 : /h3/.test(key) ? 'not implemented yet' : GEO) : undefined);
}
