/**
 * Scalar functions fixed against Kusto's documented behaviour: UDF-backed ones (gzip/zlib,
 * punycode, xxhash64, beta, erf, ipv4_range_to_cidr_list, dynamic_to_json) and SQL ones whose
 * edge cases the docs pin (has_ipv4 validity, array_index_of/indexof_regex ranges, bag_merge
 * precedence, format_datetime/format_timespan specifiers, DST gaps, ...).
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { getEngine, rows } from './helpers.js';

after(async () => (await getEngine()).close());

const one = async (q: string) => (await rows(q))[0]!;
const near = (a: unknown, e: number, tol = 1e-12) => assert.ok(Math.abs(Number(a) - e) <= tol * Math.max(1, Math.abs(e)), `${String(a)} vs ${e}`);

describe('UDF-backed functions', () => {
  it('gzip/zlib round-trip, Kusto byte layout, "" on bad input', async () => {
    const [gz, zl, ungz, unzl, bad] = await one(`print gzip_compress_to_base64_string("1234567890qwertyuiop"),
      zlib_compress_to_base64_string("1234567890qwertyuiop"),
      gzip_decompress_from_base64_string(gzip_compress_to_base64_string("héllo wörld")),
      zlib_decompress_from_base64_string("eJwLSS0uUSguKcrMS1cwNDIGACxqBQ4="),
      gzip_decompress_from_base64_string("x0x0x0")`);
    assert.equal(gz, 'H4sIAAAAAAAA/wEUAOv/MTIzNDU2Nzg5MHF3ZXJ0eXVpb3A6m7f2FAAAAA==');
    assert.equal(zl, 'eAEBFADr/zEyMzQ1Njc4OTBxd2VydHl1aW9wOAkGdw==');
    assert.equal(ungz, 'héllo wörld');
    assert.equal(unzl, 'Test string 123');
    assert.equal(bad, '');
  });

  it('punycode labels and domains keep case and split on IDNA dots', async () => {
    const r = await one(`print punycode_from_string('académie-française'), punycode_to_string('acadmie-franaise-npb1a'),
      punycode_domain_to_string('Lê Lợi。Thuận Thiên。com'), punycode_domain_from_string('xn--Ry-lja8c.xn--Jng-uta63a.xn--Bng-9ka.com')`);
    assert.deepEqual(r, ['acadmie-franaise-npb1a', 'académie-française', 'xn--L Li-gpa4517b.xn--Thun Thin-s4a7194f.com', 'Rúyì.Jīngū.Bàng.com']);
  });

  it('hash() is xxhash64 of UTF-8 text and of datetime ticks; mod gives [0, mod)', async () => {
    const [h, hx, m, dt] = await one(`print hash("World"), hash_xxhash64("Hello"), hash("World", 100), hash(datetime(2015-01-01))`);
    assert.equal(String(h), '1846988464401551951');
    assert.equal(String(hx), '753694413698530628');
    assert.equal(Number(m), 51);
    assert.equal(String(dt), '1380966698541616202');
  });

  it('beta_cdf/pdf/inv match reference values; NaN/null outside the domain', async () => {
    const [c, p, i, cOut, pOut, iOut, iBadShape] = await one(`print beta_cdf(0.9, 10, 20), beta_pdf(0.5, 10, 20), beta_inv(0.1, 10, 20),
      beta_cdf(1.5, 10, 20), beta_pdf(0.1, -1, 20), beta_inv(1.5, 10, 20), beta_inv(0.1, -1.0, 20)`);
    near(c, 0.999999999999959, 1e-14);
    near(p, 0.746176019310951);
    near(i, 0.226415022388749, 1e-11);
    assert.ok(Number.isNaN(cOut as number) && Number.isNaN(pOut as number) && Number.isNaN(iBadShape as number));
    assert.equal(iOut, null);
  });

  it('erf/erfc are accurate to double precision', async () => {
    const [e1, c2, e0, c0] = await one(`print erf(1.0), erfc(2.0), erf(0.0), erfc(0.0)`);
    near(e1, 0.842700792949715);
    near(c2, 0.00467773498104727);
    assert.equal(e0, 0);
    assert.equal(c0, 1);
  });

  it('ipv4_range_to_cidr_list covers the range with aligned blocks', async () => {
    const [a, b, bad] = await one(`print ipv4_range_to_cidr_list("1.1.128.0", "1.1.140.255"), ipv4_range_to_cidr_list("10.0.0.0", "10.0.1.2"), ipv4_range_to_cidr_list("10.0.0.5", "10.0.0.1")`);
    assert.deepEqual(a, ['1.1.128.0/21', '1.1.136.0/22', '1.1.140.0/24']);
    assert.deepEqual(b, ['10.0.0.0/24', '10.0.1.0/31', '10.0.1.2/32']);
    assert.equal(bad, null);
  });

  it('dynamic_to_json sorts keys at every level; nested dynamic() in a literal is a value', async () => {
    const [j] = await one(`print dynamic_to_json(dynamic({'b': 1, 'a': dynamic({'d': "x", 'c': [2, {'z': 1, 'y': 2}]})}))`);
    assert.equal(j, '{"a":{"c":[2,{"y":2,"z":1}],"d":"x"},"b":1}');
  });
});

describe('SQL-compiled functions', () => {
  it('has_ipv4 family: invalid addresses in the text or as needle never match', async () => {
    const r = await one(`print has_ipv4('05:04:54 127.0.0.256 GET', '127.0.0.256'), has_ipv4_prefix('05:04:54 127.0.0.256 GET', '127.0.'),
      has_any_ipv4('a 127.0.0.256 b', dynamic(["127.0.0.256", "192.168.1.1"])), has_ipv4('from 10.1.1.115, and', '10.1.1.115'),
      has_ipv4('x10.1.1.1', '10.1.1.1'), has_ipv4_prefix('ip=10.1.2.3.', '10.1.'), has_ipv4_prefix('10.1.2.3', '10.1')`);
    assert.deepEqual(r, [false, false, false, true, false, true, false]);
  });

  it('ipv4_compare: the prefix argument never widens an address own prefix', async () => {
    const r = await one(`print ipv4_compare('192.168.1.1/24', '192.168.1.255', 31), ipv4_compare('192.168.1.1', '192.168.1.255', 31), ipv4_compare('192.168.1.1', '192.168.1.255', 24)`);
    assert.deepEqual(r.map(Number), [0, -1, 0]);
  });

  it('parse_ipv6_mask reads ::a.b.c.d as IPv4', async () => {
    const r = await one(`print parse_ipv6_mask('::192.168.255.255', 128), parse_ipv6_mask('::192.168.255.255/24', 128)`);
    assert.deepEqual(r, ['0000:0000:0000:0000:0000:ffff:c0a8:ffff', '0000:0000:0000:0000:0000:ffff:c0a8:ff00']);
  });

  it('array_index_of honours start, length and occurrence', async () => {
    const r = await one(`let arr=dynamic(["this", "is", "an", "example", "an", "example"]);
      print array_index_of(arr,"an"), array_index_of(arr,"example",1,2), array_index_of(arr, "an", 1, -1, 2), array_index_of(arr, "an", -3), array_index_of(arr, "is", -4)`);
    assert.deepEqual(r.map(Number), [2, -1, 4, 4, -1]);
  });

  it('indexof_regex honours start, length and non-overlapping occurrences', async () => {
    const r = await one(`print indexof_regex("abcabcdefg", @"a.c", 0, 9, 2), indexof_regex("abcabc", @"a.c", 1, -1, 2), indexof_regex("ababaa", @"a.a", 0, -1, 2), indexof_regex("xxabc", @"b"), indexof_regex("abc", @"a", -1)`);
    assert.deepEqual(r, [3, -1, -1, 3, null]);
  });

  it('array_sort_asc with several arrays: [i] is the i-th reordered array; print expands columns', async () => {
    const [x] = await one(`print x = array_sort_asc(dynamic([3, 1, 2]), dynamic(["c", "a", "b"]))[1]`);
    assert.deepEqual(x, ['a', 'b', 'c']);
    const r = await one(`print array_sort_desc(dynamic([1, 3, 2]), dynamic(["a", "b", "c"]))`);
    assert.deepEqual(r, [[3, 2, 1], ['b', 'c', 'a']]);
    // extend: the first array under the given name, the others as <name>_sorted (the binder's names).
    const e = await one(`datatable (a:dynamic, b:dynamic, c:dynamic) [dynamic([3, 1, 2]), dynamic(["c", "a", "b"]), dynamic([30, 10, 20])] | extend x = array_sort_desc(a, b, c), k = 1 | project x, b_sorted, c_sorted, k`);
    assert.deepEqual(e, [[3, 2, 1], ['c', 'b', 'a'], [30, 20, 10], 1]);
    const u = await one(`datatable (a:dynamic, b:dynamic) [dynamic([3, 1, 2]), dynamic(["c", "a", "b"])] | extend array_sort_asc(a, b) | project a_sorted, b_sorted`);
    assert.deepEqual(u, [[1, 2, 3], ['a', 'b', 'c']]);
  });

  it('binary shifts: by shift % 64, null for a negative shift, left shift wraps in 64-bit two\'s complement', async () => {
    const r = await rows(`datatable (x:long, s:long) [-1, 2, 1, 63, 3, 64, 5, -1, -8, 1, 7, 65, 9223372036854775807, 1]
      | extend l = binary_shift_left(x, s), r = binary_shift_right(x, s), i = binary_shift_left(int(1), 2) | order by x asc | project l, r, i`);
    assert.deepEqual(r.map((row) => row.map((v) => (v === null ? null : String(v)))), [
      ['-16', '-4', '4'], ['-4', '-1', '4'], ['-9223372036854775808', '0', '4'], ['3', '3', '4'], [null, null, '4'], ['14', '3', '4'], ['-2', '4611686018427387903', '4'],
    ]);
  });

  it('bag_merge keeps the first bag value; bag_remove_keys takes JSONPaths; bag_zip needs key arrays', async () => {
    const [m, rm, z1, z2] = await one(`datatable(k1:dynamic, k2:dynamic, v:dynamic)[dynamic('a'), dynamic(['a', 'b']), dynamic(1)]
      | project bag_merge(dynamic({'A1': 12, 'B1': 2}), dynamic({'A1': 1, 'C': {'x': 1}})),
      bag_remove_keys(dynamic({'k1': 1, 'k2': {'p1': 'a', 'p2': 'b'}, 'k3': [1]}), dynamic(['$.k2.p1', 'k3'])),
      bag_zip(k1, dynamic([1])), bag_zip(k2, v)`);
    assert.deepEqual(m, { A1: 12, B1: 2, C: { x: 1 } });
    assert.deepEqual(rm, { k1: 1, k2: { p2: 'b' } });
    assert.equal(z1, null);
    assert.deepEqual(z2, { a: null, b: null });
  });

  it('base64_encode_fromarray reads a toscalar() array', async () => {
    const [s] = await one(`let b = toscalar(print base64_decode_toarray("S3VzdG8=")); print base64_encode_fromarray(b)`);
    assert.equal(s, 'S3VzdG8=');
  });

  it('tohex of an int uses 32-bit two\'s complement', async () => {
    assert.deepEqual(await one(`print tohex(toint(-256), 8), tohex(-256), tohex(256, 8)`), ['ffffff00', 'ffffffffffffff00', '00000100']);
  });

  it('format_datetime / format_timespan specifiers', async () => {
    const r = await one(`let dt = datetime(2017-01-29 09:00:05.1234567); let t = time(29.09:00:05.12345);
      print format_datetime(dt, 'yyyy-M-dd [H:mm:ss]'), format_datetime(dt, 'yy-MM-dd [hh:mm:ss tt] fff'), format_datetime(datetime(2017-01-29 13:00:00.5), 'h tt FFF'),
        format_timespan(t, 'dd.hh:mm:ss:FF'), format_timespan(t, 'ddd.h:mm:ss [fffffff]')`);
    assert.deepEqual(r, ['2017-1-29 [9:00:05]', '17-01-29 [09:00:05 AM] 123', '1 PM 5', '29.09:00:05:12', '029.9:00:05 [1234500]']);
  });

  it('replace_strings: a lookup with a non-string replacement still shields its text', async () => {
    const [a, b] = await one(`print replace_strings("This is it", dynamic(['This', 'is']), dynamic([12345, 'was'])), replace_strings("This is it", dynamic(['is', 'This']), dynamic(['was', 'This']))`);
    assert.equal(a, 'This was it');
    assert.equal(b, 'Thwas was it');
  });

  it('parse_csv keeps quoted newlines in the first record', async () => {
    const [r] = await one(`print parse_csv('aa,"b,b",cc,"q ""x""","line1\\nline2"\\nnext,row')`);
    assert.deepEqual(r, ['aa', 'b,b', 'cc', 'q "x"', 'line1\nline2']);
  });

  it('parse_path splits scheme, drive root and alternate data stream', async () => {
    const [a, b] = await one(`print parse_path("file://C:/temp/file.txt:some.exe"), parse_path(@"\\\\shared\\users\\file.txt.gz")`);
    assert.deepEqual(a, { Scheme: 'file', RootPath: 'C:', DirectoryPath: 'C:/temp', DirectoryName: 'temp', Filename: 'file.txt', Extension: 'txt', AlternateDataStreamName: 'some.exe' });
    assert.equal((b as Record<string, string>).RootPath, '');
    assert.equal((b as Record<string, string>).Extension, 'gz');
  });

  it('datetime_local_to_utc: a wall time in a DST gap takes the offset after the gap', async () => {
    const r = await one(`print datetime_local_to_utc(datetime(2022-03-27 02:00), 'Europe/Brussels'), datetime_local_to_utc(datetime(2022-03-27 03:00), 'Europe/Brussels'), datetime_local_to_utc(datetime(2022-01-10 12:00), 'Europe/Brussels')`);
    assert.deepEqual(r.map((v) => new Date(String(v)).toISOString()), ['2022-03-27T00:00:00.000Z', '2022-03-27T01:00:00.000Z', '2022-01-10T11:00:00.000Z']);
  });

  it('toint/tolong of text with a fraction truncate (as documented), big integers stay exact', async () => {
    assert.deepEqual(await one(`print toint("1.9"), tolong("-2.7"), toint(" 12 "), tolong("9007199254740993"), toint("1e2"), toint("x")`), [1, -2, 12, '9007199254740993', 100, null]);
  });

  it('time() literals with 5 fractional digits keep their value', async () => {
    const [t] = await one(`print tolong(time(29.09:00:05.12345))`);
    assert.equal(Number(t), 25380051234500);
  });
});
