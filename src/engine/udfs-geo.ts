/**
 * Geospatial helpers as one pure JavaScript UDF `harrier_geo(op, argsJson)` (catalog:
 * src/kql/functions/geo.ts): geohash encoding/decoding (own code, the standard base-32 geohash) and
 * H3 cells through npm `h3-js` (Uber's H3 C library compiled to JavaScript, the library Kusto's
 * H3 functions are built on). `op` is a catalog constant; the result is JSON text ('null' for null).
 * Coordinates are validated as Kusto does: longitude in [-180, 180], latitude in [-90, 90].
 * Pure: no files, no network, no clock.
 */
import { createRequire } from 'node:module';
import { multiPolygonMeasures } from './udfs-geo-union.js';

const require = createRequire(import.meta.url);
const h3 = require('h3-js') as {
  latLngToCell(lat: number, lng: number, res: number): string;
  isValidCell(c: string): boolean;
  getResolution(c: string): number;
  cellToLatLng(c: string): [number, number];
  cellToParent(c: string, res: number): string;
  cellToChildren(c: string, res: number): string[];
  cellToBoundary(c: string, geoJson?: boolean): Array<[number, number]>;
  gridDisk(c: string, k: number): string[];
  gridDiskDistances(c: string, k: number): string[][];
};

const BASE32 = '0123456789bcdefghjkmnpqrstuvwxyz';

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const validLon = (v: unknown): v is number => typeof v === 'number' && v >= -180 && v <= 180;
const validLat = (v: unknown): v is number => typeof v === 'number' && v >= -90 && v <= 90;
const int = (v: unknown): number | null => (typeof v === 'number' && Number.isInteger(v) ? v : null);

export function geohashEncode(lon: number, lat: number, chars: number): string {
  let lonLo = -180, lonHi = 180, latLo = -90, latHi = 90;
  let out = '', bits = 0, idx = 0, even = true;
  while (out.length < chars) {
    if (even) {
      const mid = (lonLo + lonHi) / 2;
      if (lon >= mid) { idx = idx * 2 + 1; lonLo = mid; } else { idx *= 2; lonHi = mid; }
    } else {
      const mid = (latLo + latHi) / 2;
      if (lat >= mid) { idx = idx * 2 + 1; latLo = mid; } else { idx *= 2; latHi = mid; }
    }
    even = !even;
    if (++bits === 5) { out += BASE32[idx]; bits = 0; idx = 0; }
  }
  return out;
}

/** [minLon, minLat, maxLon, maxLat] of a geohash; null when it is empty or has a bad character. */
export function geohashBounds(hash: string): [number, number, number, number] | null {
  if (hash.length === 0 || hash.length > 18) return null;
  let lonLo = -180, lonHi = 180, latLo = -90, latHi = 90, even = true;
  for (const ch of hash.toLowerCase()) {
    const v = BASE32.indexOf(ch);
    if (v < 0) return null;
    for (let b = 4; b >= 0; b--) {
      const bit = (v >> b) & 1;
      if (even) { const mid = (lonLo + lonHi) / 2; if (bit) lonLo = mid; else lonHi = mid; }
      else { const mid = (latLo + latHi) / 2; if (bit) latLo = mid; else latHi = mid; }
      even = !even;
    }
  }
  return [lonLo, latLo, lonHi, latHi];
}

const point = (lon: number, lat: number) => ({ type: 'Point', coordinates: [lon, lat] });
const validCell = (c: unknown): c is string => typeof c === 'string' && h3.isValidCell(c);

// ---- Lines and polygons on the sphere (edges are geodesics, as Kusto documents). ----

/** Kusto's Earth: a sphere with S2's radius. */
const EARTH_RADIUS_M = 6371010;
type Pt = [number, number];
type V3 = [number, number, number];
const rad = Math.PI / 180;

const vec = ([lon, lat]: Pt): V3 => [Math.cos(lat * rad) * Math.cos(lon * rad), Math.cos(lat * rad) * Math.sin(lon * rad), Math.sin(lat * rad)];
const dot3 = (a: V3, b: V3) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const cross3 = (a: V3, b: V3): V3 => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];

/** Great-circle (haversine) distance in metres. */
export function distanceM([lon1, lat1]: Pt, [lon2, lat2]: Pt): number {
  const h = Math.sin(((lat2 - lat1) * rad) / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.sqrt(Math.min(1, h)));
}

