/**
 * Lines and polygons on the sphere for the `harrier_geo_shapes(op, argsJson)` UDF (catalog:
 * src/kql/functions/geo-shapes.ts), through npm `s2js` (a port of Google's S2 library, which
 * Kusto's geospatial functions are built on): centroids, point-to-shape distances and closest
 * points, interpolation along a line, and intersection tests. Edges are geodesics; distances are on
 * S2's Earth sphere (6,371,010 m). Shapes are validated with the same rules as the other geo
 * functions (src/engine/udfs-geo.ts); invalid input gives null, as each Kusto doc page says.
 * Forms whose Kusto semantics we cannot reproduce exactly throw `not supported: …`. Pure.
 */
import { s2 } from 's2js';
import { crossesAntimeridian, densifyChain } from './udfs-geo-densify.js';
import { line, polygons, validRings } from './udfs-geo.js';
import { multiPolygonCentroid } from './udfs-geo-union.js';

const { LatLng, Point, Polyline, Loop, Polygon } = s2;
type S2Point = InstanceType<typeof Point>;
type S2Polyline = InstanceType<typeof Polyline>;
type S2Polygon = InstanceType<typeof Polygon>;
type Pt = [number, number];
type Op = (args: unknown[]) => unknown;

/** S2's Earth radius, the sphere Kusto measures on. */
const EARTH_RADIUS_M = 6371010;
const deg = 180 / Math.PI;

class Unsupported extends Error {}
const refuse = (what: string): never => {
  throw new Unsupported(`not supported: ${what}`);
};

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const validLon = (v: unknown): v is number => typeof v === 'number' && v >= -180 && v <= 180;
const validLat = (v: unknown): v is number => typeof v === 'number' && v >= -90 && v <= 90;

const toPoint = ([lon, lat]: Pt): S2Point => Point.fromLatLng(LatLng.fromDegrees(lat, lon));
const lonLat = (p: S2Point): Pt => {
  const ll = LatLng.fromPoint(p);
  return [ll.lng * deg, ll.lat * deg];
};
const geoPoint = (p: S2Point) => ({ type: 'Point', coordinates: lonLat(p) });
const metres = (a: S2Point, b: S2Point) => a.distance(b) * EARTH_RADIUS_M;

/** The lines of a LineString or MultiLineString (each at least two distinct valid points); null when invalid. */
function lines(shape: unknown, multi: boolean): S2Polyline[] | null {
  if (!isObj(shape)) return null;
  const c = shape['coordinates'];
  const raw = shape['type'] === 'LineString' ? [c] : multi && shape['type'] === 'MultiLineString' && Array.isArray(c) ? c : null;
  if (!raw || raw.length === 0) return null;
  const out: S2Polyline[] = [];
  for (const l of raw) {
    const pts = line(l);
    if (!pts) return null;
    out.push(new Polyline(pts.map(toPoint)));
  }
  return out;
}

/** One validated polygon: S2 loops (each the smaller region its ring bounds) and closed boundary polylines. */
interface Shape { polygon: S2Polygon; boundaries: S2Polyline[] }

function shapes(shape: unknown, what: string): Shape[] | null {
  const polys = polygons(shape);
  if (!polys || polys.length === 0) return null;
  const out: Shape[] = [];
  for (const rings of polys) {
    const valid = validRings(rings, what);
    if (!valid) return null;
    const loops = valid.map((r) => {
      const loop = new Loop(r.map(toPoint));
      loop.normalize();
      return loop;
    });
    out.push({ polygon: new Polygon(loops), boundaries: valid.map((r) => new Polyline([...r, r[0]!].map(toPoint))) });
  }
  return out;
}

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

type V3 = [number, number, number];
const v3 = (p: S2Point): V3 => [p.vector.x, p.vector.y, p.vector.z];
const cross = (a: V3, b: V3): V3 => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
const dot = (a: V3, b: V3) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
/** A×B computed as (A−B)×(A+B)/2, S2's more accurate form for nearby points. */
const edgeNormal = (a: V3, b: V3) => cross([a[0] - b[0], a[1] - b[1], a[2] - b[2]], [a[0] + b[0], a[1] + b[1], a[2] + b[2]]);
const orientation = (a: V3, b: V3, c: V3) => Math.sign(dot(edgeNormal(a, b), c));

