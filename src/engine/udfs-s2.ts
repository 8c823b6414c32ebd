/**
 * S2 cell functions and spherical angles for the `harrier_geo` UDF, through npm `s2js` (a port of
 * Google's S2 geometry library, the library Kusto's S2 functions use): cell tokens, centres,
 * vertices, neighbours and fixed-level coverings of polygons and lines, plus geo_angle and
 * geo_azimuth on the unit sphere. Invalid input gives null (or '' for a token), as Kusto documents
 * for each function.
 */
import { s2 } from 's2js';
import { fromWkt } from './udfs-wkt.js';

const { cellid, LatLng, Cell, Point, Loop, Polygon, Polyline, RegionCoverer } = s2;
type CellID = bigint;
type Op = (args: unknown[]) => unknown;
type Pt = [number, number];

/** Kusto's limit on the tokens of one covering (geo_polygon_to_s2cells, geo_line_to_s2cells). */
const MAX_COVERING_CELLS = 65536;
const DEFAULT_LEVEL = 11;
const deg = 180 / Math.PI;

const validLon = (v: unknown): v is number => typeof v === 'number' && v >= -180 && v <= 180;
const validLat = (v: unknown): v is number => typeof v === 'number' && v >= -90 && v <= 90;
const level = (v: unknown, dflt: number): number | null => {
  const n = v === null || v === undefined ? dflt : v;
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 30 ? n : null;
};
const toPoint = (lon: number, lat: number) => Point.fromLatLng(LatLng.fromDegrees(lat, lon));
const lonLat = (p: InstanceType<typeof Point>): Pt => {
  const ll = LatLng.fromPoint(p);
  return [ll.lng * deg, ll.lat * deg];
};

/** A cell from its token; null unless the token is a valid cell id of at most 16 hex digits. */
function cellOf(token: unknown): CellID | null {
  if (typeof token !== 'string' || !/^[0-9a-fA-F]{1,16}$/.test(token)) return null;
  const id = cellid.fromToken(token.toLowerCase());
  return cellid.valid(id) ? id : null;
}

const isPt = (v: unknown): v is Pt => Array.isArray(v) && v.length >= 2 && validLon(v[0]) && validLat(v[1]);

/** S2 loop of a GeoJSON ring (closed, ≥ 4 positions); its interior is the smaller side, as in Kusto. */
function loopOf(ring: unknown): InstanceType<typeof Loop> | null {
  if (!Array.isArray(ring) || ring.length < 4 || !ring.every(isPt)) return null;
  const [first, last] = [ring[0] as Pt, ring[ring.length - 1] as Pt];
  if (first[0] !== last[0] || first[1] !== last[1]) return null;
  const pts = (ring as Pt[]).slice(0, -1).map(([lon, lat]) => toPoint(lon, lat));
  const loop = new Loop(pts);
  loop.normalize();
  return loop;
}

/** S2 polygon of a GeoJSON Polygon or MultiPolygon; null when malformed. */
function polygonOf(shape: unknown): InstanceType<typeof Polygon> | null {
  if (typeof shape !== 'object' || shape === null) return null;
  const { type, coordinates } = shape as { type?: unknown; coordinates?: unknown };
  const polys = type === 'Polygon' ? [coordinates] : type === 'MultiPolygon' && Array.isArray(coordinates) ? coordinates : null;
  if (!polys || polys.length === 0) return null;
  const loops: InstanceType<typeof Loop>[] = [];
  for (const rings of polys) {
    if (!Array.isArray(rings) || rings.length === 0) return null;
    for (const r of rings) {
      const l = loopOf(r);
      if (!l) return null;
      loops.push(l);
    }
  }
  return new Polygon(loops);
}

/** S2 polyline of a GeoJSON LineString or MultiLineString (each line ≥ 2 distinct positions). */
function polylinesOf(shape: unknown): InstanceType<typeof Polyline>[] | null {
  if (typeof shape !== 'object' || shape === null) return null;
  const { type, coordinates } = shape as { type?: unknown; coordinates?: unknown };
  const lines = type === 'LineString' ? [coordinates] : type === 'MultiLineString' && Array.isArray(coordinates) ? coordinates : null;
  if (!lines || lines.length === 0) return null;
  const out: InstanceType<typeof Polyline>[] = [];
  for (const line of lines) {
    if (!Array.isArray(line) || line.length < 2 || !line.every(isPt)) return null;
    const pts = (line as Pt[]).map(([lon, lat]) => toPoint(lon, lat));
    if (pts.every((p) => p.equals(pts[0]!))) return null;
    out.push(new Polyline(pts));
  }
  return out;
}

