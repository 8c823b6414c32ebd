/**
 * Overlay operations for `harrier_geo_shapes`: intersections of lines and polygons, the union of
 * lines, and the documented null cases of simplification. Each computes only the cases whose Kusto
 * output is certain (a single crossing point, pieces of a line inside a polygon, disjoint shapes,
 * one merged chain, shapes within the tolerance) and refuses the rest with `not supported: …`,
 * because S2's boolean operation and snapping output is not reproduced. Pure.
 */
import { EARTH_RADIUS_M, Point, Polyline, geoPoint, lines, lonLat, refuse, shapes, validLat, validLon, type Op, type Pt, type S2Point, type S2Polyline } from './udfs-geo-shapes-core.js';

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

/** A positive, finite buffer radius in metres. */
const radiusOk = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0;
/** Buffer tolerance: absent → 10; otherwise positive and at least 0.0001% of the radius, as documented. */
const bufferToleranceOk = (t: unknown, radius: number) => t === undefined || (typeof t === 'number' && Number.isFinite(t) && t > 0 && t >= radius * 1e-6);

/** Buffers: the documented nulls are computed; a buffer polygon itself is refused. */
function buffer(valid: boolean, radius: unknown, tol: unknown, what: string): null {
  if (!valid || !radiusOk(radius) || !bufferToleranceOk(tol, radius)) return null;
  return refuse(`${what} of valid input (S2's buffer operation output is not reproduced)`);
}

export const OVERLAY_OPS: Record<string, Op> = {
  point_buffer: ([lon, lat, r, t]) => buffer(validLon(lon) && validLat(lat), r, t, 'geo_point_buffer()'),
  line_buffer: ([l, r, t]) => buffer(lines(l, true) !== null, r, t, 'geo_line_buffer()'),
  polygon_buffer: ([p, r, t]) => buffer(shapes(p, 'geo_polygon_buffer()') !== null, r, t, 'geo_polygon_buffer()'),
  union_polygons_array: ([arr]) => {
    if (!Array.isArray(arr) || arr.length === 0 || arr.some((p) => shapes(p, 'geo_union_polygons_array()') === null)) return null;
    return refuse("geo_union_polygons_array() of valid polygons (S2's boolean operation output is not reproduced)");
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
};