/** Whether edges AB and CD cross at a point interior to both (S2's crossing-sign rule); null when degenerate. */
function crosses(a: V3, b: V3, c: V3, d: V3): boolean | null {
  const acb = -orientation(a, b, c), bda = orientation(a, b, d), cbd = -orientation(c, d, b), dac = orientation(c, d, a);
  if (acb === 0 || bda === 0 || cbd === 0 || dac === 0) return null;
  return bda === acb && cbd === acb && dac === acb;
}

/** The crossing point of two crossing edges: the normals' cross product on the side of the edges. */
function crossingPoint(a: V3, b: V3, c: V3, d: V3): S2Point {
  const x = cross(edgeNormal(a, b), edgeNormal(c, d));
  const s = [a, b, c, d].reduce((acc, p) => acc + dot(x, p), 0) < 0 ? -1 : 1;
  return Point.fromVector(Point.fromCoords(x[0] * s, x[1] * s, x[2] * s).vector.normalize());
}

/** Angle below which a vertex counts as lying on the other line. */
const TOUCH_RAD = 1e-13;

/**
 * The intersection of two lines when it is empty, one crossing point, or the lines are identical;
 * touching, overlapping or several crossings are refused (S2's boolean operation output is not
 * reproduced here).
 */
function intersection2Lines(a: unknown, b: unknown): unknown {
  const la = lines(a, true), lb = lines(b, true);
  if (!la || !lb) return null;
  const oa = a as { type: string; coordinates: unknown }, ob = b as { type: string; coordinates: unknown };
  if (oa.type === ob.type && JSON.stringify(oa.coordinates) === JSON.stringify(ob.coordinates)) return { type: oa.type, coordinates: oa.coordinates };
  const unsupported = () => refuse('geo_intersection_2lines() of lines that touch, overlap or cross more than once (only a single crossing point, no intersection, or identical lines are computed)');
  for (const [x, y] of [[la, lb], [lb, la]] as const) {
    for (const l of x) for (const p of l.points) if (y.some((o) => p.distance(o.project(p)[0]) < TOUCH_RAD)) unsupported();
  }
  const found: S2Point[] = [];
  for (const l1 of la) for (const l2 of lb) {
    for (let i = 0; i + 1 < l1.points.length; i++) for (let j = 0; j + 1 < l2.points.length; j++) {
      const [p, q, r, s] = [l1.points[i]!, l1.points[i + 1]!, l2.points[j]!, l2.points[j + 1]!].map(v3) as [V3, V3, V3, V3];
      const c = crosses(p, q, r, s);
      if (c === null) unsupported();
      if (c) found.push(crossingPoint(p, q, r, s));
    }
  }
  if (found.length > 1) unsupported();
  return found.length ? geoPoint(found[0]!) : { type: 'GeometryCollection', geometries: [] };
}

/** True when some vertex of one shape's boundary lies on (within TOUCH_RAD of) the other's. */
function boundariesTouch(a: readonly S2Polyline[], b: readonly S2Polyline[]): boolean {
  const near = (x: readonly S2Polyline[], y: readonly S2Polyline[]) => x.some((l) => l.points.some((p) => y.some((o) => p.distance(o.project(p)[0]) < TOUCH_RAD)));
  return near(a, b) || near(b, a);
}

/**
 * The parts of the lines inside the polygons, in line order: each edge is split where it crosses a
 * ring and the pieces whose midpoints are inside are kept. Lines touching a ring at a vertex are
 * refused (the result would hold points, whose form Kusto leaves to S2's boolean operation).
 */
