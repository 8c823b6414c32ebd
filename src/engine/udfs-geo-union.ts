/**
 * Area, perimeter and centroid of a MultiPolygon, which Kusto measures as the union of its polygons. Pairwise
 * disjoint polygons are summed. Two overlapping polygons are handled when both are convex and have
 * no holes, by inclusion–exclusion: |A ∪ B| = |A| + |B| − |A ∩ B| holds for areas and for
 * perimeters (the boundary of A ∩ B is A's boundary inside B plus B's inside A). A ∩ B is clipped
 * exactly in a gnomonic projection, where geodesic edges are straight lines. Anything else is
 * refused with `not supported: …`. Rings arrive validated (udfs-geo.ts), without closing points.
 * Pure.
 */
import { s2 } from 's2js';

const { Point, Loop, Polygon } = s2;
type Pt = [number, number];
type V3 = [number, number, number];
type XY = [number, number];

const EARTH_RADIUS_M = 6371010;
const rad = Math.PI / 180;

class Unsupported extends Error {}
const refuse = (what: string): never => {
  throw new Unsupported(`not supported: ${what}`);
};

const vec = ([lon, lat]: Pt): V3 => [Math.cos(lat * rad) * Math.cos(lon * rad), Math.cos(lat * rad) * Math.sin(lon * rad), Math.sin(lat * rad)];
const dot = (a: V3, b: V3) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const cross = (a: V3, b: V3): V3 => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
const unit = (a: V3): V3 => {
  const n = Math.hypot(a[0], a[1], a[2]);
  return [a[0] / n, a[1] / n, a[2] / n];
};

/** An S2 loop over unit vectors, normalised to the smaller region it bounds. */
function loopOf(vs: readonly V3[]) {
  const loop = new Loop(vs.map((v) => Point.fromCoords(v[0], v[1], v[2])));
  loop.normalize();
  return loop;
}
const polygonOf = (rings: readonly Pt[][]) => new Polygon(rings.map((r) => loopOf(r.map(vec))));
const areaOf = (vs: readonly V3[]) => loopOf(vs).area() * EARTH_RADIUS_M ** 2;
const perimeterOf = (vs: readonly V3[]) =>
  vs.reduce((s, v, i) => s + Math.atan2(Math.hypot(...cross(v, vs[(i + 1) % vs.length]!)), dot(v, vs[(i + 1) % vs.length]!)), 0) * EARTH_RADIUS_M;

/** Gnomonic projection around c and its inverse; every point must lie in c's open hemisphere. */
function projection(c: V3) {
  const up: V3 = Math.abs(c[2]) < 0.9 ? [0, 0, 1] : [1, 0, 0];
  const u = unit(cross(up, c));
  const w = cross(c, u);
  return {
    to: (v: V3): XY => {
      const d = dot(v, c);
      if (!(d > 1e-9)) refuse('the union of MultiPolygon polygons spanning 90° or more');
      return [dot(v, u) / d, dot(v, w) / d];
    },
    from: ([x, y]: XY): V3 => unit([c[0] + x * u[0] + y * w[0], c[1] + x * u[1] + y * w[1], c[2] + x * u[2] + y * w[2]]),
  };
}

