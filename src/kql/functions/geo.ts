/**
 * Geospatial functions. Kusto computes on a sphere of radius 6,371,010 m (S2's Earth radius), so
 * distances are great-circle (haversine) distances on that sphere. Geohash and H3 functions run in
 * the pure UDF `harrier_geo` (src/engine/udfs-geo.ts; H3 via npm h3-js). Invalid coordinates
 * (longitude outside [-180, 180], latitude outside [-90, 90]) give null, or '' for string results.
 * S2 cells, angles and azimuths are in geo-s2.ts; geodesic line/polygon geometry (centroids, distances,
 * intersections, densify, lookups) in geo-shapes.ts. Anything else is refused (see refusals.ts).
 */
import type { UdfValue } from '../../sql/dialect.js';
import { defineFunctions, scalar, type FnArg, type FnContext } from './catalog.js';
import { as } from './common.js';

const EARTH_RADIUS_M = '6371010.0';

/** A real/long/bool argument in the dialect's nullable SQL type (DuckDB: DOUBLE, BIGINT, BOOLEAN). */
export const real = (a: FnArg, cx: FnContext) => `CAST(${as(a, 'real', cx)} AS ${cx.h('sqlType')('real')})`;
const validPoint = (lon: string, lat: string) => `(${lon} BETWEEN -180 AND 180 AND ${lat} BETWEEN -90 AND 90)`;

function distance(lon1: string, lat1: string, lon2: string, lat2: string): string {
  const h = `power(sin(radians(${lat2} - ${lat1}) / 2), 2) + cos(radians(${lat1})) * cos(radians(${lat2})) * power(sin(radians(${lon2} - ${lon1}) / 2), 2)`;
  return `(2 * ${EARTH_RADIUS_M} * asin(sqrt(least(1.0, ${h}))))`;
}

/** Typed UDF arguments (the dialect's udfJson hook serialises each by its type). */
export const R = (sql: string): UdfValue => ({ sql, t: 'real' });
export const L = (sql: string): UdfValue => ({ sql, t: 'long' });
export const S = (sql: string): UdfValue => ({ sql, t: 'string' });
export const B = (sql: string): UdfValue => ({ sql, t: 'bool' });
export const D = (sql: string): UdfValue => ({ sql, t: 'dynamic' });

/** harrier_geo(op, JSON array of the values) as dynamic. */
export const geo = (op: string, values: readonly UdfValue[], cx: FnContext) => cx.h('udfJson')('harrier_geo', op, values);
export const geoText = (op: string, values: readonly UdfValue[], cx: FnContext) => cx.h('udfJsonAs')(geo(op, values, cx), 'string');
export const typedReal = (json: string, cx: FnContext) => cx.h('udfJsonAs')(json, 'real');
/** A long argument; absent → `dflt`, or null when `dflt` is null. */
export const long = (a: FnArg | undefined, cx: FnContext, dflt: number | null): UdfValue =>
  L(`CAST(${a ? as(a, 'long', cx) : String(dflt ?? 'NULL')} AS ${cx.h('sqlType')('long')})`);

defineFunctions({
  geo_distance_2points: scalar(([a, b, c, d], cx) => {
    const [lon1, lat1, lon2, lat2] = [real(a!, cx), real(b!, cx), real(c!, cx), real(d!, cx)];
    return `CASE WHEN ${validPoint(lon1, lat1)} AND ${validPoint(lon2, lat2)} THEN ${distance(lon1, lat1, lon2, lat2)} END`;
  }),
  geo_point_in_circle: scalar(([a, b, c, d, r], cx) => {
    const [lon, lat, clon, clat, radius] = [real(a!, cx), real(b!, cx), real(c!, cx), real(d!, cx), real(r!, cx)];
    return `CASE WHEN ${validPoint(lon, lat)} AND ${validPoint(clon, clat)} AND ${radius} > 0 THEN ${distance(lon, lat, clon, clat)} <= ${radius} END`;
  }),
  geo_point_to_geohash: scalar(([lon, lat, acc], cx) => geoText('point_to_geohash', [R(real(lon!, cx)), R(real(lat!, cx)), long(acc, cx, 5)], cx)),
  geo_geohash_to_central_point: scalar(([h], cx) => geo('geohash_to_central_point', [S(as(h!, 'string', cx))], cx)),
  geo_geohash_to_polygon: scalar(([h], cx) => geo('geohash_to_polygon', [S(as(h!, 'string', cx))], cx)),
  geo_point_to_h3cell: scalar(([lon, lat, res], cx) => geoText('point_to_h3cell', [R(real(lon!, cx)), R(real(lat!, cx)), long(res, cx, 6)], cx)),
  geo_h3cell_level: scalar(([c], cx) => cx.h('udfJsonAs')(geo('h3cell_level', [S(as(c!, 'string', cx))], cx), 'int')),
  geo_h3cell_to_central_point: scalar(([c], cx) => geo('h3cell_to_central_point', [S(as(c!, 'string', cx))], cx)),
  geo_h3cell_parent: scalar(([c, res], cx) => geoText('h3cell_parent', [S(as(c!, 'string', cx)), long(res, cx, null)], cx)),
  geo_h3cell_children: scalar(([c, res], cx) => geo('h3cell_children', [S(as(c!, 'string', cx)), long(res, cx, null)], cx)),
  geo_h3cell_neighbors: scalar(([c], cx) => geo('h3cell_neighbors', [S(as(c!, 'string', cx))], cx)),
  geo_h3cell_rings: scalar(([c, d], cx) => geo('h3cell_rings', [S(as(c!, 'string', cx)), long(d!, cx, null)], cx)),
  geo_h3cell_to_polygon: scalar(([c], cx) => geo('h3cell_to_polygon', [S(as(c!, 'string', cx))], cx)),
  geo_line_length: scalar(([l], cx) => typedReal(geo('line_length', [D(as(l!, 'dynamic', cx))], cx), cx)),
  geo_polygon_area: scalar(([p], cx) => typedReal(geo('polygon_area', [D(as(p!, 'dynamic', cx))], cx), cx)),
  geo_polygon_perimeter: scalar(([p], cx) => typedReal(geo('polygon_perimeter', [D(as(p!, 'dynamic', cx))], cx), cx)),
  geo_point_in_polygon: scalar(([lon, lat, p], cx) => cx.h('udfJsonAs')(geo('point_in_polygon', [R(real(lon!, cx)), R(real(lat!, cx)), D(as(p!, 'dynamic', cx))], cx), 'bool')),
});
