/**
 * Lines and polygons on the sphere for the `harrier_geo_shapes(op, argsJson)` UDF (catalog:
 * src/kql/functions/geo-shapes.ts), through npm `s2js` (a port of Google's S2 library, which
 * Kusto's geospatial functions are built on): centroids, point-to-shape distances and closest
 * points, interpolation along a line, intersection tests and densification; overlays are in
 * udfs-geo-shapes-overlay.ts. Edges are geodesics; distances are on S2's Earth sphere
 * (6,371,010 m). Invalid input gives null, as each Kusto doc page says. Forms whose Kusto
 * semantics we cannot reproduce exactly throw `not supported: …`. Pure.
 */
import { createRequire } from 'node:module';
import { crossesAntimeridian, densifyChain } from './udfs-geo-densify.js';
import { polygons, validRings } from './udfs-geo.js';
import { multiPolygonCentroid } from './udfs-geo-union.js';
import { OVERLAY_OPS } from './udfs-geo-shapes-overlay.js';
import { Point, geoPoint, isObj, lines, metres, refuse, shapes, toPoint, validLat, validLon, type Op, type Pt, type S2Point, type S2Polyline, type Shape } from './udfs-geo-shapes-core.js';


function pointArg(lon: unknown, lat: unknown): S2Point | null {
  return validLon(lon) && validLat(lat) ? toPoint([lon, lat]) : null;
}

/** The closest point to `p` over the given polylines. */
function closest(p: S2Point, ls: readonly S2Polyline[]): S2Point {
  let best: S2Point | null = null;
  let bestD = Infinity;
  for (const l of ls) {
    const [q] = l.project(p);
    const d = p.distance(q);
    if (d < bestD) { bestD = d; best = q; }
  }
  return best!;
}

/** The closest point to `p` on or in any polygon (p itself when a polygon contains it). */
function closestOnPolygons(p: S2Point, ps: readonly Shape[]): S2Point {
  if (ps.some((s) => s.polygon.containsPoint(p))) return p;
  return closest(p, ps.flatMap((s) => s.boundaries));
}

/** The unit-length direction of a non-zero vector sum, as a GeoJSON point; null when it vanishes. */
function centroidPoint(sum: S2Point): unknown {
  const v = sum.vector;
  if (!(v.norm() > 0)) return null;
  return geoPoint(Point.fromVector(v.normalize()));
}

const fraction = (v: unknown): number | null => (typeof v === 'number' && v >= 0 && v <= 1 ? v : null);

/** A single LineString for the along-the-line functions; a MultiLineString's order is not documented. */
function singleLine(shape: unknown, what: string): S2Polyline | null {
  if (isObj(shape) && shape['type'] === 'MultiLineString') refuse(`${what} of a MultiLineString`);
  const ls = lines(shape, false);
  return ls ? ls[0]! : null;
}

function linesIntersect(a: readonly S2Polyline[], b: readonly S2Polyline[]): boolean {
  return a.some((x) => b.some((y) => x.intersects(y)));
}


/** The densify tolerance in metres: absent → 10; valid in [0.1, 10000]. */
const tolerance = (v: unknown): number | null => (v === undefined ? 10 : typeof v === 'number' && v >= 0.1 && v <= 10000 ? v : null);

/** Densify each chain; antimeridian-crossing edges are refused (Kusto's wrapping rules are not documented). */
function densifyAll(chains: readonly Pt[][], tol: unknown, preserve: unknown, what: string): Pt[][] | null {
  const t = tolerance(tol);
  if (t === null || (preserve !== undefined && typeof preserve !== 'boolean')) return null;
  if (chains.some(crossesAntimeridian)) refuse(`${what} of an edge spanning more than 180° of longitude (antimeridian crossing)`);
  const out: Pt[][] = [];
  for (const c of chains) {
    const d = densifyChain(c, t);
    if (!d) return null;
    out.push(d);
  }
  return out;
}

const rawPts = (v: unknown): Pt[] => (v as number[][]).map((p) => [p[0]!, p[1]!]);

const h3 = createRequire(import.meta.url)('h3-js') as { polygonToCells(rings: number[][][], res: number, geoJson: boolean): string[] };
/** Kusto's cap on the cells of one geo_polygon_to_h3cells result. */
const MAX_H3_CELLS = 61680;

/**
 * geo_polygon_to_h3cells: the cells of the given resolution whose centres lie inside the polygon,
 * edges taken as straight lines in longitude/latitude, as documented; that is H3's own
 * polygonToCells (h3-js). A positive radius (a buffered polygon) is refused.
 */
function polygonToH3Cells(shape: unknown, res: unknown, radius: unknown): string[] | null {
  const polys = polygons(shape);
  if (!polys || polys.length === 0 || polys.some((rings) => validRings(rings, 'geo_polygon_to_h3cells()') === null)) return null;
  const r = res === undefined ? 6 : res;
  if (typeof r !== 'number' || !Number.isInteger(r) || r < 0 || r > 15) return null;
  const buf = radius === undefined ? 0 : radius;
  if (typeof buf !== 'number' || !(buf >= 0)) return null;
  if (buf > 0) refuse("geo_polygon_to_h3cells() with a radius (S2's buffer operation output is not reproduced)");
  const cells = new Set<string>();
  for (const rings of polys) for (const c of h3.polygonToCells(rings as number[][][], r, true)) cells.add(c);
  return cells.size <= MAX_H3_CELLS ? [...cells] : null;
}