function intersectionLineWithPolygon(a: unknown, b: unknown): unknown {
  const ls = lines(a, true);
  const ps = ls && shapes(b, 'geo_intersection_line_with_polygon()');
  if (!ls || !ps) return null;
  const rings = ps.flatMap((s) => s.boundaries);
  const unsupported = () => refuse('geo_intersection_line_with_polygon() of a line touching a polygon boundary at a vertex');
  if (boundariesTouch(ls, rings)) unsupported();
  const inside = (p: S2Point) => ps.some((s) => s.polygon.containsPoint(p));
  const rawLines = ((a as { type: string }).type === 'MultiLineString' ? (a as { coordinates: number[][][] }).coordinates : [(a as { coordinates: number[][] }).coordinates]);
  const pieces: Pt[][] = [];
  let current: Pt[] | null = null;
  ls.forEach((l, li) => {
    const raw = rawLines[li]!;
    for (let i = 0; i + 1 < l.points.length; i++) {
      const p = l.points[i]!, q = l.points[i + 1]!;
      const [vp, vq] = [v3(p), v3(q)];
      const cuts: Array<{ t: number; pt: S2Point }> = [];
      for (const r of rings) for (let j = 0; j + 1 < r.points.length; j++) {
        const [vr, vs] = [v3(r.points[j]!), v3(r.points[j + 1]!)];
        const c = crosses(vp, vq, vr, vs);
        if (c === null) unsupported();
        if (c) {
          const x = crossingPoint(vp, vq, vr, vs);
          cuts.push({ t: p.distance(x), pt: x });
        }
      }
      cuts.sort((m, n) => m.t - n.t);
      const stops: Array<{ pt: S2Point; at: Pt }> = [
        { pt: p, at: [raw[i]![0]!, raw[i]![1]!] },
        ...cuts.map((c) => ({ pt: c.pt, at: lonLat(c.pt) })),
        { pt: q, at: [raw[i + 1]![0]!, raw[i + 1]![1]!] },
      ];
      for (let k = 0; k + 1 < stops.length; k++) {
        const m = stops[k]!, n = stops[k + 1]!;
        const mid = Point.fromVector(m.pt.vector.add(n.pt.vector).normalize());
        if (inside(mid)) {
          if (!current) { current = [m.at]; pieces.push(current); }
          current.push(n.at);
        } else current = null;
      }
    }
    current = null;
  });
  if (pieces.length === 0) return { type: 'GeometryCollection', geometries: [] };
  return pieces.length === 1 ? { type: 'LineString', coordinates: pieces[0] } : { type: 'MultiLineString', coordinates: pieces };
}

/** Only the empty intersection of two polygons is computed; touching or overlapping ones are refused. */
function intersection2Polygons(a: unknown, b: unknown): unknown {
  const pa = shapes(a, 'geo_intersection_2polygons()');
  const pb = pa && shapes(b, 'geo_intersection_2polygons()');
  if (!pa || !pb) return null;
  const meet = pa.some((x) => pb.some((y) => x.polygon.intersects(y.polygon)));
  if (meet || boundariesTouch(pa.flatMap((s) => s.boundaries), pb.flatMap((s) => s.boundaries))) {
    refuse('geo_intersection_2polygons() of polygons that touch or overlap (S2 boolean operation output is not reproduced)');
  }
  return { type: 'GeometryCollection', geometries: [] };
}

/** The simplify tolerance in metres: absent → 10; valid in [0, ~7,800,000). */
const simplifyTolerance = (v: unknown): number | null => (v === undefined ? 10 : typeof v === 'number' && v >= 0 && v < 7800000 ? v : null);

/**
 * geo_*_simplify: Kusto snaps vertices so that no two are closer than the tolerance (S2's
 * builder), so when every pair of vertices is closer than the tolerance the shape disappears and
 * the result is null, as documented. Any other simplification is refused: S2's snapping and
 * chain simplification are not reproduced.
 */
function simplifyCollapse(points: readonly S2Point[], tol: unknown, what: string): null {
  const t = simplifyTolerance(tol);
  if (t === null) return null;
  const limit = t / EARTH_RADIUS_M;
  const all = points.every((p, i) => points.every((q, j) => j <= i || p.distance(q) < limit));
  if (!all) refuse(`${what} of a shape that survives the tolerance (S2's snapping and chain simplification are not reproduced)`);
  return null;
}

/**
 * geo_union_lines_array when the union is one simple chain: identical edges are merged, and the
 * remaining edges must join head to tail into a single open path (each vertex entered and left at
 * most once). Crossing, touching mid-edge, branching or closed unions are refused (S2's polyline
 * boolean output is not reproduced).
 */
