/**
 * Geodesic line and polygon geometry: centroids, point-to-shape distances and closest points,
 * interpolation along a line, intersection tests. Computed by the `harrier_geo_shapes` UDF
 * (src/engine/udfs-geo-shapes.ts, Google's S2 library through npm s2js); invalid shapes or
 * coordinates give null, as Kusto documents.
 */
import type { UdfValue } from '../../sql/dialect.js';
import { defineFunctions, scalar, type FnArg, type FnContext } from './catalog.js';
import { as } from './common.js';
import { B, D, L, R, real as realSql, typedReal } from './geo.js';

/** harrier_geo_shapes(op, JSON array of the values) as dynamic. */
const shapes = (op: string, values: readonly UdfValue[], cx: FnContext) => cx.h('udfJson')('harrier_geo_shapes', op, values);
const dyn = (a: FnArg, cx: FnContext) => D(as(a, 'dynamic', cx));
const real = (a: FnArg, cx: FnContext) => R(realSql(a, cx));
const bool = (json: string, cx: FnContext) => cx.h('udfJsonAs')(json, 'bool');

defineFunctions({
  geo_line_centroid: scalar(([l], cx) => shapes('line_centroid', [dyn(l!, cx)], cx)),
  geo_polygon_centroid: scalar(([p], cx) => shapes('polygon_centroid', [dyn(p!, cx)], cx)),
  geo_distance_point_to_line: scalar(([lon, lat, l], cx) => typedReal(shapes('distance_point_to_line', [real(lon!, cx), real(lat!, cx), dyn(l!, cx)], cx), cx)),
  geo_closest_point_on_line: scalar(([lon, lat, l], cx) => shapes('closest_point_on_line', [real(lon!, cx), real(lat!, cx), dyn(l!, cx)], cx)),
  geo_distance_point_to_polygon: scalar(([lon, lat, p], cx) => typedReal(shapes('distance_point_to_polygon', [real(lon!, cx), real(lat!, cx), dyn(p!, cx)], cx), cx)),
  geo_closest_point_on_polygon: scalar(([lon, lat, p], cx) => shapes('closest_point_on_polygon', [real(lon!, cx), real(lat!, cx), dyn(p!, cx)], cx)),
  geo_line_interpolate_point: scalar(([l, f], cx) => shapes('line_interpolate_point', [dyn(l!, cx), real(f!, cx)], cx)),
  geo_line_locate_point: scalar(([l, lon, lat], cx) => typedReal(shapes('line_locate_point', [dyn(l!, cx), real(lon!, cx), real(lat!, cx)], cx), cx)),
  geo_intersects_2lines: scalar(([a, b], cx) => bool(shapes('intersects_2lines', [dyn(a!, cx), dyn(b!, cx)], cx), cx)),
  geo_intersects_line_with_polygon: scalar(([a, b], cx) => bool(shapes('intersects_line_with_polygon', [dyn(a!, cx), dyn(b!, cx)], cx), cx)),
  geo_intersects_2polygons: scalar(([a, b], cx) => bool(shapes('intersects_2polygons', [dyn(a!, cx), dyn(b!, cx)], cx), cx)),
});

/** Optional densify arguments: absent ones are left out so the UDF applies Kusto's defaults. */
const densifyArgs = (args: readonly FnArg[], cx: FnContext) => [
  dyn(args[0]!, cx),
  ...(args[1] ? [real(args[1], cx)] : []),
  ...(args[2] ? [B(`CAST(${as(args[2], 'bool', cx)} AS ${cx.h('sqlType')('bool')})`)] : []),
];

defineFunctions({
  geo_line_densify: scalar((args, cx) => shapes('line_densify', densifyArgs(args, cx), cx)),
  geo_polygon_densify: scalar((args, cx) => shapes('polygon_densify', densifyArgs(args, cx), cx)),
});

defineFunctions({
  geo_intersection_2lines: scalar(([a, b], cx) => shapes('intersection_2lines', [dyn(a!, cx), dyn(b!, cx)], cx)),
});

defineFunctions({
  geo_intersection_line_with_polygon: scalar(([a, b], cx) => shapes('intersection_line_with_polygon', [dyn(a!, cx), dyn(b!, cx)], cx)),
  geo_intersection_2polygons: scalar(([a, b], cx) => shapes('intersection_2polygons', [dyn(a!, cx), dyn(b!, cx)], cx)),
});

/** The shape and, when given, the tolerance (absent: the UDF applies Kusto's default of 10 m). */
const simplifyArgs = (args: readonly FnArg[], cx: FnContext) => [dyn(args[0]!, cx), ...(args[1] ? [real(args[1], cx)] : [])];

defineFunctions({
  geo_line_simplify: scalar((args, cx) => shapes('line_simplify', simplifyArgs(args, cx), cx)),
  geo_polygon_simplify: scalar((args, cx) => shapes('polygon_simplify', simplifyArgs(args, cx), cx)),
  geo_simplify_polygons_array: scalar((args, cx) => shapes('simplify_polygons_array', simplifyArgs(args, cx), cx)),
});

defineFunctions({
  geo_union_lines_array: scalar(([a], cx) => shapes('union_lines_array', [dyn(a!, cx)], cx)),
});

/** Every given argument, shapes as dynamic and numbers as real (absent optional ones are left out). */
const bufferArgs = (kinds: ReadonlyArray<'dyn' | 'real'>) => (args: readonly FnArg[], cx: FnContext) =>
  args.map((a, i) => ((kinds[i] ?? 'real') === 'dyn' ? dyn(a, cx) : real(a, cx)));

defineFunctions({
  geo_point_buffer: scalar((args, cx) => shapes('point_buffer', bufferArgs(['real', 'real', 'real', 'real'])(args, cx), cx)),
  geo_line_buffer: scalar((args, cx) => shapes('line_buffer', bufferArgs(['dyn', 'real', 'real'])(args, cx), cx)),
  geo_polygon_buffer: scalar((args, cx) => shapes('polygon_buffer', bufferArgs(['dyn', 'real', 'real'])(args, cx), cx)),
  geo_union_polygons_array: scalar(([a], cx) => shapes('union_polygons_array', [dyn(a!, cx)], cx)),
});

defineFunctions({
  geo_polygon_to_h3cells: scalar(([p, res, r], cx) =>
    shapes('polygon_to_h3cells', [dyn(p!, cx), ...(res ? [L(`CAST(${as(res, 'long', cx)} AS ${cx.h('sqlType')('long')})`)] : []), ...(r ? [real(r, cx)] : [])], cx)),
});