function point2(v: unknown): Pt | null {
  return Array.isArray(v) && v.length >= 2 && validLon(v[0]) && validLat(v[1]) ? [v[0], v[1]] : null;
}

function coords(v: unknown): Pt[] | null {
  if (!Array.isArray(v)) return null;
  const pts = v.map(point2);
  return pts.every((p): p is Pt => p !== null) ? pts : null;
}

const samePt = (a: Pt, b: Pt) => a[0] === b[0] && a[1] === b[1];

/** A line: at least two distinct points. */
export function line(v: unknown): Pt[] | null {
  const pts = coords(v);
  return pts && pts.length >= 2 && pts.some((p) => !samePt(p, pts[0]!)) ? pts : null;
}

class Unsupported extends Error {}

/**
 * Gnomonic projection centred on `c`: geodesics become straight lines, so planar tests are exact.
 * Only points in c's open hemisphere can be projected; anything else is refused.
 */
function gnomonic(c: V3, what: string): (p: Pt) => [number, number] {
  const up: V3 = Math.abs(c[2]) < 0.9 ? [0, 0, 1] : [1, 0, 0];
  const e1 = cross3(up, c);
  const n1 = Math.hypot(...e1);
  const u: V3 = [e1[0] / n1, e1[1] / n1, e1[2] / n1];
  const w = cross3(c, u);
  return (p) => {
    const v = vec(p);
    const d = dot3(v, c);
    if (!(d > 1e-9)) throw new Unsupported(`not supported: ${what} with a shape spanning 90° or more (the engine computes within one hemisphere)`);
    return [dot3(v, u) / d, dot3(v, w) / d];
  };
}

type XY = [number, number];
const orient = (a: XY, b: XY, c: XY) => (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);

function segmentsCross(a: XY, b: XY, c: XY, d: XY): boolean {
  const o1 = orient(a, b, c), o2 = orient(a, b, d), o3 = orient(c, d, a), o4 = orient(c, d, b);
  return o1 * o2 < 0 && o3 * o4 < 0;
}

/**
 * A closed ring (first point == last) with at least 3 distinct vertices and no crossing edges
 * (checked in the projection). Returns the vertices without the closing point; null when invalid.
 */
function ring(v: unknown, project: ((p: Pt) => XY) | null): Pt[] | null {
  const pts = coords(v);
  if (!pts || pts.length < 4 || !samePt(pts[0]!, pts[pts.length - 1]!)) return null;
  const verts = pts.slice(0, -1).filter((p, i, a) => i === 0 || !samePt(p, a[i - 1]!));
  if (verts.length > 1 && samePt(verts[0]!, verts[verts.length - 1]!)) verts.pop();
  if (new Set(verts.map((p) => `${p[0]},${p[1]}`)).size < 3) return null;
  if (project) {
    const xy = verts.map(project);
    const n = xy.length;
    for (let i = 0; i < n; i++) {
      for (let j = i + 2; j < n; j++) {
        if (i === 0 && j === n - 1) continue;
        if (segmentsCross(xy[i]!, xy[(i + 1) % n]!, xy[j]!, xy[(j + 1) % n]!)) return null;
      }
    }
  }
  return verts;
}

/** The normalised mean of a ring's vertices: the projection centre for checks on the ring. */
function centreOf(verts: readonly Pt[]): V3 {
  const s = verts.map(vec).reduce((a, b) => [a[0] + b[0], a[1] + b[1], a[2] + b[2]] as V3, [0, 0, 0] as V3);
  const n = Math.hypot(...s);
  return [s[0] / n, s[1] / n, s[2] / n];
}

/** Polygons of a GeoJSON Polygon/MultiPolygon as lists of raw rings (shell first). */
export function polygons(shape: unknown): unknown[][] | null {
  if (!isObj(shape)) return null;
  const c = shape['coordinates'];
  if (!Array.isArray(c)) return null;
  if (shape['type'] === 'Polygon') return [c];
  if (shape['type'] === 'MultiPolygon') return c.every(Array.isArray) ? (c as unknown[][]) : null;
  return null;
}

