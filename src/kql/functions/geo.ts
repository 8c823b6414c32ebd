/**
 * Geospatial functions. Kusto computes on a sphere of radius 6,371,010 m (S2's Earth radius), so
 * distances are great-circle (haversine) distances on that sphere. Geohash and H3 functions run in
 * the pure UDF `harrier_geo` (src/engine/udfs-geo.ts; H3 via npm h3-js). Invalid coordinates
 * (longitude outside [-180, 180], latitude outside [-90, 90]) give null, or '' for string results.
 * S2 cells, angles and azimuths are in geo-s2.ts; geodesic line/polygon geometry (centroids, distances,
 * intersections, densify, lookups) in geo-shapes.ts. Anything else is refused (see refusals.ts).
 */
import { quoteString } from '../../sql/quote.js';
import { defineFunctions, scalar, type FnArg, type FnContext } from './catalog.js';
import { as } from './common.js';

const EARTH_RADIUS_M = '6371010.0';

export const real = (a: FnArg, cx: FnContext) => `CAST(${as(a, 'real', cx)} AS DOUBLE)`;
const validPoint = (lon: string, lat: string) => `(${lon} BETWEEN -180 AND 180 AND ${lat} BETWEEN -90 AND 90)`;

function distance(lon1: string, lat1: string, lon2: string, lat2: string): string {
  const h = `power(sin(radians(${lat2} - ${lat1}) / 2), 2) + cos(radians(${lat1})) * cos(radians(${lat2})) * power(sin(radians(${lon2} - ${lon1}) / 2), 2)`;
  return `(2 * ${EARTH_RADIUS_M} * asin(sqrt(least(1.0, ${h}))))`;
}

/** harrier_geo(op, JSON array of the given SQL values) as JSON. */
export const geo = (op: string, values: readonly string[]) =>
  `CAST(harrier_geo(${quoteString(op)}, CAST(to_json([${values.map((v) => `to_json(${v})`).join(', ')}]) AS VARCHAR)) AS JSON)`;
export const geoText = (op: string, values: readonly string[]) => `coalesce(json_extract_string(${geo(op, values)}, '$'), '')`;
export const typedReal = (json: string) => `TRY_CAST(CAST(${json} AS VARCHAR) AS DOUBLE)`;
export const long = (a: FnArg | undefined, cx: FnContext, dflt: number) => (a ? `CAST(${as(a, 'long', cx)} AS BIGINT)` : `${dflt}::BIGINT`);

defineFunctions({
  geo_distance_2points: scalar(([a, b, c, d], cx) => {
    const [lon1, lat1, lon2, lat2] = [real(a!, cx), real(b!, cx), real(c!, cx), real(d!, cx)];
    return `CASE WHEN ${validPoint(lon1, lat1)} AND ${validPoint(lon2, lat2)} THEN ${distance(lon1, lat1, lon2, lat2)} END`;
  }),
  geo_point_in_circle: scalar(([a, b, c, d, r], cx) => {
    const [lon, lat, clon, clat, radius] = [real(a!, cx), real(b!, cx), real(c!, cx), real(d!, cx), real(r!, cx)];
    return `CASE WHEN ${validPoint(lon, lat)} AND ${validPoint(clon, clat)} AND ${radius} > 0 THEN ${distance(lon, lat, clon, clat)} <= ${radius} END`;
  }),
  geo_point_to_geohash: scalar(([lon, lat, acc], cx) => geoText('point_to_geohash', [real(lon!, cx), real(lat!, cx), long(acc, cx, 5)])),
  geo_geohash_to_central_point: scalar(([h], cx) => geo('geohash_to_central_point', [as(h!, 'string', cx)])),
  geo_geohash_to_polygon: scalar(([h], cx) => geo('geohash_to_polygon', [as(h!, 'string', cx)])),
  geo_point_to_h3cell: scalar(([lon, lat, res], cx) => geoText('point_to_h3cell', [real(lon!, cx), real(lat!, cx), long(res, cx, 6)])),
  geo_h3cell_level: scalar(([c], cx) => `TRY_CAST(CAST(${geo('h3cell_level', [as(c!, 'string', cx)])} AS VARCHAR) AS INTEGER)`),
  geo_h3cell_to_central_point: scalar(([c], cx) => geo('h3cell_to_central_point', [as(c!, 'string', cx)])),
  geo_h3cell_parent: scalar(([c, res], cx) => geoText('h3cell_parent', [as(c!, 'string', cx), res ? `CAST(${as(res, 'long', cx)} AS BIGINT)` : 'NULL::BIGINT'])),
  geo_h3cell_children: scalar(([c, res], cx) => geo('h3cell_children', [as(c!, 'string', cx), res ? `CAST(${as(res, 'long', cx)} AS BIGINT)` : 'NULL::BIGINT'])),
  geo_h3cell_neighbors: scalar(([c], cx) => geo('h3cell_neighbors', [as(c!, 'string', cx)])),
  geo_h3cell_rings: scalar(([c, d], cx) => geo('h3cell_rings', [as(c!, 'string', cx), `CAST(${as(d!, 'long', cx)} AS BIGINT)`])),
  geo_h3cell_to_polygon: scalar(([c], cx) => geo('h3cell_to_polygon', [as(c!, 'string', cx)])),
  geo_line_length: scalar(([l], cx) => typedReal(geo('line_length', [as(l!, 'dynamic', cx)]))),
  geo_polygon_area: scalar(([p], cx) => typedReal(geo('polygon_area', [as(p!, 'dynamic', cx)]))),
  geo_polygon_perimeter: scalar(([p], cx) => typedReal(geo('polygon_perimeter', [as(p!, 'dynamic', cx)]))),
  geo_point_in_polygon: scalar(([lon, lat, p], cx) => `TRY_CAST(CAST(${geo('point_in_polygon', [real(lon!, cx), real(lat!, cx), as(p!, 'dynamic', cx)])} AS VARCHAR) AS BOOLEAN)`),
});
