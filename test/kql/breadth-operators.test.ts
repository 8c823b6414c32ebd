/**
 * Issue 9 (operators / plugins / statements): pattern statements, row_window_session(), parse
 * kind=relaxed, parse-kv greedy=true, innerunique filter push-down, union suffix clashes,
 * bag_unpack conflicts and output schema, and the plugins ipv4_lookup, ipv6_lookup,
 * rolling_percentile, sliding_window_counts, activity_counts_metrics, active_users_count, rows_near.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { getEngine, rows, run } from './helpers.js';

after(async () => (await getEngine()).close());

const refused = async (q: string, re: RegExp) => assert.rejects(run(q), re);

describe('pattern statements', () => {
  const P = `declare pattern country = (name:string)[state:string]
{ ("USA").["New York"] = { print Capital = "Albany" }; ("Canada").["Alberta"] = { print Capital = strcat("Edmonton, ", name) }; };`;
  it('picks the entry by argument and path (dot name or bracketed string)', async () => {
    assert.deepEqual(await rows(`${P} country("Canada").Alberta`), [['Edmonton, Canada']]);
    assert.deepEqual(await rows(`${P} country("USA").["New York"]`), [['Albany']]);
  });
  it('without a path parameter', async () => {
    assert.deepEqual(await rows(`declare pattern ip = (a:string) { ("10.0.0.1") = { print Lat=1.5 }; }; ip("10.0.0.1")`), [[1.5]]);
  });
  it('an invocation without an entry is an error; wildcards are refused', async () => {
    await assert.rejects(run(`${P} country("France").Paris`), /No pattern matches|no entry/);
    await refused(`declare pattern p = (a:string) { ("x") = { print 1 }; ("y") = { print 2 }; }; p("z")`, /No pattern matches|no entry/);
    await refused(`declare pattern p = (a:string) { ("x") = { print 1 }; (*) = { print 2 }; }; p("x")`, /not supported|KQL|error/i);
  });
});

describe('row_window_session()', () => {
  it('starts a session past the first-value or neighbour distance, and on restart', async () => {
    const r = await rows(`datatable(ID:string, T:datetime)["1", datetime(2024-04-11 10:00), "2", datetime(2024-04-11 10:18), "1", datetime(2024-04-11 11:00),
      "2", datetime(2024-04-11 13:30), "2", datetime(2024-04-11 10:16)]
      | sort by ID asc, T asc | extend S = row_window_session(T, 1h, 5m, ID != prev(ID)) | project ID, S`);
    assert.deepEqual(r, [['1', '2024-04-11T10:00:00Z'], ['1', '2024-04-11T11:00:00Z'], ['2', '2024-04-11T10:16:00Z'], ['2', '2024-04-11T10:16:00Z'], ['2', '2024-04-11T13:30:00Z']]);
  });
  it('max distance from the first value closes a session of close neighbours', async () => {
    const r = await rows(`range i from 0 to 5 step 1 | extend t = datetime(2024-01-01) + i * 3m | serialize | extend s = row_window_session(t, 10m, 4m) | project s`);
    assert.deepEqual(r.map((x) => x[0]), ['00:00', '00:00', '00:00', '00:00', '00:12', '00:12'].map((h) => `2024-01-01T00:${h.slice(3)}:00Z`));
  });
});

describe('parse / parse-kv', () => {
  it('parse kind=relaxed: a typed column that does not convert is null, the others still parse', async () => {
    const r = await rows(`datatable(s:string)["a=1, b=x, c=3", "a=q, b=2, c=4"] | parse kind=relaxed s with "a=" a:long ", b=" b:long ", c=" c:long | project a, b, c`);
    assert.deepEqual(r, [[1, null, 3], [null, 2, 4]]);
  });
  it('parse (simple) still drops the whole row when a typed column does not convert', async () => {
    const r = await rows(`datatable(s:string)["a=1, b=x"] | parse s with "a=" a:long ", b=" b:long | project a, b`);
    assert.deepEqual(r, [[null, null]]);
  });
  it('parse-kv greedy=true: values run up to the next key', async () => {
    const r = await rows(`print str='name=John Doe phone=555 5555 city=New York' | parse-kv str as (name:string, phone:string, city:string) with (pair_delimiter=' ', kv_delimiter='=', greedy=true) | project-away str`);
    assert.deepEqual(r, [['John Doe', '555 5555', 'New York']]);
  });
});

describe('join / union', () => {
  const T = `let t1 = datatable(key:long, value:string)[1, "val1.1", 1, "val1.2"]; let t2 = datatable(key:long, value:string)[1, "val1.3", 1, "val1.4"];`;
  it('a where after innerunique on left columns filters before the left dedup', async () => {
    const r = await rows(`${T} t1 | join kind=innerunique t2 on key | where value == "val1.2" | project value, value1 | order by value1 asc`);
    assert.deepEqual(r, [['val1.2', 'val1.3'], ['val1.2', 'val1.4']]);
  });
  it('a where on right columns is not pushed (one left row per key)', async () => {
    const r = await rows(`${T} t1 | join t2 on key | where value1 == "val1.4" | count`);
    assert.deepEqual(r, [[1]]);
  });
  it('union: a real x_long column keeps its name, the suffixed x of type long becomes x_long1', async () => {
    const r = await run(`let V1 = view () { print x=1 }; let V2 = view () { print x=toint(2) }; let V3 = view () { print x_long=3 };
      union withsource=T V1, V2, V3 | order by T asc`);
    assert.deepEqual(r.columns.map((c) => c.name), ['T', 'x_long1', 'x_int', 'x_long']);
    assert.deepEqual(r.rows, [['V1', 1, null, null], ['V2', null, 2, null], ['V3', null, null, 3]]);
  });
});

describe('union over wildcards', () => {
  it('isfuzzy=true skips a wildcard without matches; views are matched by name', async () => {
    assert.deepEqual(await rows(`let View_1 = view () { print x=1 }; let View_2 = view () { print x=1 }; let Other_1 = view () { print x=1 };
      union isfuzzy=true View*, SomeView*, Other* | count`), [[3]]);
  });
  it('a wildcard without matches is a bind error without isfuzzy', async () => {
    await assert.rejects(run('union Nothing*'), /does not refer to any known table/);
  });
  it('the outer schema suffixes a name seen with several types', async () => {
    const r = await run(`let V1 = view () { print x=1 }; let V2 = view () { print x="s" }; union withsource=T V* | order by T asc`);
    assert.deepEqual(r.columns.map((c) => c.name), ['T', 'x_long', 'x_string']);
    assert.deepEqual(r.rows, [['V1', 1, ''], ['V2', null, 's']]);
  });
});

describe('bag_unpack', () => {
  const D = `datatable(Name:string, d:dynamic)['James', dynamic({"Name": "John", "Age": 20}), 'David', dynamic({"Age": 40})]`;
  it('columnsConflict: error (default), keep_source, replace_source', async () => {
    await assert.rejects(run(`${D} | evaluate bag_unpack(d)`), /conflicts/);
    assert.deepEqual(await rows(`${D} | evaluate bag_unpack(d, columnsConflict='keep_source') | order by Name asc`), [['David', 40], ['James', 20]]);
    assert.deepEqual(await rows(`${D} | evaluate bag_unpack(d, columnsConflict='replace_source') | order by tostring(Age) asc`), [['John', 20], [null, 40]]);
  });
  it('an output schema converts the declared keys and drops the others', async () => {
    const r = await run(`datatable(d:dynamic, x:string)[dynamic({"Name": "John", "Age": "20", "h": 1}), "s"] | evaluate bag_unpack(d) : (*, Name:string, Age:long)`);
    assert.deepEqual(r.columns.map((c) => `${c.name}:${c.type}`), ['x:string', 'Name:string', 'Age:long']);
    assert.deepEqual(r.rows, [['s', 'John', 20]]);
  });
});

describe('plugins', () => {
  const IPS = `let L = datatable(network:string, c:string)["10.0.0.0/8", "ten", "10.1.0.0/16", "ten-one", "192.168.1.7", "host"];
    let I = datatable(ip:string)["10.1.2.3", "192.168.1.7", "8.8.8.8"];`;
  it('ipv4_lookup: every containing range, unmatched rows only with return_unmatched', async () => {
    assert.deepEqual(await rows(`${IPS} I | evaluate ipv4_lookup(L, ip, network) | order by ip asc, network asc`),
      [['10.1.2.3', '10.0.0.0/8', 'ten'], ['10.1.2.3', '10.1.0.0/16', 'ten-one'], ['192.168.1.7', '192.168.1.7', 'host']]);
    const r = await rows(`${IPS} I | evaluate ipv4_lookup(L, ip, network, return_unmatched = true) | where ip == "8.8.8.8"`);
    assert.deepEqual(r, [['8.8.8.8', '', '']]);
  });
  it('ipv6_lookup: lookup columns first', async () => {
    const r = await run(`let L = datatable(network:string, c:string)["2001:db8::/32", "doc"]; datatable(ip:string)["2001:db8::1", "::1"] | evaluate ipv6_lookup(L, ip, network)`);
    assert.deepEqual(r.columns.map((c) => c.name), ['network', 'c', 'ip']);
    assert.deepEqual(r.rows, [['2001:db8::/32', 'doc', '2001:db8::1']]);
  });
  it('rolling_percentile over the current and previous bins, per dimension', async () => {
    const T = 'range i from 0 to 5 step 1 | extend t = datetime(2024-01-01) + i * 12h, v = i + 1, k = iff(i % 2 == 0, "e", "o")';
    assert.deepEqual((await rows(`${T} | evaluate rolling_percentile(v, 50, t, 1d, 2) | order by t asc`)).map((x) => x[1]), [1, 2, 4]);
    const r = await rows(`${T} | evaluate rolling_percentile(v, 50, t, 1d, 2, k) | order by k asc, t asc`);
    assert.deepEqual(r.map((x) => [x[1], x[2]]), [['e', 1], ['e', 1], ['e', 3], ['o', 2], ['o', 2], ['o', 4]]);
  });
  it('sliding_window_counts: lookback over earlier bins, empty bins included', async () => {
    const r = await rows(`datatable(u:string, t:datetime)["a", datetime(2024-01-01), "b", datetime(2024-01-01), "a", datetime(2024-01-02)]
      | evaluate sliding_window_counts(u, t, datetime(2024-01-01), datetime(2024-01-04), 2d, 1d) | order by t asc`);
    assert.deepEqual(r.map((x) => [x[1], x[2]]), [[2, 2], [3, 2], [1, 1], [0, 0]]);
  });
  it('activity_counts_metrics: count, dcount, new ids and running distinct count', async () => {
    const r = await rows(`datatable(u:string, t:datetime)["a", datetime(2024-01-01), "b", datetime(2024-01-01), "a", datetime(2024-01-02), "c", datetime(2024-01-02), "c", datetime(2024-01-02)]
      | evaluate activity_counts_metrics(u, t, datetime(2024-01-01), datetime(2024-01-03), 1d) | order by t asc`);
    assert.deepEqual(r.map((x) => x.slice(1)), [[2, 2, 2, 2], [3, 2, 1, 3], [0, 0, 0, 3]]);
  });
  it('active_users_count: distinct periods in (appearance - lookback, appearance]', async () => {
    const r = await rows(`datatable(u:string, t:datetime)["a", datetime(2024-01-01), "a", datetime(2024-01-02), "a", datetime(2024-01-03), "b", datetime(2024-01-03)]
      | evaluate active_users_count(u, t, datetime(2024-01-01), datetime(2024-01-10), 3d, 1d, 3, 7d)`);
    assert.deepEqual(r, [['2024-01-01T00:00:00Z', 1]]);
  });
  it('rows_near: rows around matches of a serialized input; unsorted input is refused', async () => {
    const r = await rows(`range i from 1 to 10 step 1 | sort by i asc | evaluate rows_near(i == 5, 1, 2) | project i`);
    assert.deepEqual(r.map((x) => x[0]), [4, 5, 6, 7]);
    await refused(`range i from 1 to 10 step 1 | summarize by i | evaluate rows_near(i == 5, 1)`, /not serialized/);
  });
  it('fork, facet, reduce and find are refused with a reason', async () => {
    await refused('range x from 1 to 3 step 1 | fork (count) (take 1)', /not supported: operator fork \(it returns several result tables/);
    await refused('range x from 1 to 3 step 1 | facet by x', /not supported: operator facet/);
    await refused('range x from 1 to 3 step 1 | reduce by tostring(x)', /not supported: operator reduce/);
    await refused('datatable(a:string)["x"] | make-graph a --> a with_node_id=n | graph-to-table nodes', /not supported: operator make-graph/);
  });
  it('unsupported plugins are refused', async () => {
    await refused(`range x from 1 to 3 step 1 | evaluate sql_request('a', 'b')`, /not supported|not defined|KQL/i);
  });
});

describe('sample / sample-distinct', () => {
  it('sample N returns N distinct input rows (all when fewer)', async () => {
    const r = await rows('range x from 1 to 10 step 1 | sample 4');
    assert.equal(r.length, 4);
    assert.equal(new Set(r.map((x) => x[0])).size, 4);
    assert.ok(r.every((x) => Number(x[0]) >= 1 && Number(x[0]) <= 10));
    assert.equal((await rows('range x from 1 to 3 step 1 | sample 10')).length, 3);
  });
  it('sample-distinct N of Col returns up to N distinct values', async () => {
    const r = await run('range x from 1 to 10 step 1 | extend y = x % 3 | sample-distinct 5 of y');
    assert.deepEqual(r.columns.map((c) => c.name), ['y']);
    assert.deepEqual(r.rows.map((x) => Number(x[0])).sort(), [0, 1, 2]);
  });
});

describe('statements and summarize', () => {
  it('declare query_parameters binds each parameter to its default', async () => {
    assert.deepEqual(await rows('declare query_parameters(n:long = 2, s:string = "a"); range x from 1 to n step 1 | extend s'), [[1, 'a'], [2, 'a']]);
    await refused('declare query_parameters(m:string); print m', /not supported: reference to 'm'/);
  });
  it('several arg_max(…, *) items each get their own columns', async () => {
    const r = await run('datatable(x:long, y:string)[1, "a", 2, "b"] | summarize a = arg_max(x, *), b = arg_min(x, *), c = count()');
    assert.deepEqual(r.columns.map((c) => c.name), ['a', 'y', 'b', 'y1', 'c']);
    assert.deepEqual(r.rows, [[2, 'b', 1, 'a', 2]]);
  });
});

describe('datetime literal', () => {
  it('spaces around the date hyphens', async () => {
    assert.deepEqual(await rows(`print datetime(2017 - 08 - 01)`), [['2017-08-01T00:00:00Z']]);
  });
});
