/**
 * Shared parsing for the geodesic shape UDFs (udfs-geo-shapes.ts, udfs-geo-shapes-overlay.ts):
 * GeoJSON lines and polygons validated as the other geo functions do (src/engine/udfs-geo.ts) and
 * turned into s2js polylines and polygons, point conversions, and the `not supported: …` refusal.
 */
import { s2 } from 's2js';
import { line, polygons, validRings } from './udfs-geo.js';

export const { LatLng, Point, Polyline, Loop, Polygon } = s2;
export type S2Point = InstanceType<typeof Point>;
export type S2Polyline = InstanceType<typeof Polyline>;
export type S2Polygon = InstanceType<typeof Polygon>;
export type Pt = [number, number];
export type Op = (args: unknown[]) => unknown;

/** S2's Earth radius, the sphere Kusto measures on. */
export const EARTH_RADIUS_M = 6371010;
const deg = 180 / Math.PI;

export class Unsupported extends Error {}
export const refuse = (what: string): never => {
  throw new Unsupported(`not supported: ${what}`);
};

export const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
export const validLon = (v: unknown): v is number => typeof v === 'number' && v >= -180 && v <= 180;
export const validLat = (v: unknown): v is number => typeof v === 'number' && v >= -90 && v <= 90;

export const toPoint = ([lon, lat]: Pt): S2Point => Point.fromLatLng(LatLng.fromDegrees(lat, lon));
export const lonLat = (p: S2Point): Pt => {
  const ll = LatLng.fromPoint(p);
  return [ll.lng * deg, ll.lat * deg];
};
export const geoPoint = (p: S2Point) => ({ type: 'Point', coordinates: lonLat(p) });
export const metres = (a: S2Point, b: S2Point) => a.distance(b) * EARTH_RADIUS_M;

/** The lines of a LineString or MultiLineString (each at least two distinct valid points); null when invalid. */
export function lines(shape: unknown, multi: boolean): S2Polyline[] | null {
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
export interface Shape { polygon: S2Polygon; boundaries: S2Polyline[] }

export function shapes(shape: unknown, what: string): Shape[] | null {
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