/** Each ring validated (projected around its own centre); null when any is invalid. */
export function validRings(rings: unknown[], what: string): Pt[][] | null {
  const out: Pt[][] = [];
  for (const r of rings) {
    const rough = ring(r, null);
    if (!rough) return null;
    const checked = ring(r, gnomonic(centreOf(rough), what));
    if (!checked) return null;
    out.push(checked);
  }
  return out.length ? out : null;
}

/** Area of a ring (the smaller of the two regions it bounds), in square metres. */
function ringArea(verts: readonly Pt[]): number {
  const v = verts.map(vec);
  let s = 0;
  for (let i = 1; i + 1 < v.length; i++) {
    const a = v[0]!, b = v[i]!, c = v[i + 1]!;
    s += 2 * Math.atan2(dot3(a, cross3(b, c)), 1 + dot3(a, b) + dot3(b, c) + dot3(c, a));
  }
  const omega = Math.abs(s);
  return Math.min(omega, 4 * Math.PI - omega) * EARTH_RADIUS_M ** 2;
}

const ringLength = (verts: readonly Pt[]) => verts.reduce((s, p, i) => s + distanceM(p, verts[(i + 1) % verts.length]!), 0);

/**
 * Ray casting in the gnomonic projection centred on the ring's vertex mean, exact for geodesic
 * edges. The ring was validated in that projection, so the region it bounds (the smaller one) lies
 * in the centre's open hemisphere: a point outside that hemisphere is outside the ring.
 */
