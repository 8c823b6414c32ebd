/**
 * S2 cells (npm s2js, Google's S2 as Kusto uses it), geo_angle, geo_azimuth, geohash neighbours and
 * geo_from_wkt, pinned to the values on each function's documentation page, with the documented
 * invalid-input results (null, or '' for a token).
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { getEngine, rows } from './helpers.js';

after(async () => (await getEngine()).close());

const one = async (q: string) => (await rows(q))[0]!;
const near = (a: unknown, e: number, tol = 1e-12) => assert.ok(Math.abs(Number(a) - e) <= tol * Math.max(1, Math.abs(e)), `${String(a)} vs ${e}`);
const POLY = `dynamic({"type":"Polygon","coordinates":[[[0,0],[0,50],[100,50],[0,0]]]})`;

describe('S2 cells', () => {
  it('point → token at a level; invalid coordinates or level give an empty string', async () => {
    assert.deepEqual(await one(`print geo_point_to_s2cell(-80.195829, 25.802215, 8), geo_point_to_s2cell(10.1234, 53, 8), geo_point_to_s2cell(10.6842, 53, 8),
      geo_point_to_s2cell(300, 1, 8), geo_point_to_s2cell(1, 1, 35), geo_point_to_s2cell(1, 1, int(null))`), ['88d9b', '47b1d', '47ae3', '', '', '']);
    // Default level 11: the New York example's cell.
    assert.equal((await one(`print geo_point_to_s2cell(-73.95, 40.75)`))[0], '89c2594');
  });

  it("a cell's centre, polygon (vertex order as documented) and neighbours; invalid tokens give null", async () => {
    const [centre, polygon, bad1, bad2, bad3] = await one(`print geo_s2cell_to_central_point("1234567"), geo_s2cell_to_polygon("89c259"),
      geo_s2cell_to_central_point("a"), geo_s2cell_to_polygon("a"), geo_s2cell_neighbors("a")`) as [{ coordinates: number[] }, { coordinates: number[][][] }, null, null, null];
    near(centre.coordinates[0], 9.86830731850408);
    near(centre.coordinates[1], 27.468392925827604);
    const expected = [[-74.030012249838478, 40.8012684339439], [-74.030012249838478, 40.7222262918358], [-73.935982114337421, 40.708880489804564], [-73.935982114337421, 40.787917134506841], [-74.030012249838478, 40.8012684339439]];
    polygon.coordinates[0]!.forEach((p, i) => { near(p[0], expected[i]![0]!); near(p[1], expected[i]![1]!); });
    assert.deepEqual([bad1, bad2, bad3], [null, null, null]);
    const [n] = await one(`print geo_s2cell_neighbors("89c259")`) as [string[]];
    assert.deepEqual([...n].sort(), ['89c251', '89c257', '89c25b', '89c25d', '89c25f', '89c2f5', '89c2f7', '89c2f9']);
  });

  it('polygon coverings at a fixed level; over 65,536 cells gives null', async () => {
    assert.deepEqual(await one(`print array_length(geo_polygon_to_s2cells(${POLY}, 5)), isnull(geo_polygon_to_s2cells(${POLY}, 30)), isnull(geo_polygon_to_s2cells(${POLY}, 31))`), [286, true, true]);
    // Every cell of the covering is at the level asked for and contains part of the polygon: the point (20, 40) is inside (edges are geodesics).
    const [covered, cell] = await one(`let c = geo_polygon_to_s2cells(${POLY}, 5); print c, geo_point_to_s2cell(20, 40, 5)`) as [string[], string];
    assert.ok(covered.includes(cell));
    assert.equal((await one(`print isnull(geo_line_to_s2cells(dynamic({"type":"LineString","coordinates":[[[0,0],[0,0]]]})))`))[0], true);
    assert.ok(((await one(`print array_length(geo_line_to_s2cells(dynamic({"type":"LineString","coordinates":[[0,0],[1,1]]}), 8))`))[0] as number) > 1);
  });
});

describe('angles, azimuths, geohash neighbours, WKT', () => {
  it('geo_angle and geo_azimuth in radians; coincident points give null', async () => {
    const [angle, azimuth, a0, z0] = await one(`print geo_angle(0, 10, 0, 5, 3, -10), geo_azimuth(5, 10, 10, -40), geo_angle(0, 10, 0, 10, 3, -10), geo_azimuth(5, 10, 5, 10)`);
    near(angle, 2.94493843406882);
    near(azimuth, 3.05459939796449);
    assert.deepEqual([a0, z0], [null, null]);
  });

  it('geohash neighbours: the 8 cells around, any order; invalid hash gives null', async () => {
    const [n, bad] = await one(`print geo_geohash_neighbors('sunny'), geo_geohash_neighbors('a')`) as [string[], null];
    assert.deepEqual([...n].sort(), ['sunnt', 'sunnv', 'sunnw', 'sunnx', 'sunnz', 'sunpj', 'sunpn', 'sunpp']);
    assert.equal(bad, null);
  });

  it('geo_from_wkt converts every geometry type; invalid or unsupported text gives null', async () => {
    const [pt, line, poly, mp, ml, mpoly, gc] = await one(`print geo_from_wkt("POINT (1 2)"), geo_from_wkt("LINESTRING (1 2, 3 4)"), geo_from_wkt("POLYGON ((0 0, 2 0, 2 2, 0 0))"),
      geo_from_wkt("MULTIPOINT (1 1, 2 2, 3 3)"), geo_from_wkt("MULTILINESTRING ((1 1, 2 2, 3 3), (4 4, 5 5))"),
      geo_from_wkt("MULTIPOLYGON (((0 0, 2 0, 2 2, 0 0)),((10 10, 12 10, 12 12, 10 10)))"),
      geo_from_wkt("GEOMETRYCOLLECTION (POINT (1 1),LINESTRING (2 2, 3 3, 4 4),POLYGON ((10 10, 12 10, 12 12, 10 10)))")`);
    assert.deepEqual(pt, { type: 'Point', coordinates: [1, 2] });
    assert.deepEqual(line, { type: 'LineString', coordinates: [[1, 2], [3, 4]] });
    assert.deepEqual(poly, { type: 'Polygon', coordinates: [[[0, 0], [2, 0], [2, 2], [0, 0]]] });
    assert.deepEqual(mp, { type: 'MultiPoint', coordinates: [[1, 1], [2, 2], [3, 3]] });
    assert.deepEqual(ml, { type: 'MultiLineString', coordinates: [[[1, 1], [2, 2], [3, 3]], [[4, 4], [5, 5]]] });
    assert.deepEqual(mpoly, { type: 'MultiPolygon', coordinates: [[[[0, 0], [2, 0], [2, 2], [0, 0]]], [[[10, 10], [12, 10], [12, 12], [10, 10]]]] });
    assert.deepEqual(gc, { type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: [1, 1] }, { type: 'LineString', coordinates: [[2, 2], [3, 3], [4, 4]] }, { type: 'Polygon', coordinates: [[[10, 10], [12, 10], [12, 12], [10, 10]]] }] });
    const bad = await one(`print isnull(geo_from_wkt("LINESTRING")), isnull(geo_from_wkt("POINT (1 2 3)")), isnull(geo_from_wkt("POLYGON ((0 0, 2 0, 2 2, 0 1))")),
      isnull(geo_from_wkt("POINT EMPTY")), isnull(geo_from_wkt("POINT (1 2) junk")), isnull(geo_from_wkt("CIRCLE (1 2)"))`);
    assert.deepEqual(bad, [true, true, true, true, true, true]);
  });
});