const orient = (a: XY, b: XY, c: XY) => (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
const signedArea = (p: readonly XY[]) => p.reduce((s, a, i) => s + orient([0, 0], a, p[(i + 1) % p.length]!), 0) / 2;
const ccw = (p: XY[]) => (signedArea(p) < 0 ? p.reverse() : p);
const convex = (p: readonly XY[]) => p.every((a, i) => orient(a, p[(i + 1) % p.length]!, p[(i + 2) % p.length]!) > 0);

/** Sutherland–Hodgman: the part of `subject` inside the convex, counter-clockwise `clip`. */
function clip(subject: readonly XY[], clipper: readonly XY[]): XY[] {
  let out = [...subject];
  for (let i = 0; i < clipper.length && out.length; i++) {
    const a = clipper[i]!, b = clipper[(i + 1) % clipper.length]!;
    const input = out;
    out = [];
    for (let j = 0; j < input.length; j++) {
      const p = input[j]!, q = input[(j + 1) % input.length]!;
      const sp = orient(a, b, p), sq = orient(a, b, q);
      if (sp >= 0) out.push(p);
      if ((sp >= 0) !== (sq >= 0)) {
        const t = sp / (sp - sq);
        out.push([p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t]);
      }
    }
  }
  return out;
}

/** The vertices of A ∩ B for two convex, hole-free shells (fewer than 3 when they only touch). */
function intersectionOfTwo(va: readonly V3[], vb: readonly V3[]): V3[] {
  const proj = projection(unit([...va, ...vb].reduce((s, v) => [s[0] + v[0], s[1] + v[1], s[2] + v[2]] as V3, [0, 0, 0] as V3)));
  const pa = ccw(va.map(proj.to)), pb = ccw(vb.map(proj.to));
  if (!convex(pa) || !convex(pb)) refuse('the union of overlapping non-convex MultiPolygon polygons');
  return clip(pa, pb).map(proj.from);
}

/** [area m², perimeter m] of the union of two convex, hole-free shells. */
function unionOfTwo(a: readonly Pt[], b: readonly Pt[]): [number, number] {
  const va = a.map(vec), vb = b.map(vec);
  const inter = intersectionOfTwo(va, vb);
  const [ia, ip] = inter.length >= 3 ? [areaOf(inter), perimeterOf(inter)] : [0, 0];
  return [areaOf(va) + areaOf(vb) - ia, perimeterOf(va) + perimeterOf(vb) - ip];
}

/**
 * [area m², perimeter m] of a MultiPolygon's union; polygons are lists of validated rings (shell
 * first). The perimeter is null when disjoint polygons have holes (whether Kusto counts hole
 * boundaries is not documented; the caller refuses).
 */
export function multiPolygonMeasures(polys: readonly Pt[][][], what: string): [number, number | null] {
  const s2polys = polys.map(polygonOf);
  const overlapping: Array<[number, number]> = [];
  for (let i = 0; i < s2polys.length; i++) for (let j = i + 1; j < s2polys.length; j++) if (s2polys[i]!.intersects(s2polys[j]!)) overlapping.push([i, j]);
  if (overlapping.length === 0) {
    const area = polys.reduce((s, rings) => s + Math.max(0, areaOf(rings[0]!.map(vec)) - rings.slice(1).reduce((h, r) => h + areaOf(r.map(vec)), 0)), 0);
    const perimeter = polys.every((rings) => rings.length === 1) ? polys.reduce((s, rings) => s + perimeterOf(rings[0]!.map(vec)), 0) : null;
    return [area, perimeter];
  }
  if (polys.length !== 2 || polys.some((rings) => rings.length !== 1)) refuse(`${what} of a MultiPolygon with overlapping polygons (only two convex polygons without holes are merged)`);
  return unionOfTwo(polys[0]![0]!, polys[1]![0]!);
}


/**
 * The area-weighted centroid vector (S2's unnormalised polygon centroid) of a MultiPolygon's union;
 * centroid vectors add like areas, so two overlapping convex shells use inclusion–exclusion too.
 */
export function multiPolygonCentroid(polys: readonly Pt[][][], what: string): V3 {
  const s2polys = polys.map(polygonOf);
  const c = (p: InstanceType<typeof Polygon>): V3 => {
    const v = p.centroid().vector;
    return [v.x, v.y, v.z];
  };
  const add = (a: V3, b: V3, k = 1): V3 => [a[0] + k * b[0], a[1] + k * b[1], a[2] + k * b[2]];
  let overlaps = false;
  for (let i = 0; i < s2polys.length; i++) for (let j = i + 1; j < s2polys.length; j++) overlaps ||= s2polys[i]!.intersects(s2polys[j]!);
  const sum = s2polys.map(c).reduce((a, b) => add(a, b), [0, 0, 0] as V3);
  if (!overlaps) return sum;
  if (polys.length !== 2 || polys.some((rings) => rings.length !== 1)) refuse(`${what} of a MultiPolygon with overlapping polygons (only two convex polygons without holes are merged)`);
  const inter = intersectionOfTwo(polys[0]![0]!.map(vec), polys[1]![0]!.map(vec));
  return inter.length >= 3 ? add(sum, c(new Polygon([loopOf(inter)])), -1) : sum;
}
