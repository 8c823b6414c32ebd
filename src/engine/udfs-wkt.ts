/**
 * geo_from_wkt: Well-known text → GeoJSON (Point, LineString, Polygon, their Multi* forms and
 * GeometryCollection), two-dimensional, longitude first. Invalid or unsupported text (EMPTY, Z/M
 * coordinates, unclosed rings, coordinates outside WGS-84's ranges) gives null, as Kusto documents.
 */
type Pos = [number, number];
type Geo = { type: string; coordinates?: unknown; geometries?: Geo[] };

class Bad extends Error {}

class Reader {
  private readonly tokens: string[];
  private i = 0;
  constructor(text: string) {
    this.tokens = text.match(/[A-Za-z]+|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|[(),]|\S/g) ?? [];
  }
  peek(): string | undefined { return this.tokens[this.i]; }
  next(): string {
    const t = this.tokens[this.i++];
    if (t === undefined) throw new Bad();
    return t;
  }
  expect(t: string): void { if (this.next() !== t) throw new Bad(); }
  done(): boolean { return this.i === this.tokens.length; }
}

function position(r: Reader): Pos {
  const [x, y] = [Number(r.next()), Number(r.next())];
  // A third number (Z or M) is unsupported; so are values outside longitude/latitude ranges.
  if (!Number.isFinite(x) || !Number.isFinite(y) || x < -180 || x > 180 || y < -90 || y > 90) throw new Bad();
  return [x, y];
}

function list<T>(r: Reader, item: (r: Reader) => T): T[] {
  r.expect('(');
  const out = [item(r)];
  while (r.peek() === ',') { r.next(); out.push(item(r)); }
  r.expect(')');
  return out;
}

function line(r: Reader): Pos[] {
  const pts = list(r, position);
  if (pts.length < 2) throw new Bad();
  return pts;
}

function ring(r: Reader): Pos[] {
  const pts = list(r, position);
  const [a, b] = [pts[0]!, pts[pts.length - 1]!];
  if (pts.length < 4 || a[0] !== b[0] || a[1] !== b[1]) throw new Bad();
  return pts;
}

/** MULTIPOINT accepts both `(1 1, 2 2)` and `((1 1), (2 2))`. */
const multiPointItem = (r: Reader): Pos => {
  if (r.peek() !== '(') return position(r);
  r.next();
  const p = position(r);
  r.expect(')');
  return p;
};

function geometry(r: Reader): Geo {
  const kind = r.next().toUpperCase();
  if (r.peek()?.toUpperCase() === 'EMPTY') throw new Bad();
  switch (kind) {
    case 'POINT': {
      const pts = list(r, position);
      if (pts.length !== 1) throw new Bad();
      return { type: 'Point', coordinates: pts[0] };
    }
    case 'LINESTRING': return { type: 'LineString', coordinates: line(r) };
    case 'POLYGON': return { type: 'Polygon', coordinates: list(r, ring) };
    case 'MULTIPOINT': return { type: 'MultiPoint', coordinates: list(r, multiPointItem) };
    case 'MULTILINESTRING': return { type: 'MultiLineString', coordinates: list(r, line) };
    case 'MULTIPOLYGON': return { type: 'MultiPolygon', coordinates: list(r, (x) => list(x, ring)) };
    case 'GEOMETRYCOLLECTION': return { type: 'GeometryCollection', geometries: list(r, geometry) };
    default: throw new Bad();
  }
}

/** GeoJSON of a WKT string, or null. */
export function fromWkt(text: unknown): Geo | null {
  if (typeof text !== 'string') return null;
  try {
    const r = new Reader(text);
    const g = geometry(r);
    return r.done() ? g : null;
  } catch (e) {
    if (e instanceof Bad) return null;
    throw e;
  }
}
