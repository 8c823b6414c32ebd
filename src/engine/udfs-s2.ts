/**
 * S2 cell functions and spherical angles for the `harrier_geo` UDF, through npm `s2js` (a port of
 * Google's S2 geometry library, the library Kusto's S2 functions use): cell tokens, centres,
 * vertices, neighbours and fixed-level coverings of polygons and lines, plus geo_angle and
 * geo_azimuth on the unit sphere. Invalid input gives null (or '' for a token), as Kusto documents
 * for each function.
 */
import { s2 } from 's2js';
import { fromWkt } from './udfs-wkt.js';
import { polygons } from './udfs-geo.js';
import { LatLng, Loop, Polygon, lines, lonLat, toPoint, validLat, validLon, type Op, type Pt, type S2Polygon } from './udfs-geo-shapes-core.js';

const { cellid, Cell, RegionCoverer } = s2;
type CellID = bigint;

/** Kusto's limit on the tokens of one covering (geo_polygon_to_s2cells, geo_line_to_s2cells). */
const MAX_COVERING_CELLS = 65536;
const DEFAULT_LEVEL = 11;
const deg = 180 / Math.PI;

const level = (v: unknown, dflt: number): number | null => {
  const n = v === null || v === undefined ? dflt : v;
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 30 ? n : null;
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
  const loop = new Loop((ring as Pt[]).slice(0, -1).map(toPoint));
  loop.normalize();
  return loop;
}

/**
 * S2 polygon of a GeoJSON Polygon or MultiPolygon; null when malformed. Unlike the measuring
 * functions (udfs-geo-shapes-core.ts), a covering needs no projection, so wide shapes are not refused.
 */
function polygonOf(shape: unknown): S2Polygon | null {
  const polys = polygons(shape);
  if (!polys || polys.length === 0) return null;
  const loops: InstanceType<typeof Loop>[] = [];
  for (const rings of polys) {
    if (rings.length === 0) return null;
    for (const r of rings) {
      const l = loopOf(r);
      if (!l) return null;
      loops.push(l);
    }
  }
  return new Polygon(loops);
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
    const ls = lines(shape, true);
    return ls ? coverAtLevel(ls, l) : null;
  },
  /** Clockwise angle at p2 from the line to p1 to the line to p3, in [0, 2π). */
  angle: ([lon1, lat1, lon2, lat2, lon3, lat3]) => {
    if (![lon1, lon2, lon3].every(validLon) || ![lat1, lat2, lat3].every(validLat)) return null;
    const [a, b, c] = [[lon1, lat1], [lon2, lat2], [lon3, lat3]] as Pt[];
    if (toPoint(a!).equals(toPoint(b!)) || toPoint(c!).equals(toPoint(b!))) return null;
    return (azimuthRad(b!, c!) - azimuthRad(b!, a!) + 4 * Math.PI) % (2 * Math.PI);
  },
  azimuth: ([lon1, lat1, lon2, lat2]) => {
    if (!validLon(lon1) || !validLat(lat1) || !validLon(lon2) || !validLat(lat2)) return null;
    if (toPoint([lon1, lat1]).equals(toPoint([lon2, lat2]))) return null;
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
