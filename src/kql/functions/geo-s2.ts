/**
 * S2 cell functions (token of a point, a cell's centre, polygon and neighbours, fixed-level
 * coverings of polygons and lines), geo_angle, geo_azimuth, geo_geohash_neighbors and geo_from_wkt
 * (src/engine/udfs-wkt.ts). They run in
 * the `harrier_geo` UDF (src/engine/udfs-s2.ts, Google's S2 library through npm s2js). Neighbour
 * arrays have no documented element order.
 */
import { defineFunctions, scalar, type FnArg, type FnContext } from './catalog.js';
import { as } from './common.js';
import { D, R, S, geo, geoText, long, real, typedReal } from './geo.js';

const str = (a: FnArg, cx: FnContext) => S(as(a, 'string', cx));
const dyn = (a: FnArg, cx: FnContext) => D(as(a, 'dynamic', cx));
/** An optional radius: absent → 0; a given null stays null (Kusto: null result). */
const radius = (a: FnArg | undefined, cx: FnContext) => R(a ? real(a, cx) : `CAST(0 AS ${cx.h('sqlType')('real')})`);

defineFunctions({
  geo_point_to_s2cell: scalar(([lon, lat, lvl], cx) => geoText('point_to_s2cell', [R(real(lon!, cx)), R(real(lat!, cx)), long(lvl, cx, 11)], cx)),
  geo_s2cell_to_central_point: scalar(([c], cx) => geo('s2cell_to_central_point', [str(c!, cx)], cx)),
  geo_s2cell_neighbors: scalar(([c], cx) => geo('s2cell_neighbors', [str(c!, cx)], cx)),
  geo_s2cell_to_polygon: scalar(([c], cx) => geo('s2cell_to_polygon', [str(c!, cx)], cx)),
  geo_polygon_to_s2cells: scalar(([p, lvl, r], cx) => geo('polygon_to_s2cells', [dyn(p!, cx), long(lvl, cx, 11), radius(r, cx)], cx)),
  geo_line_to_s2cells: scalar(([l, lvl, r], cx) => geo('line_to_s2cells', [dyn(l!, cx), long(lvl, cx, 11), radius(r, cx)], cx)),
  geo_angle: scalar((args, cx) => typedReal(geo('angle', args.map((a) => R(real(a, cx))), cx), cx)),
  geo_azimuth: scalar((args, cx) => typedReal(geo('azimuth', args.map((a) => R(real(a, cx))), cx), cx)),
  geo_from_wkt: scalar(([w], cx) => geo('from_wkt', [str(w!, cx)], cx)),
  geo_geohash_neighbors: scalar(([h], cx) => geo('geohash_neighbors', [str(h!, cx)], cx)),
});