function inRing(p: Pt, verts: readonly Pt[], centre: V3, what: string): boolean {
  if (!(dot3(vec(p), centre) > 1e-9)) return false;
  const project = gnomonic(centre, what);
  const xy = [...verts.map(project)];
  const [px, py] = project(p);
  for (const q of xy) { q[0] -= px; q[1] -= py; }
  let inside = false;
  for (let i = 0, j = xy.length - 1; i < xy.length; j = i++) {
    const [xi, yi] = xy[i]!, [xj, yj] = xy[j]!;
    if ((yi > 0) !== (yj > 0) && 0 < ((xj - xi) * (0 - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Neighbours of a geohash cell: the 8 cells of its size around it (fewer at the poles). */
function geohashNeighbors(hash: unknown): string[] | null {
  if (typeof hash !== 'string') return null;
  const b = geohashBounds(hash);
  if (!b) return null;
  const [x0, y0, x1, y1] = b;
  const [w, h] = [x1 - x0, y1 - y0];
  const [cx, cy] = [(x0 + x1) / 2, (y0 + y1) / 2];
  const out: string[] = [];
  for (const [dx, dy] of [[-1, 1], [0, 1], [1, 1], [-1, 0], [1, 0], [-1, -1], [0, -1], [1, -1]] as const) {
    const lat = cy + dy * h;
    if (lat < -90 || lat > 90) continue;
    let lon = cx + dx * w;
    if (lon > 180) lon -= 360;
    if (lon < -180) lon += 360;
    out.push(geohashEncode(lon, lat, hash.length));
  }
  return out;
}

/** A MultiPolygon's union area (which = 0) or perimeter (1): udfs-geo-union.ts; null when a ring is invalid. */
function multiPolygon(polys: unknown[][], what: string, which: 0 | 1): number | null {
  const valid = polys.map((rings) => validRings(rings, what));
  if (valid.some((r) => r === null)) return null;
  const m = multiPolygonMeasures(valid as Pt[][][], what)[which];
  if (m === null) throw new Unsupported(`not supported: ${what} of a polygon with holes`);
  return m;
}

type Op = (args: unknown[]) => unknown;

/** Geohash, H3 and spherical measures; udfs.ts registers them with S2_OPS as `harrier_geo`. */
export const GEO_OPS: Readonly<Record<string, Op>> = {
  geohash_neighbors: ([hash]) => geohashNeighbors(hash),
  point_to_geohash: ([lon, lat, acc]) => {
    const a = int(acc);
    return validLon(lon) && validLat(lat) && a !== null && a >= 1 && a <= 18 ? geohashEncode(lon, lat, a) : '';
  },
  geohash_to_central_point: ([h]) => {
    const b = typeof h === 'string' ? geohashBounds(h) : null;
    return b ? point((b[0] + b[2]) / 2, (b[1] + b[3]) / 2) : null;
  },
  geohash_to_polygon: ([h]) => {
    const b = typeof h === 'string' ? geohashBounds(h) : null;
    if (!b) return null;
    const [x0, y0, x1, y1] = b;
    return { type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] };
  },
  point_to_h3cell: ([lon, lat, res]) => {
    const r = int(res);
    return validLon(lon) && validLat(lat) && r !== null && r >= 0 && r <= 15 ? h3.latLngToCell(lat, lon, r) : '';
  },
  h3cell_level: ([c]) => (validCell(c) ? h3.getResolution(c) : null),
  h3cell_to_central_point: ([c]) => {
    if (!validCell(c)) return null;
    const [lat, lng] = h3.cellToLatLng(c);
    return point(lng, lat);
  },
  h3cell_parent: ([c, res]) => {
    if (!validCell(c)) return '';
    const level = h3.getResolution(c);
    const r = res === null || res === undefined ? level - 1 : int(res);
    return r !== null && r >= 0 && r <= level ? h3.cellToParent(c, r) : '';
  },
  /** Children at `res` (default: one level down); at most 5 levels below the cell, as Kusto. */
  h3cell_children: ([c, res]) => {
    if (!validCell(c)) return null;
    const level = h3.getResolution(c);
    const r = res === null || res === undefined ? level + 1 : int(res);
    return r !== null && r >= level && r <= 15 && r >= 1 && r - level <= 5 ? h3.cellToChildren(c, r) : null;
  },
  /** The ring at distance 1 in H3's gridDisk order (the cell itself excluded). */
  h3cell_neighbors: ([c]) => (validCell(c) ? h3.gridDisk(c, 1).filter((x) => x !== c) : null),
  /** Rings 0..distance (distance in [0, 142]). */
  h3cell_rings: ([c, d]) => {
    const k = int(d);
    return validCell(c) && k !== null && k >= 0 && k <= 142 ? h3.gridDiskDistances(c, k) : null;
  },
  /** The cell boundary as a closed GeoJSON ring of [lng, lat]. */
  h3cell_to_polygon: ([c]) => (validCell(c) ? { type: 'Polygon', coordinates: [h3.cellToBoundary(c, true)] } : null),
  line_length: ([shape]) => {
    if (!isObj(shape)) return null;
    const c = shape['coordinates'];
    const lines = shape['type'] === 'LineString' ? [c] : shape['type'] === 'MultiLineString' && Array.isArray(c) ? c : null;
    if (!lines || lines.length === 0) return null;
    let total = 0;
    for (const l of lines) {
      const pts = line(l);
      if (!pts) return null;
      for (let i = 0; i + 1 < pts.length; i++) total += distanceM(pts[i]!, pts[i + 1]!);
    }
    return total;
  },
  /** Single polygons only: a MultiPolygon's measure is that of the union of its polygons. */
  polygon_area: ([shape]) => {
    const polys = polygons(shape);
    if (!polys) return null;
    if (polys.length !== 1) return multiPolygon(polys, 'geo_polygon_area()', 0);
    const rings = validRings(polys[0]!, 'geo_polygon_area()');
    return rings ? Math.max(0, ringArea(rings[0]!) - rings.slice(1).reduce((s, r) => s + ringArea(r), 0)) : null;
  },
  polygon_perimeter: ([shape]) => {
    const polys = polygons(shape);
    if (!polys) return null;
    if (polys.length !== 1) return multiPolygon(polys, 'geo_polygon_perimeter()', 1);
    if (polys[0]!.length !== 1) throw new Unsupported('not supported: geo_polygon_perimeter() of a polygon with holes');
    const rings = validRings(polys[0]!, 'geo_polygon_perimeter()');
    return rings ? ringLength(rings[0]!) : null;
  },
  /** Inside the shell and outside every hole of any polygon. */
  point_in_polygon: ([lon, lat, shape]) => {
    if (!validLon(lon) || !validLat(lat)) return null;
    const polys = polygons(shape);
    if (!polys) return null;
    const valid = polys.map((rings) => validRings(rings, 'geo_point_in_polygon()'));
    if (valid.some((r) => r === null)) return null;
    const p: Pt = [lon, lat];
    const what = 'geo_point_in_polygon()';
    return (valid as Pt[][][]).some(([shell, ...holes]) => {
      const centre = centreOf(shell!);
      return inRing(p, shell!, centre, what) && !holes.some((h) => inRing(p, h, centre, what));
    });
  },
};
