/**
 * Geodesic line/polygon functions (s2js), pinned to the outputs on Microsoft's doc pages
 * (learn.microsoft.com/kusto/query/geo-*-function), including their null rules, plus the refusal
 * that keeps a MultiPolygon with overlapping polygons from a silently wrong centroid.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { getEngine, rows } from './helpers.js';

after(async () => (await getEngine()).close());

const one = async (q: string) => (await rows(q))[0]!;
const near = (a: unknown, e: number, tol = 1e-9) => assert.ok(Math.abs(Number(a) - e) <= tol * Math.max(1, Math.abs(e)), `${String(a)} vs ${e}`);
const nearPt = (p: unknown, [lon, lat]: [number, number]) => {
  const c = (p as { type: string; coordinates: number[] });
  assert.equal(c.type, 'Point');
  near(c.coordinates[0], lon, 1e-12);
  near(c.coordinates[1], lat, 1e-12);
};

const VEGAS = `dynamic({"type":"LineString","coordinates":[[-115.115385,36.229195],[-115.136995,36.200366],[-115.140252,36.192470],[-115.143558,36.188523],[-115.144076,36.181954],[-115.154662,36.174483],[-115.166431,36.176388],[-115.183289,36.175007],[-115.192612,36.176736],[-115.202485,36.173439],[-115.225355,36.174365]]})`;
const PARK = `dynamic({"type":"Polygon","coordinates":[[[-73.9495,40.7969],[-73.95807266235352,40.80068603561921],[-73.98201942443848,40.76825672305777],[-73.97317886352539,40.76455136505513],[-73.9495,40.7969]]]})`;
const LINE = `dynamic({"type":"LineString","coordinates":[[-73.95796, 40.80042], [-73.97317, 40.764486]]})`;
const BAD_POLY = `dynamic({"type": "Polygon","coordinates": [[[0,0],[10,10],[10,10],[0,0]]]})`;

describe('geodesic lines and polygons', () => {
  it('centroids of a line and a polygon', async () => {
    const [lc, pc, bad1, bad2] = await one(`print geo_line_centroid(${LINE}), geo_polygon_centroid(${PARK}),
      isnull(geo_line_centroid(dynamic({"type":"LineString","coordinates":[[1, 1]]}))), isnull(geo_polygon_centroid(${BAD_POLY}))`);
    nearPt(lc, [-73.965567057230942, 40.782453249627416]);
    nearPt(pc, [-73.965735689907618, 40.782550538057812]);
    assert.deepEqual([bad1, bad2], [true, true]);
  });

  it('distance to and closest point on a line; invalid input is null', async () => {
    const [d, p, noCoords, badLon] = await one(`print geo_distance_point_to_line(-115.199625, 36.210419, ${VEGAS}),
      geo_closest_point_on_line(-115.199625, 36.210419, ${VEGAS}), geo_distance_point_to_line(1, 1, dynamic({"type":"LineString"})),
      isnull(geo_closest_point_on_line(300, 3, dynamic({"type":"LineString","coordinates":[[1,1],[2,2]]})))`);
    near(d, 3797.88887253334, 1e-12);
    nearPt(p, [-115.192612, 36.176736]);
    assert.equal(noCoords, null);
    assert.equal(badLon, true);
  });

  it('distance to and closest point on a polygon (0 inside a MultiPolygon)', async () => {
    const [d, p, inside, badLon, badPoly] = await one(`print geo_distance_point_to_polygon(-73.9839, 40.7705, ${PARK}),
      geo_closest_point_on_polygon(-73.9839, 40.7705, ${PARK}),
      geo_distance_point_to_polygon(-73.9657, 40.7825, dynamic({"type":"MultiPolygon","coordinates":[[[[-73.9495,40.7969],[-73.95807266235352,40.80068603561921],[-73.98201942443848,40.76825672305777],[-73.97317886352539,40.76455136505513],[-73.9495,40.7969]]],[[[10,10],[11,10],[11,11],[10,10]]]]})),
      geo_distance_point_to_polygon(500, 1, dynamic({"type": "Polygon","coordinates": [[[0,0],[10,10],[10,1],[0,0]]]})),
      isnull(geo_closest_point_on_polygon(1, 1, ${BAD_POLY}))`);
    near(d, 259.940756070596, 1e-12);
    nearPt(p, [-73.981205580153926, 40.769359452843211]);
    assert.equal(inside, 0);
    assert.equal(badLon, null);
    assert.equal(badPoly, true);
  });

  it('interpolates and locates along a line', async () => {
    const [p, f, bad1, bad2] = await one(`print geo_line_interpolate_point(${LINE}, 0.25), geo_line_locate_point(${LINE}, -73.965, 40.792),
      isnull(geo_line_interpolate_point(dynamic({"type":"LineString","coordinates":[[1, 1]]}), 0.5)),
      isnull(geo_line_locate_point(dynamic({"type":"LineString","coordinates":[[1, 1]]}), 1, 1))`);
    nearPt(p, [-73.961764043218281, 40.791436687257232]);
    near(f, 0.25560135100307552, 1e-11);
    assert.deepEqual([bad1, bad2], [true, true]);
  });

  it('intersection tests', async () => {
    const [l2, lp, pp, far, bad] = await one(`print
      geo_intersects_2lines(dynamic({"type":"LineString","coordinates":[[-73.978929,40.785155],[-73.980903,40.782621]]}), dynamic({"type":"LineString","coordinates":[[-73.985195,40.788275],[-73.974552,40.779761]]})),
      geo_intersects_line_with_polygon(dynamic({"type":"LineString","coordinates":[[-73.985195,40.788275],[-73.974552,40.779761]]}), dynamic({"type":"Polygon","coordinates":[[[-73.9712905883789,40.78580561168767],[-73.98004531860352,40.775276834803655],[-73.97000312805176,40.77852663535664],[-73.9712905883789,40.78580561168767]]]})),
      geo_intersects_2polygons(dynamic({"type":"Polygon","coordinates":[[[-73.9630937576294,40.77498840732385],[-73.963565826416,40.774383111780914],[-73.96205306053162,40.773745311181585],[-73.96160781383514,40.7743912365898],[-73.9630937576294,40.77498840732385]]]}), dynamic({"type":"Polygon","coordinates":[[[-73.96213352680206,40.775045280447145],[-73.9631313085556,40.774578106920345],[-73.96207988262177,40.77416780398293],[-73.96213352680206,40.775045280447145]]]})),
      geo_intersects_2polygons(${PARK}, dynamic({"type":"Polygon","coordinates":[[[10,10],[11,10],[11,11],[10,10]]]})),
      isnull(geo_intersects_2polygons(dynamic({"type":"Polygon"}), ${PARK}))`);
    assert.deepEqual([l2, lp, pp, far, bad], [true, true, true, false, true]);
  });

  it('densifies planar edges into geodesic chains within the tolerance (default 10 m)', async () => {
    const [short, long, poly, badLon, zeroTol] = await one(`print
      geo_line_densify(dynamic({"type":"LineString","coordinates":[[-73.949247, 40.796860],[-73.973017, 40.764323]]})),
      geo_line_densify(dynamic({"type":"LineString","coordinates":[[50, 50], [51, 51]]})),
      geo_polygon_densify(dynamic({"type":"Polygon","coordinates":[[[10,10],[11,10],[11,11],[10,11],[10,10]]]})),
      isnull(geo_line_densify(dynamic({"type":"LineString","coordinates":[[300,1],[1,1]]}))),
      isnull(geo_polygon_densify(dynamic({"type":"Polygon","coordinates":[[[10,10],[11,10],[11,11],[10,11],[10,10]]]}), 0))`);
    assert.deepEqual(short, { type: 'LineString', coordinates: [[-73.949247, 40.79686], [-73.973017, 40.764323]] });
    assert.deepEqual(long, { type: 'LineString', coordinates: [[50, 50], [50.125, 50.125], [50.25, 50.25], [50.375, 50.375], [50.5, 50.5], [50.625, 50.625], [50.75, 50.75], [50.875, 50.875], [51, 51]] });
    assert.deepEqual(poly, { type: 'Polygon', coordinates: [[[10, 10], [10.25, 10], [10.5, 10], [10.75, 10], [11, 10], [11, 11], [10.75, 11], [10.5, 11], [10.25, 11], [10, 11], [10, 10]]] });
    assert.deepEqual([badLon, zeroTol], [true, true]);
  });

  it('intersection of two lines: a crossing point, identical lines, nothing, or null for invalid input', async () => {
    const L1 = `dynamic({"type":"LineString","coordinates":[[-73.978929,40.785155],[-73.980903,40.782621]]})`;
    const [pt, same, none, bad] = await one(`print geo_intersection_2lines(${L1}, dynamic({"type":"LineString","coordinates":[[-73.985195,40.788275],[-73.974552,40.779761]]})),
      geo_intersection_2lines(${L1}, ${L1}),
      geo_intersection_2lines(dynamic({"type":"LineString","coordinates":[[1, 1],[2, 2]]}), dynamic({"type":"LineString","coordinates":[[3, 3],[4, 4]]})),
      isnull(geo_intersection_2lines(dynamic({"type":"LineString","coordinates":[[1, 1],[2, 2]]}), dynamic({"type":"LineString","coordinates":[[3, 3]]})))`);
    nearPt(pt, [-73.979837116670978, 40.783989289772165]);
    assert.deepEqual(same, { type: 'LineString', coordinates: [[-73.978929, 40.785155], [-73.980903, 40.782621]] });
    assert.deepEqual(none, { type: 'GeometryCollection', geometries: [] });
    assert.equal(bad, true);
    // Lines sharing a vertex would need S2's boolean operation output: refused, not guessed.
    await assert.rejects(rows(`print geo_intersection_2lines(dynamic({"type":"LineString","coordinates":[[1, 1],[2, 2]]}), dynamic({"type":"LineString","coordinates":[[2, 2],[3, 1]]}))`),
      /not supported: geo_intersection_2lines\(\) of lines that touch/);
  });

  it('intersection of a line with a polygon (holes split the line); of disjoint polygons', async () => {
    const [one1, two, none, polys, bad] = await one(`print
      geo_intersection_line_with_polygon(dynamic({"type":"LineString","coordinates":[[-73.985195,40.788275],[-73.974552,40.779761]]}), dynamic({"type":"Polygon","coordinates":[[[-73.9712905883789,40.78580561168767],[-73.98004531860352,40.775276834803655],[-73.97000312805176,40.77852663535664],[-73.9712905883789,40.78580561168767]]]})),
      geo_intersection_line_with_polygon(dynamic({"type":"LineString","coordinates":[[-110.522, 39.198],[-91.428, 40.880]]}), dynamic({"type":"Polygon","coordinates":[[[-90.263,36.738],[-102.041,45.274],[-109.335,36.527],[-90.263,36.738]],[[-100.393,41.705],[-103.139,38.925],[-97.558,39.113],[-100.393,41.705]]]})),
      geo_intersection_line_with_polygon(dynamic({"type":"LineString","coordinates":[[1, 1],[2, 2]]}), dynamic({"type":"Polygon","coordinates":[[[-73.9712905883789,40.78580561168767],[-73.98004531860352,40.775276834803655],[-73.97000312805176,40.77852663535664],[-73.9712905883789,40.78580561168767]]]})),
      geo_intersection_2polygons(dynamic({"type":"Polygon","coordinates":[[[2,45],[0,45],[1,44],[2,45]]]}), dynamic({"type":"Polygon","coordinates":[[[3,44],[3,45],[2,43],[3,44]]]})),
      isnull(geo_intersection_2polygons(dynamic({"type":"Polygon"}), ${PARK}))`);
    const coords = (v: unknown) => (v as { type: string; coordinates: unknown }).coordinates as number[][] | number[][][];
    assert.equal((one1 as { type: string }).type, 'LineString');
    const c1 = coords(one1) as number[][];
    near(c1[0]![0], -73.975611956578192, 1e-12); near(c1[0]![1], 40.78060906714618, 1e-12);
    assert.deepEqual(c1[1], [-73.974552, 40.779761]);
    assert.equal((two as { type: string }).type, 'MultiLineString');
    const expected = [[[-106.89353655881905, 39.769226209776306], [-101.74448553679453, 40.373506008712525]], [[-99.136499431328858, 40.589336512699994], [-95.284527737311791, 40.799060242246348]]];
    (coords(two) as number[][][]).forEach((piece, i) => piece.forEach((p, j) => { near(p[0], expected[i]![j]![0]!, 1e-12); near(p[1], expected[i]![j]![1]!, 1e-12); }));
    assert.equal((coords(two) as number[][][]).length, 2);
    assert.deepEqual(none, { type: 'GeometryCollection', geometries: [] });
    assert.deepEqual(polys, { type: 'GeometryCollection', geometries: [] });
    assert.equal(bad, true);
    // Polygons sharing a vertex intersect in a point (S2 boolean output): refused, not guessed as empty.
    await assert.rejects(rows(`print geo_intersection_2polygons(dynamic({"type":"Polygon","coordinates":[[[2,45],[0,45],[1,44],[2,45]]]}), dynamic({"type":"Polygon","coordinates":[[[3,44],[2,45],[2,43],[3,44]]]}))`),
      /not supported: geo_intersection_2polygons\(\) of polygons that touch or overlap/);
  });

  it('simplify: invalid input, a bad tolerance, or a shape smaller than the tolerance give null; other shapes are refused', async () => {
    const r = await one(`print isnull(geo_line_simplify(dynamic({"type":"LineString","coordinates":[[1, 1]]}))),
      isnull(geo_line_simplify(dynamic({"type":"LineString","coordinates":[[1, 1],[2,2]]}), -1)),
      isnull(geo_line_simplify(dynamic({"type":"LineString","coordinates":[[1.1, 1.1],[1.2,1.2]]}), 100000)),
      isnull(geo_polygon_simplify(dynamic({"type":"Polygon","coordinates":[[[5,48],[5,48]]]}))),
      isnull(geo_polygon_simplify(dynamic({"type":"Polygon","coordinates":[[[5,48],[0,50],[0,47],[4,47],[5,48]]]}), -0.1)),
      isnull(geo_polygon_simplify(dynamic({"type":"Polygon","coordinates":[[[5,48],[0,50],[0,47],[4,47],[5,48]]]}), 1000000))`);
    assert.deepEqual(r, [true, true, true, true, true, true]);
    await assert.rejects(rows(`print geo_line_simplify(dynamic({"type":"LineString","coordinates":[[1, 1],[2,2]]}), 10)`), /not supported: geo_line_simplify\(\) of a shape that survives/);
  });

  it('union of lines merges shared edges into one chain; invalid lines give null; branching is refused', async () => {
    const [u] = await one(`datatable(lines:dynamic) [
      dynamic({"type":"LineString","coordinates":[[-73.95683884620665,40.80502891480884],[-73.95633727312088,40.8057171711177],[-73.95489156246185,40.80510200431311]]}),
      dynamic({"type":"LineString","coordinates":[[-73.95633727312088,40.8057171711177],[-73.95489156246185,40.80510200431311],[-73.95537436008453,40.804413741624515]]}),
      dynamic({"type":"LineString","coordinates":[[-73.95633727312088,40.8057171711177],[-73.95489156246185,40.80510200431311]]})]
      | summarize lines_arr = make_list(lines) | project geo_union_lines_array(lines_arr)`);
    const expected = [[-73.956838846206651, 40.805028914808844], [-73.95633727312088, 40.8057171711177], [-73.954891562461853, 40.80510200431312], [-73.955374360084534, 40.804413741624522]];
    const got = (u as { type: string; coordinates: number[][] });
    assert.equal(got.type, 'LineString');
    assert.equal(got.coordinates.length, 4);
    got.coordinates.forEach((p, i) => { near(p[0], expected[i]![0]!, 1e-12); near(p[1], expected[i]![1]!, 1e-12); });
    assert.deepEqual(await one(`print isnull(geo_union_lines_array(dynamic([{"type":"LineString","coordinates":[[1, 1],[2, 2]]}, {"type":"LineString","coordinates":[[1, 1]]}])))`), [true]);
    await assert.rejects(rows(`print geo_union_lines_array(dynamic([{"type":"LineString","coordinates":[[1, 1],[2, 2]]}, {"type":"LineString","coordinates":[[2, 2],[3, 1]]}, {"type":"LineString","coordinates":[[2, 2],[3, 3]]}]))`),
      /not supported: geo_union_lines_array\(\) of lines that do not join/);
  });

  it('buffers and the union of polygons: the documented nulls; valid input is refused', async () => {
    const r = await one(`print isnull(geo_point_buffer(200, 1, 0.1)), isnull(geo_point_buffer(10, 10, -1)),
      isnull(geo_line_buffer(dynamic({"type":"LineString"}), 5)), isnull(geo_line_buffer(dynamic({"type":"LineString","coordinates":[[0,0],[1,1]]}), 0)),
      isnull(geo_polygon_buffer(dynamic({"type":"p"}), 1)), isnull(geo_polygon_buffer(dynamic({"type":"Polygon","coordinates":[[[10,10],[0,10],[0,0],[10,10]]]}), 0)),
      isnull(geo_union_polygons_array(dynamic([{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}, {"type":"Polygon","coordinates":[[[-73.94622,40.79249]]]}])))`);
    assert.deepEqual(r, [true, true, true, true, true, true, true]);
    await assert.rejects(rows('print geo_line_buffer(dynamic({"type":"LineString","coordinates":[[0,0],[1,1]]}), 5)'), /not supported: geo_line_buffer\(\) of valid input/);
    await assert.rejects(rows('print geo_union_polygons_array(dynamic([{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}]))'), /not supported: geo_union_polygons_array\(\) of valid polygons/);
  });

  it('geo_polygon_to_h3cells: the cells whose centres are inside (doc example, as a set); invalid input is null', async () => {
    const [cells, bad, badRes] = await one(`print geo_polygon_to_h3cells(dynamic({"type":"Polygon","coordinates":[[[-3.659,40.553],[-3.913,40.409],[-3.729,40.273],[-3.524,40.440],[-3.659,40.553]]]})),
      isnull(geo_polygon_to_h3cells(dynamic({"type":"Polygon","coordinates":[[[0,0],[1,1]]]}))),
      isnull(geo_polygon_to_h3cells(dynamic({"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}), 16))`);
    assert.deepEqual([...(cells as string[])].sort(), ['86390cb57ffffff', '86390cb0fffffff', '86390ca27ffffff', '86390cb87ffffff', '86390cb07ffffff', '86390ca2fffffff',
      '86390ca37ffffff', '86390cb17ffffff', '86390cb1fffffff', '86390cb8fffffff', '86390cba7ffffff', '86390ca07ffffff', '86390cbafffffff'].sort());
    assert.deepEqual([bad, badRes], [true, true]);
    await assert.rejects(rows('print geo_polygon_to_h3cells(dynamic({"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}), 6, 100)'), /not supported: geo_polygon_to_h3cells\(\) with a radius/);
  });

  it('area and perimeter of a MultiPolygon measure the union of its polygons', async () => {
    const MULTI = `dynamic({"type":"MultiPolygon","coordinates":[[[[-73.9495,40.7969],[-73.95807266235352,40.80068603561921],[-73.98201942443848,40.76825672305777],[-73.97317886352539,40.76455136505513],[-73.9495,40.7969]]],[[[-73.94262313842773,40.775991804565585],[-73.98107528686523,40.791849155467695],[-73.99600982666016,40.77092185281977],[-73.96150588989258,40.75609977566361],[-73.94262313842773,40.775991804565585]]]]})`;
    const [area, perimeter] = await one(`print geo_polygon_area(${MULTI}), geo_polygon_perimeter(${MULTI})`);
    near(area, 10889971.5343487, 1e-12);
    near(perimeter, 15943.5384578745, 1e-12);
    // Disjoint polygons: the union is the sum of the parts.
    const [sum, a, b] = await one(`print geo_polygon_area(dynamic({"type":"MultiPolygon","coordinates":[${PARK.slice(PARK.indexOf('[[['), -2)}, [[[10,10],[11,10],[11,11],[10,10]]]]})),
      geo_polygon_area(${PARK}), geo_polygon_area(dynamic({"type":"Polygon","coordinates":[[[10,10],[11,10],[11,11],[10,10]]]}))`);
    near(sum, Number(a) + Number(b), 1e-12);
    await assert.rejects(rows(`print geo_polygon_area(dynamic({"type":"MultiPolygon","coordinates":[[[[0,0],[2,0],[2,2],[0,2],[0,0]]],[[[1,1],[3,1],[3,3],[1,3],[1,1]]],[[[1.5,1.5],[4,1.5],[4,4],[1.5,1.5]]]]}))`),
      /not supported: geo_polygon_area\(\) of a MultiPolygon with overlapping polygons/);
  });

  it('centroid of a MultiPolygon is that of the union; three overlapping polygons are refused', async () => {
    // The doc page's output for this query (geo-polygon-centroid-function, MultiPolygon example).
    const [c] = await one(`print geo_polygon_centroid(dynamic({"type":"MultiPolygon","coordinates":[[[[-73.9495,40.7969],[-73.95807266235352,40.80068603561921],[-73.98201942443848,40.76825672305777],[-73.97317886352539,40.76455136505513],[-73.9495,40.7969]]],[[[-73.94262313842773,40.775991804565585],[-73.98107528686523,40.791849155467695],[-73.99600982666016,40.77092185281977],[-73.96150588989258,40.75609977566361],[-73.94262313842773,40.775991804565585]]]]}))`);
    const p = (c as { coordinates: number[] }).coordinates;
    near(p[0], -73.968569587829577, 1e-11);
    near(p[1], 40.776310752555119, 1e-11);
    await assert.rejects(rows(`print geo_polygon_centroid(dynamic({"type":"MultiPolygon","coordinates":[[[[0,0],[2,0],[2,2],[0,2],[0,0]]],[[[1,1],[3,1],[3,3],[1,3],[1,1]]],[[[1.5,1.5],[4,1.5],[4,4],[1.5,1.5]]]]}))`),
      /not supported: geo_polygon_centroid\(\) of a MultiPolygon with overlapping polygons/);
    await assert.rejects(rows(`print geo_line_densify(dynamic({"type":"LineString","coordinates":[[179, 0], [-179, 0]]}))`), /not supported: geo_line_densify\(\) of an edge spanning more than 180/);
  });
});

describe('geo_line_lookup / geo_polygon_lookup plugins', () => {
  const ROADS = `let roads = datatable(road_name:string, road:dynamic) [
    "5th Avenue NY", dynamic({"type":"LineString","coordinates":[[-73.97291864770574,40.76428551254824],[-73.99708638113894,40.73145135821781]]}),
    "Palace Ave", dynamic({"type":"LineString","coordinates":[[-0.18756982045002246,51.50245944666557],[-0.18908519740253382,51.50544952706903]]})];`;
  const PLACES = `let locations = datatable(location_name:string, longitude:real, latitude:real) [
    "Empire State Building", -73.98567337898565, 40.74842629977377, "Grand Central Terminal", -73.97713140725149, 40.752730320824895,
    "Statue of Liberty", -74.04462223203123, 40.689195627512674, "Kensington Palace", -0.1885272501232862, 51.504906159672316];`;
  const POLYS = `let polygons = datatable(polygon_name:string, polygon:dynamic) [
    "New York", dynamic({"type":"Polygon", "coordinates":[[[-73.97375470114766,40.74300078124614],[-73.98653921014294,40.75486501361894],[-73.99910622331991,40.74112695466084],[-73.97375470114766,40.74300078124614]]]}),
    "Paris", dynamic({"type":"Polygon","coordinates":[[[2.57564669886321,48.769567764921334],[2.420098611499384,49.05163394896812],[2.1016783119165723,48.80113794475062],[2.57564669886321,48.769567764921334]]]})];
    let locations = datatable(location_name:string, longitude:real, latitude:real) [
    "Empire State Building", -73.98567337898565, 40.74842629977377, "NY National Museum of Mathematics", -73.98778501496217, 40.743565232771545,
    "Eiffel Tower", 2.294489426068907, 48.858263476169185, "London", -0.13245599272019604, 51.49879464208368,
    "Statue of Liberty", -74.04462223203123, 40.689195627512674];`;
  const sorted = (rs: readonly (readonly unknown[])[]) => rs.map((r) => r.map(String).join("|")).sort();

  it('matches locations within the radius of a line; return_unmatched keeps the rest with empty lookup columns', async () => {
    assert.deepEqual(sorted(await rows(`${ROADS} ${PLACES} locations | evaluate geo_line_lookup(roads, road, longitude, latitude, 100) | project location_name, road_name`)),
      ['Empire State Building|5th Avenue NY', 'Kensington Palace|Palace Ave']);
    assert.deepEqual(sorted(await rows(`${ROADS} ${PLACES} locations | evaluate geo_line_lookup(roads, road, longitude, latitude, 350, return_unmatched = true) | project location_name, road_name`)),
      ['Empire State Building|5th Avenue NY', 'Grand Central Terminal|5th Avenue NY', 'Kensington Palace|Palace Ave', 'Statue of Liberty|']);
  });

  it('matches locations inside a polygon, or within the radius of it', async () => {
    assert.deepEqual(sorted(await rows(`${POLYS} locations | evaluate geo_polygon_lookup(polygons, polygon, longitude, latitude) | project location_name, polygon_name`)),
      ['Eiffel Tower|Paris', 'Empire State Building|New York', 'NY National Museum of Mathematics|New York']);
    assert.deepEqual(sorted(await rows(`${POLYS} locations | evaluate geo_polygon_lookup(polygons, polygon, longitude, latitude, radius = 7000, return_unmatched = true) | project location_name, polygon_name`)),
      ['Eiffel Tower|Paris', 'Empire State Building|New York', 'London|', 'NY National Museum of Mathematics|New York', 'Statue of Liberty|New York']);
  });
});
