/**
 * S2 cell functions (token of a point, a cell's centre, polygon and neighbours, fixed-level
 * coverings of polygons and lines), geo_angle, geo_azimuth, geo_geohash_neighbors and geo_from_wkt
 * (src/engine/udfs-wkt.ts). They run in
 * the `harrier_geo` UDF (src/engine/udfs-s2.ts, Google's S2 library through npm s2js). Neighbour
 * arrays have no documented element order.
 */
import { defineFunctions, scalar, type FnArg, type FnContext } from './catalog.js';
import { as } from './common.js';
import { geo, geoText, long, real, typedReal } from './geo.js';

const str = (a: FnArg, cx: FnContext) => as(a, 'string', cx);
const dyn = (a: FnArg, cx: FnContext) => as(a, 'dynamic', cx);
/** An optional level or radius: absent → the default; a given null stays null (Kusto: null result). */
const optional = (a: FnArg | undefined, cx: FnContext, dflt: string, t: 'long' | 'real') =>
  a ? `CAST(${as(a, t, cx)} AS ${t === 'long' ? 'BIGINT' : 'DOUBLE'})` : dflt;

defineFunctions({
  geo_point_to_s2cell: scalar(([lon, lat, lvl], cx) => geoText('point_to_s2cell', [real(lon!, cx), real(lat!, cx), long(lvl, cx, 11)])),
  geo_s2cell_to_central_point: scalar(([c], cx) => geo('s2cell_to_central_point', [str(c!, cx)])),
  geo_s2cell_neighbors: scalar(([c], cx) => geo('s2cell_neighbors', [str(c!, cx)])),
  geo_s2cell_to_polygon: scalar(([c], cx) => geo('s2cell_to_polygon', [str(c!, cx)])),
  geo_polygon_to_s2cells: scalar(([p, lvl, r], cx) => geo('polygon_to_s2cells', [dyn(p!, cx), optional(lvl, cx, '11::BIGINT', 'long'), optional(r, cx, '0::DOUBLE', 'real')])),
  geo_line_to_s2cells: scalar(([l, lvl, r], cx) => geo('line_to_s2cells', [dyn(l!, cx), optional(lvl, cx, '11::BIGINT', 'long'), optional(r, cx, '0::DOUBLE', 'real')])),
  geo_angle: scalar((args, cx) => typedReal(geo('angle', args.map((a) => real(a, cx))))),
  geo_azimuth: scalar((args, cx) => typedReal(geo('azimuth', args.map((a) => real(a, cx))))),
  geo_from_wkt: scalar(([w], cx) => geo('from_wkt', [str(w!, cx)])),
  geo_geohash_neighbors: scalar(([h], cx) => geo('geohash_neighbors', [str(h!, cx)])),
});