/**
 * All cells of `lvl` that a region touches, or null when they would exceed Kusto's limit. The
 * count is estimated first from the region's bounding cap, so a huge request fails fast.
 */
function coverAtLevel(regions: readonly { capBound(): { area(): number } }[], lvl: number): string[] | null {
  const avgCellArea = (4 * Math.PI) / (6 * 4 ** lvl);
  const estimate = regions.reduce((n, r) => n + r.capBound().area() / avgCellArea, 0);
  // The cap bounds the region from outside: a loose upper estimate, checked with a wide margin.
  if (estimate > MAX_COVERING_CELLS * 64) return null;
  const coverer = new RegionCoverer({ minLevel: lvl, maxLevel: lvl, maxCells: MAX_COVERING_CELLS });
  const cells = new Set<string>();
  for (const r of regions) {
    for (const id of coverer.covering(r as never)) {
      cells.add(cellid.toToken(id));
      if (cells.size > MAX_COVERING_CELLS) return null;
    }
  }
  return [...cells];
}

export const S2_OPS: Readonly<Record<string, Op>> = {
  from_wkt: ([text]) => fromWkt(text),
  point_to_s2cell: ([lon, lat, lvl]) => {
    const l = level(lvl, DEFAULT_LEVEL);
    if (!validLon(lon) || !validLat(lat) || l === null || lvl === null) return '';
    return cellid.toToken(cellid.parent(cellid.fromLatLng(LatLng.fromDegrees(lat, lon)), l));
  },
  s2cell_to_central_point: ([token]) => {
    const id = cellOf(token);
    if (id === null) return null;
    const ll = cellid.latLng(id);
    return { type: 'Point', coordinates: [ll.lng * deg, ll.lat * deg] };
  },
  s2cell_neighbors: ([token]) => {
    const id = cellOf(token);
    return id === null ? null : cellid.allNeighbors(id, cellid.level(id)).map(cellid.toToken);
  },
  s2cell_to_polygon: ([token]) => {
    const id = cellOf(token);
    if (id === null) return null;
    const cell = Cell.fromCellID(id);
    const ring = [0, 1, 2, 3].map((k) => lonLat(cell.vertex(k)));
    return { type: 'Polygon', coordinates: [[...ring, ring[0]!]] };
  },
  polygon_to_s2cells: ([shape, lvl, radius]) => {
    const l = level(lvl, DEFAULT_LEVEL);
    if (l === null || !(radius === null || radius === undefined || radius === 0)) return null;
    const poly = polygonOf(shape);
    return poly ? coverAtLevel([poly], l) : null;
  },
  line_to_s2cells: ([shape, lvl, radius]) => {
    const l = level(lvl, DEFAULT_LEVEL);
    if (l === null || !(radius === null || radius === undefined || radius === 0)) return null;
    const lines = polylinesOf(shape);
    return lines ? coverAtLevel(lines, l) : null;
  },
  /** Clockwise angle at p2 from the line to p1 to the line to p3, in [0, 2π). */
  angle: ([lon1, lat1, lon2, lat2, lon3, lat3]) => {
    if (![lon1, lon2, lon3].every(validLon) || ![lat1, lat2, lat3].every(validLat)) return null;
    const [a, b, c] = [toPoint(lon1 as number, lat1 as number), toPoint(lon2 as number, lat2 as number), toPoint(lon3 as number, lat3 as number)];
    if (a.equals(b) || c.equals(b)) return null;
    const az = (from: InstanceType<typeof Point>, to: InstanceType<typeof Point>) => azimuthRad(lonLat(from), lonLat(to));
    const r = (az(b, c) - az(b, a) + 4 * Math.PI) % (2 * Math.PI);
    return r;
  },
  azimuth: ([lon1, lat1, lon2, lat2]) => {
    if (!validLon(lon1) || !validLat(lat1) || !validLon(lon2) || !validLat(lat2)) return null;
    if (toPoint(lon1, lat1).equals(toPoint(lon2, lat2))) return null;
    return azimuthRad([lon1, lat1], [lon2, lat2]);
  },
};

/** Initial bearing of the great circle from p to q, clockwise from north, in [0, 2π). */
function azimuthRad([lon1, lat1]: Pt, [lon2, lat2]: Pt): number {
  const [p1, p2, dl] = [lat1 / deg, lat2 / deg, (lon2 - lon1) / deg];
  const y = Math.sin(dl) * Math.cos(p2);
  const x = Math.cos(p1) * Math.sin(p2) - Math.sin(p1) * Math.cos(p2) * Math.cos(dl);
  return (Math.atan2(y, x) + 2 * Math.PI) % (2 * Math.PI);
}