export const SHAPE_OPS: Record<string, Op> = {
  ...OVERLAY_OPS,
  polygon_to_h3cells: ([shape, res, radius]) => polygonToH3Cells(shape, res, radius),
  /** Length-weighted centroid of all edges (S2 Polyline centroid). */
  line_centroid: ([shape]) => {
    const ls = lines(shape, true);
    if (!ls) return null;
    return centroidPoint(ls.map((l) => l.centroid()).reduce((a, b) => Point.fromVector(a.vector.add(b.vector))));
  },
  /** Area-weighted centroid (S2 Polygon centroid) of the union of the polygons. */
  polygon_centroid: ([shape]) => {
    const what = 'geo_polygon_centroid()';
    const polys = polygons(shape);
    const valid = polys && polys.length > 0 ? polys.map((rings) => validRings(rings, what)) : null;
    if (!valid || valid.some((r) => r === null)) return null;
    const [x, y, z] = multiPolygonCentroid(valid as Pt[][][], what);
    return centroidPoint(Point.fromCoords(x, y, z));
  },
  distance_point_to_line: ([lon, lat, shape]) => {
    const p = pointArg(lon, lat);
    const ls = p && lines(shape, true);
    return p && ls ? metres(p, closest(p, ls)) : null;
  },
  closest_point_on_line: ([lon, lat, shape]) => {
    const p = pointArg(lon, lat);
    const ls = p && lines(shape, true);
    return p && ls ? geoPoint(closest(p, ls)) : null;
  },
  distance_point_to_polygon: ([lon, lat, shape]) => {
    const p = pointArg(lon, lat);
    const ps = p && shapes(shape, 'geo_distance_point_to_polygon()');
    return p && ps ? metres(p, closestOnPolygons(p, ps)) : null;
  },
  closest_point_on_polygon: ([lon, lat, shape]) => {
    const p = pointArg(lon, lat);
    const ps = p && shapes(shape, 'geo_closest_point_on_polygon()');
    return p && ps ? geoPoint(closestOnPolygons(p, ps)) : null;
  },
  /** The point at `fraction` (in [0, 1]) of the line's length from its first vertex. */
  line_interpolate_point: ([shape, f]) => {
    const l = singleLine(shape, 'geo_line_interpolate_point()');
    const t = fraction(f);
    return l && t !== null ? geoPoint(l.interpolate(t)[0]) : null;
  },
  /** The fraction of the line's length at which the point closest to (lon, lat) lies. */
  line_locate_point: ([shape, lon, lat]) => {
    const l = singleLine(shape, 'geo_line_locate_point()');
    const p = pointArg(lon, lat);
    if (!l || !p) return null;
    const [q, next] = l.project(p);
    return l.uninterpolate(q, next);
  },
  intersects_2lines: ([a, b]) => {
    const la = lines(a, true);
    const lb = lines(b, true);
    return la && lb ? linesIntersect(la, lb) : null;
  },
  /** A line meets a polygon when it crosses a ring or has a vertex inside. */
  intersects_line_with_polygon: ([a, b]) => {
    const ls = lines(a, true);
    const ps = ls && shapes(b, 'geo_intersects_line_with_polygon()');
    if (!ls || !ps) return null;
    if (linesIntersect(ls, ps.flatMap((s) => s.boundaries))) return true;
    return ls.some((l) => l.points.some((v) => ps.some((s) => s.polygon.containsPoint(v))));
  },
  line_densify: ([shape, tol, preserve]) => {
    if (!lines(shape, true)) return null;
    const o = shape as { type: string; coordinates: unknown[] };
    const multi = o.type === 'MultiLineString';
    const chains = (multi ? o.coordinates : [o.coordinates]).map(rawPts);
    const d = densifyAll(chains, tol, preserve, 'geo_line_densify()');
    return d && { type: o.type, coordinates: multi ? d : d[0] };
  },
  polygon_densify: ([shape, tol, preserve]) => {
    if (!shapes(shape, 'geo_polygon_densify()')) return null;
    const o = shape as { type: string; coordinates: unknown[] };
    const polys = (o.type === 'MultiPolygon' ? o.coordinates : [o.coordinates]) as unknown[][];
    const counts = polys.map((rings) => rings.length);
    const d = densifyAll(polys.flat().map(rawPts), tol, preserve, 'geo_polygon_densify()');
    if (!d) return null;
    let k = 0;
    const out = counts.map((n) => d.slice(k, (k += n)));
    return { type: o.type, coordinates: o.type === 'MultiPolygon' ? out : out[0] };
  },
  intersects_2polygons: ([a, b]) => {
    const pa = shapes(a, 'geo_intersects_2polygons()');
    const pb = pa && shapes(b, 'geo_intersects_2polygons()');
    if (!pa || !pb) return null;
    return pa.some((x) => pb.some((y) => x.polygon.intersects(y.polygon)));
  },
};
