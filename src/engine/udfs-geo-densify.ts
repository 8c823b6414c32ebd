/**
 * geo_line_densify / geo_polygon_densify for `harrier_geo_shapes`: each planar edge (a straight
 * line in longitude/latitude, as GeoJSON draws it) becomes a chain of geodesic edges that stays
 * within `tolerance` metres of it. The subdivision is S2's edge tessellator for a plate carrée
 * projection (the library Kusto builds on): an edge is kept when the geodesic and the planar edge
 * are within the tolerance at the two sample fractions S2 uses, otherwise it is split at its planar
 * midpoint and each half is treated the same way. New vertices are the planar midpoints, so they
 * print exactly (e.g. 50.125). Pure.
 */
type Pt = [number, number];
type V3 = [number, number, number];

const EARTH_RADIUS_M = 6371010;
const rad = Math.PI / 180;
/** S2EdgeTessellator's sample fraction, and the ratio of the error at those samples to the edge's maximum error. */
const SAMPLE_T = 0.31215691082248312;
const SCALE = 0.83829992569888509;
/** Kusto's cap on the vertices of a densified shape. */
export const MAX_POINTS = 10485760;

const vec = ([lon, lat]: Pt): V3 => [Math.cos(lat * rad) * Math.cos(lon * rad), Math.cos(lat * rad) * Math.sin(lon * rad), Math.sin(lat * rad)];
const dot = (a: V3, b: V3) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const sub = (a: V3, b: V3): V3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
const scale = (a: V3, k: number): V3 => [a[0] * k, a[1] * k, a[2] * k];
const norm = (a: V3) => Math.hypot(a[0], a[1], a[2]);
const chord = (a: V3, b: V3) => norm(sub(a, b));

/** The point at fraction t of the geodesic from a to b (slerp). */
function slerp(a: V3, b: V3, t: number): V3 {
  const cosW = Math.max(-1, Math.min(1, dot(a, b)));
  const w = Math.acos(cosW);
  if (w < 1e-15) return a;
  const s = Math.sin(w);
  const ka = Math.sin((1 - t) * w) / s, kb = Math.sin(t * w) / s;
  return [a[0] * ka + b[0] * kb, a[1] * ka + b[1] * kb, a[2] * ka + b[2] * kb];
}

const lerp = (a: Pt, b: Pt, t: number): Pt => [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];

/** The larger chord distance between the geodesic and the planar edge at S2's two sample fractions. */
function maxError(pa: Pt, a: V3, pb: Pt, b: V3): number {
  if (dot(a, b) < -1e-14) return Infinity;
  const e1 = chord(slerp(a, b, SAMPLE_T), vec(lerp(pa, pb, SAMPLE_T)));
  const e2 = chord(slerp(a, b, 1 - SAMPLE_T), vec(lerp(pa, pb, 1 - SAMPLE_T)));
  return Math.max(e1, e2);
}

class TooManyPoints extends Error {}

function appendEdge(pa: Pt, pb: Pt, tol: number, out: Pt[]): void {
  const a = vec(pa), b = vec(pb);
  if (maxError(pa, a, pb, b) <= tol) {
    if (out.length >= MAX_POINTS) throw new TooManyPoints();
    out.push(pb);
    return;
  }
  const mid = lerp(pa, pb, 0.5);
  appendEdge(pa, mid, tol, out);
  appendEdge(mid, pb, tol, out);
}

/**
 * The densified vertex list of a chain of planar edges; null when the result would exceed Kusto's
 * point cap. Callers refuse edges spanning more than 180° of longitude before calling.
 */
export function densifyChain(pts: readonly Pt[], toleranceM: number): Pt[] | null {
  // S2 compares chord lengths; the tolerance is an angle on the Earth sphere, scaled as S2 does.
  const angle = Math.max(toleranceM / EARTH_RADIUS_M, 1e-13) * SCALE;
  const tol = 2 * Math.sin(Math.min(angle, Math.PI) / 2);
  const out: Pt[] = [pts[0]!];
  try {
    for (let i = 0; i + 1 < pts.length; i++) appendEdge(pts[i]!, pts[i + 1]!, tol, out);
  } catch (e) {
    if (e instanceof TooManyPoints) return null;
    throw e;
  }
  return out;
}

/** True when some edge spans more than 180° of longitude (an antimeridian crossing). */
export const crossesAntimeridian = (pts: readonly Pt[]) => pts.some((p, i) => i > 0 && Math.abs(p[0] - pts[i - 1]![0]) > 180);