function unionLines(arr: unknown): unknown {
  if (!Array.isArray(arr) || arr.length === 0) return null;
  const all: S2Polyline[] = [];
  for (const shape of arr) {
    const ls = lines(shape, true);
    if (!ls) return null;
    all.push(...ls);
  }
  const unsupported = () => refuse('geo_union_lines_array() of lines that do not join into one simple chain');
  const key = (p: S2Point) => { const [x, y, z] = v3(p); return `${x},${y},${z}`; };
  const pts = new Map<string, S2Point>();
  const next = new Map<string, string>();
  const prev = new Map<string, string>();
  const edges: Array<[S2Point, S2Point]> = [];
  for (const l of all) {
    for (let i = 0; i + 1 < l.points.length; i++) {
      const a = l.points[i]!, b = l.points[i + 1]!;
      const [ka, kb] = [key(a), key(b)];
      if (ka === kb) continue;
      if (next.get(ka) === kb) continue;
      if (next.has(ka) || prev.has(kb) || next.get(kb) === ka) unsupported();
      next.set(ka, kb); prev.set(kb, ka); pts.set(ka, a); pts.set(kb, b);
      edges.push([a, b]);
    }
  }
  // No vertex may lie inside another edge, and no two edges may cross.
  for (const [a, b] of edges) {
    const edge = new Polyline([a, b]);
    for (const p of pts.values()) {
      if (p === a || p === b || key(p) === key(a) || key(p) === key(b)) continue;
      if (p.distance(edge.project(p)[0]) < TOUCH_RAD) unsupported();
    }
    for (const [c, d] of edges) {
      const c1 = crosses(v3(a), v3(b), v3(c), v3(d));
      if (c1 === true) unsupported();
    }
  }
  const starts = [...pts.keys()].filter((k) => !prev.has(k));
  if (starts.length !== 1) unsupported();
  const chain: S2Point[] = [];
  for (let k: string | undefined = starts[0]; k !== undefined; k = next.get(k)) chain.push(pts.get(k)!);
  if (chain.length !== pts.size) unsupported();
  return { type: 'LineString', coordinates: chain.map(lonLat) };
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

export const SHAPE_OPS: Record<string, Op> = {
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
  intersection_2lines: ([a, b]) => intersection2Lines(a, b),
  union_lines_array: ([arr]) => unionLines(arr),
  line_simplify: ([shape, tol]) => {
    const ls = lines(shape, true);
    return ls && simplifyCollapse(ls.flatMap((l) => l.points), tol, 'geo_line_simplify()');
  },
  polygon_simplify: ([shape, tol]) => {
    const ps = shapes(shape, 'geo_polygon_simplify()');
    return ps && simplifyCollapse(ps.flatMap((x) => x.boundaries.flatMap((b) => b.points)), tol, 'geo_polygon_simplify()');
  },
  simplify_polygons_array: ([arr, tol]) => {
    if (!Array.isArray(arr) || arr.length === 0) return null;
    const all: S2Point[] = [];
    for (const shape of arr) {
      const ps = shapes(shape, 'geo_simplify_polygons_array()');
      if (!ps) return null;
      all.push(...ps.flatMap((x) => x.boundaries.flatMap((b) => b.points)));
    }
    return simplifyCollapse(all, tol, 'geo_simplify_polygons_array()');
  },
  intersection_line_with_polygon: ([a, b]) => intersectionLineWithPolygon(a, b),
  intersection_2polygons: ([a, b]) => intersection2Polygons(a, b),
  intersects_2polygons: ([a, b]) => {
    const pa = shapes(a, 'geo_intersects_2polygons()');
    const pb = pa && shapes(b, 'geo_intersects_2polygons()');
    if (!pa || !pb) return null;
    return pa.some((x) => pb.some((y) => x.polygon.intersects(y.polygon)));
  },
};

export function geoShapesUdf(op: string, argsJson: string): string {
  const f = SHAPE_OPS[op];
  if (!f) return 'null';
  let args: unknown;
  try {
    args = JSON.parse(argsJson);
  } catch {
    return 'null';
  }
  try {
    const res = Array.isArray(args) ? f(args) : null;
    return res === undefined || (typeof res === 'number' && !Number.isFinite(res)) ? 'null' : JSON.stringify(res);
  } catch (e) {
    // Refusals (ours and the shape validators') surface as query errors; bad input is null, like Kusto.
    if (e instanceof Unsupported || (e instanceof Error && e.message.startsWith('not supported'))) throw e;
    return 'null';
  }
}
