/**
 * series_* functions (JS UDF harrier_series), exact sketches (hll/tdigest), weighted percentiles,
 * buildschema, and the geo functions (great circle on S2's 6,371,010 m sphere, geohash, H3 via
 * h3-js), each pinned to Kusto's documented values, plus the refusals that keep unsupported forms
 * from answering silently wrong.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { getEngine, rows } from './helpers.js';

after(async () => (await getEngine()).close());

const one = async (q: string) => (await rows(q))[0]!;
const near = (a: unknown, e: number, tol = 1e-9) => assert.ok(Math.abs(Number(a) - e) <= tol * Math.max(1, Math.abs(e)), `${String(a)} vs ${e}`);
const refuses = async (q: string, re: RegExp) => assert.rejects(rows(q), re);

describe('series_* functions', () => {
  it('element-wise math and arithmetic; scalar broadcast; longer length with nulls', async () => {
    const [abs, add, div, mul, cmp, sign, pad] = await one(`print series_abs(dynamic([-6.5,0,8.2])), series_add(dynamic([1,2,4]), dynamic([4,2,1])),
      series_divide(dynamic([1,2,4]), dynamic([4,2,0])), series_multiply(dynamic([1,2,3]), 2), series_greater_equals(dynamic([1,2,4]), dynamic([4,2,1])),
      series_sign(dynamic([-6, 0, 8])), series_subtract(dynamic([1,2,3]), dynamic([1]))`);
    assert.deepEqual(abs, [6.5, 0, 8.2]);
    assert.deepEqual(add, [5, 4, 5]);
    assert.deepEqual(div, [0.25, 1, null]);
    assert.deepEqual(mul, [2, 4, 6]);
    assert.deepEqual(cmp, [false, true, true]);
    assert.deepEqual(sign, [-1, 0, 1]);
    assert.deepEqual(pad, [0, null, null]);
  });

  it('reductions, correlation and stats', async () => {
    const [sum, prod, dot, dotScalar, cos, pearson, stats] = await one(`print series_sum(dynamic([1,2,3,4])), series_product(dynamic([1,2,3,4])),
      series_dot_product(dynamic([1,2,4]), dynamic([4,2,1])), series_dot_product(dynamic([1,2,4]), 1),
      series_cosine_similarity(dynamic([0.1,0.2,0.1,0.2]), dynamic([1,2,3,4])), series_pearson_correlation(dynamic([1,2,3,4,5]), dynamic([2,4,6,8,10])),
      series_stats_dynamic(dynamic([23, 46, 23, 87, 4, 8, 3, 75, 2, 56, 13, 75, 32, 16, 29]))`);
    assert.equal(Number(sum), 10);
    assert.equal(Number(prod), 24);
    assert.equal(Number(dot), 12);
    assert.equal(Number(dotScalar), 7);
    near(cos, 0.923760430703401, 1e-12);
    near(pearson, 1);
    const s = stats as Record<string, number>;
    assert.deepEqual([s['min'], s['min_idx'], s['max'], s['max_idx'], s['sum'], s['len']], [2, 8, 87, 3, 492, 15]);
    near(s['stdev'], 28.503633853548269);
    near(s['variance'], 812.45714285714291);
  });

  it('fills, iir and seasonal with an explicit period', async () => {
    const [fwd, back, cst, lin, noEdges, iir, seas] = await one(`print series_fill_forward(dynamic([null, 36, null, 16, null])),
      series_fill_backward(dynamic([111, null, 36, null, null])), series_fill_const(dynamic([1, null, 3]), 0.5),
      series_fill_linear(dynamic([null, 1.5, null, 2.5, null])), series_fill_linear(dynamic([null, 1.5, null, 2.5, null]), real(null), false),
      series_iir(dynamic([0, 1, 2, 3, 4]), dynamic([1]), dynamic([1, -1])), series_seasonal(dynamic([1, 3, 5, 2, 4, 6, 1, 3, 5, 2, 4, 6]), 3)`);
    assert.deepEqual(fwd, [null, 36, 36, 16, 16]);
    assert.deepEqual(back, [111, 36, 36, null, null]);
    assert.deepEqual(cst, [1, 0.5, 3]);
    assert.deepEqual(lin, [1.5, 1.5, 2, 2.5, 2.5]);
    assert.deepEqual(noEdges, [null, 1.5, 2, 2.5, null]);
    assert.deepEqual(iir, [0, 1, 3, 6, 10]);
    assert.deepEqual(seas, [1.5, 3.5, 5.5, 1.5, 3.5, 5.5, 1.5, 3.5, 5.5, 1.5, 3.5, 5.5]);
  });

  it('refuses what it cannot match', async () => {
    await refuses('print series_seasonal(dynamic([1,2,3]))', /not supported: series_seasonal\(\) without an explicit period/);
    await refuses('print series_fill_forward(dynamic([1,-1,3]), -1)', /missing_value_placeholder/);
    // Whole numbers may be longs (Kusto truncates) or whole reals: the dynamic value does not say.
    await refuses('print series_fill_linear(dynamic([1, null, 2]))', /not supported: series_fill_linear/);
    await refuses('print series_decompose(dynamic([1,2,3]))', /not supported: function series_decompose\(\) \(/);
  });
});

describe('sketches, weighted percentiles, buildschema', () => {
  it('percentilesw / percentilesw_array use nearest rank over the weights', async () => {
    const data = 'datatable (ReqCount:long, LatencyBucket:long) [8, 10, 6, 20, 3, 30, 1, 40]';
    assert.deepEqual((await rows(`${data} | summarize percentilesw(LatencyBucket, ReqCount, 50, 75, 99.9)`))[0], [20, 20, 40]);
    assert.deepEqual((await rows(`${data} | summarize percentilesw_array(LatencyBucket, ReqCount, dynamic([50, 75, 99.9]))`))[0], [[20, 20, 40]]);
  });

  it('tdigest/hll hold exact state; merges, percentile, rank and dcount read it', async () => {
    const [p, r, d] = await one(`range x from 1 to 10 step 1 | extend y = x + 10
      | summarize tx = tdigest(x), ty = tdigest(y), hx = hll(x), hy = hll(y)
      | project percentile_tdigest(merge_tdigest(tx, ty), 100, typeof(long)), rank_tdigest(tx, 7), dcount_hll(hll_merge(hx, hy))`);
    assert.deepEqual([Number(p), Number(r), Number(d)], [20, 7, 20]);
    assert.equal(Number((await one('datatable(V:real, W:long) [1.0, 1, 2.0, 2] | summarize TD = tdigest(V, W) | project percentile_tdigest(TD, 50)'))[0]), 2);
  });

  it('buildschema unions the types of every key', async () => {
    const [s] = await one(`datatable(value: dynamic) [dynamic({"x":1, "y":3.5}), dynamic({"x":"somevalue", "z":[1, 2, 3]}),
      dynamic({"y":{"w":"zzz"}, "t":["aa", "bb"], "z":["foo"]})] | summarize buildschema(value)`);
    assert.deepEqual(s, { x: ['long', 'string'], y: ['double', { w: 'string' }], z: { '`indexer`': ['long', 'string'] }, t: { '`indexer`': 'string' } });
  });
});

describe('geo functions', () => {
  it('great-circle distance and circles; invalid coordinates give null', async () => {
    const [d, bad, inC, outC, negR] = await one(`print geo_distance_2points(-122.407628, 47.578557, -118.275287, 34.019056), geo_distance_2points(300, 1, 1, 1),
      geo_point_in_circle(-122.143564, 47.535677, -122.100896, 47.527351, 3500), geo_point_in_circle(-122.137575, 47.630683, -122.100896, 47.527351, 3500),
      geo_point_in_circle(1, 1, 1, 1, -1)`);
    near(d, 1546754.35197381, 1e-12);
    assert.equal(bad, null);
    assert.equal(inC, true);
    assert.equal(outC, false);
    assert.equal(negR, null);
  });

  it('geohash encode/decode', async () => {
    const [h, dflt, bad, center, poly, invalid] = await one(`print geo_point_to_geohash(-80.195829, 25.802215, 8), geo_point_to_geohash(-122.303404, 47.570482),
      geo_point_to_geohash(200, 1, 8), geo_geohash_to_central_point("sunny"), geo_geohash_to_polygon("dr5ru"), geo_geohash_to_polygon("a")`);
    assert.deepEqual([h, dflt, bad], ['dhwfz15h', 'c23n8', '']);
    assert.deepEqual(center, { type: 'Point', coordinates: [42.47314453125, 23.70849609375] });
    assert.deepEqual(poly, { type: 'Polygon', coordinates: [[[-74.00390625, 40.7373046875], [-73.9599609375, 40.7373046875], [-73.9599609375, 40.78125], [-74.00390625, 40.78125], [-74.00390625, 40.7373046875]]] });
    assert.equal(invalid, null);
  });

  it('H3 cells (h3-js)', async () => {
    const [cell, level, parent, kids, nb, bad, tooDeep] = await one(`print geo_point_to_h3cell(-74.04450446039874, 40.689250859314974, 6), geo_h3cell_level('862a1072fffffff'),
      geo_h3cell_parent('862a1072fffffff'), array_length(geo_h3cell_children('862a1072fffffff', 9)), geo_h3cell_neighbors('862a1072fffffff'),
      geo_point_to_h3cell(1, 1, 16), isnull(geo_h3cell_children(geo_point_to_h3cell(1, 1, 9), 15))`);
    assert.equal(cell, '862a1072fffffff');
    assert.equal(Number(level), 6);
    assert.equal(parent, '852a1073fffffff');
    assert.equal(Number(kids), 343);
    assert.deepEqual(nb, ['862a10727ffffff', '862a10707ffffff', '862a1070fffffff', '862a10777ffffff', '862a100dfffffff', '862a100d7ffffff']);
    assert.equal(bad, '');
    assert.equal(tooDeep, true);
  });

  it('geodesic buffers of valid input are refused with the reason (geo-shapes.test.ts covers the rest)', async () => {
    await refuses('print geo_point_buffer(0, 0, 10)', /not supported: geo_point_buffer\(\) of valid input \(S2's buffer/);
  });
});

describe('bin_auto and percentiles_array', () => {
  it('bin_auto reads `set query_bin_auto_size/at`; without a size it is refused', async () => {
    const r = await one(`set query_bin_auto_size=1h; set query_bin_auto_at=datetime(2017-01-01 00:05);
      print bin_auto(datetime(2017-01-01 00:07)), bin_auto(datetime(2017-01-01 00:04))`);
    assert.deepEqual(r.map((d) => new Date(d as string).toISOString()), ['2017-01-01T00:05:00.000Z', '2016-12-31T23:05:00.000Z']);
    assert.equal(Number((await one('set query_bin_auto_size=10; print bin_auto(27)'))[0]), 20);
    await refuses('print bin_auto(27)', /not supported: bin_auto\(\) without/);
  });

  it('percentiles_array takes listed or dynamic percentiles (nearest rank)', async () => {
    assert.deepEqual(await one('range x from 1 to 10 step 1 | summarize percentiles_array(x, 50, 75), percentiles_array(x, dynamic([25, 100]))'), [[5, 8], [3, 10]]);
  });
});

describe('user function arguments', () => {
  it('a positional argument after `name = value` takes the next parameter not named', async () => {
    const r = await rows(`let f = (len:long, s:string) { strlen(s) > len };
      datatable(input:string) ['123', '4567'] | where f(len=3, input)`);
    assert.deepEqual(r, [['4567']]);
  });
});

describe('geodesic lines and polygons', () => {
  const park = '{"type":"Polygon","coordinates":[[[-73.9495,40.7969],[-73.95807266235352,40.80068603561921],[-73.98201942443848,40.76825672305777],[-73.97317886352539,40.76455136505513],[-73.9495,40.7969]]]}';
  it('length, perimeter and area on the sphere; invalid shapes give null', async () => {
    const [len, per, area, badLine, badPoly] = await one(`print geo_line_length(dynamic({"type":"LineString","coordinates":[[-73.95807266235352,40.800426144169315],[-73.94966125488281,40.79691751000055],[-73.97317886352539,40.764486356930334]]})),
      geo_polygon_perimeter(dynamic(${park})), geo_polygon_area(dynamic(${park})),
      geo_line_length(dynamic({"type":"LineString","coordinates":[[1, 1]]})), geo_polygon_area(dynamic({"type": "Polygon","coordinates": [[[0,0],[10,10],[10,10],[0,0]]]}))`);
    near(len, 4922.48016992081, 1e-12);
    near(per, 9930.30149604938, 1e-12);
    near(area, 3475207.28346606, 1e-9);
    assert.equal(badLine, null);
    assert.equal(badPoly, null);
  });

  it('point in polygon with geodesic edges; self-crossing rings are invalid (null)', async () => {
    const [inside, outside, bowtie] = await one(`print geo_point_in_polygon(-73.965, 40.785, dynamic(${park})), geo_point_in_polygon(-73.99, 40.75, dynamic(${park})),
      geo_point_in_polygon(1, 1, dynamic({"type":"Polygon","coordinates":[[[0,0],[2,2],[2,0],[0,2],[0,0]]]}))`);
    assert.deepEqual([inside, outside, bowtie], [true, false, null]);
  });

  it('MultiPolygon measures (a union) of three overlapping polygons are refused (geo-shapes.test.ts covers the rest); a point 90° or more from a small polygon is outside', async () => {
    await refuses('print geo_polygon_area(dynamic({"type":"MultiPolygon","coordinates":[[[[0,0],[2,0],[2,2],[0,0]]],[[[1,0],[3,0],[3,2],[1,0]]],[[[1.5,0],[4,0],[4,2],[1.5,0]]]]}))', /not supported: geo_polygon_area\(\) of a MultiPolygon/);
    assert.deepEqual(await one('print geo_point_in_polygon(100, 0, dynamic({"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]})), geo_point_in_polygon(0.9, 0.5, dynamic({"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}))'), [false, true]);
  });
});
