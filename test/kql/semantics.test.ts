/** Kusto semantics traps (DESIGN.md), pinned on small datatables. */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { getEngine, rows, run } from './helpers.js';

after(async () => (await getEngine()).close());

const T = `datatable(k:string, v:long, s:string)["a",1,"x","a",2,"y","b",3,"z"]`;

describe('kusto semantics', () => {
  it('default join kind is innerunique (left side deduplicated per key)', async () => {
    const r = await rows(`${T} | join (datatable(k:string, w:long)["a",10,"a",20]) on k | project v, w | order by w asc, v asc`);
    // Only one left row for key "a" survives, matched against both right rows.
    assert.equal(r.length, 2);
    assert.deepEqual(r.map((x) => x[1]), [10, 20]);
    assert.equal(r[0]![0], r[1]![0]);
  });
  it('kind=inner keeps every match', async () => {
    const r = await rows(`${T} | join kind=inner (datatable(k:string, w:long)["a",10,"a",20]) on k | count`);
    assert.deepEqual(r, [[4]]);
  });
  it('$left/$right keys and leftouter keep strings non-null', async () => {
    const r = await rows(`${T} | join kind=leftouter (datatable(kk:string, n:string)["a","yes"]) on $left.k == $right.kk | where k == "b" | project n, kk`);
    assert.deepEqual(r, [['', '']]);
  });
  it('leftanti / rightsemi', async () => {
    assert.deepEqual(await rows(`${T} | join kind=leftanti (datatable(k:string)["a"]) on k | project k`), [['b']]);
    assert.deepEqual(await rows(`${T} | join kind=rightsemi (datatable(k:string)["b","c"]) on k`), [['b']]);
  });
  it('make_list and make_set take arrays apart one level; other values stay whole', async () => {
    const D = `datatable (g:long, a:dynamic) [1, dynamic([1, 2]), 1, dynamic(3), 1, dynamic([]), 1, dynamic([2, [4]]), 2, dynamic({"k": [5]})]`;
    assert.deepEqual(await rows(`${D} | summarize l = make_list(a), li = make_list_if(a, g == 1), s = make_set(a) by g | order by g asc | project l, li, s = array_sort_asc(s)`), [
      [[1, 2, 3, 2, [4]], [1, 2, 3, 2, [4]], [1, 2, 3, [4]]],
      [[{ k: [5] }], [], [{ k: [5] }]],
    ]);
  });
  it('a scalar let is one value: a random one is drawn once, not per row', async () => {
    assert.deepEqual(await rows(`let pick = rand(1000000); range i from 1 to 200 step 1 | extend p = pick | summarize dcount(p)`), [[1]]);
    // Exactly one of the five rows matches the one drawn number (per-row draws match 0..5 rows).
    for (let i = 0; i < 5; i++) assert.deepEqual(await rows(`let pick = toint(rand(5)); datatable (k:long) [0, 1, 2, 3, 4] | where k == pick | count`), [[1]]);
  });
  it('string operators are case-insensitive; _cs variants are not', async () => {
    assert.deepEqual(await rows(`print a = "Hello" =~ "hello", b = "Hello" contains "ELL", c = "Hello" startswith "he", d = "Hello" endswith "LO", e = "Hello" contains_cs "ELL", f = "x" in~ ("X")`), [[true, true, true, true, false, true]]);
  });
  it('has is a whole-term match', async () => {
    assert.deepEqual(await rows(`print a = "cmd.exe /c whoami" has "whoami", b = "cmd.exe /c whoami" has "who", c = "C:\\\\Windows\\\\System32" has "windows", d = "abc" !has "b"`), [[true, false, true, true]]);
  });
  it('negated string operators are true on empty input', async () => {
    assert.deepEqual(await rows(`print a = "" !contains "x", b = "" !startswith "x", c = "" !has "x", d = "" !in ("x")`), [[true, true, true, true]]);
  });
  it('sort defaults to desc with nulls last; asc puts nulls first', async () => {
    const D = `datatable(x:long)[2, long(null), 1]`;
    assert.deepEqual((await rows(`${D} | sort by x`)).map((r) => r[0]), [2, 1, null]);
    assert.deepEqual((await rows(`${D} | sort by x asc`)).map((r) => r[0]), [null, 1, 2]);
    assert.deepEqual((await rows(`${D} | top 2 by x`)).map((r) => r[0]), [2, 1]);
  });
  it('summarize without by on empty input gives one row with count 0 / dcount 0', async () => {
    assert.deepEqual(await rows(`datatable(x:long)[] | summarize count(), dcount(x), make_set(x)`), [[0, 0, []]]);
    assert.deepEqual(await rows(`datatable(x:long)[] | count`), [[0]]);
  });
  it('arg_max(x, *) returns whole rows', async () => {
    assert.deepEqual(await rows(`${T} | summarize arg_max(v, *) by k | order by k asc`), [['a', 2, 'y'], ['b', 3, 'z']]);
  });
  it('bin() on datetime and summarize by bin', async () => {
    const r = await rows(`datatable(t:datetime)[datetime(2024-01-01 10:17), datetime(2024-01-01 10:59), datetime(2024-01-01 11:01)] | summarize n=count() by b=bin(t, 1h) | order by b asc`);
    assert.deepEqual(r, [['2024-01-01T10:00:00Z', 2], ['2024-01-01T11:00:00Z', 1]]);
  });
  it('int/int truncates; real division does not', async () => {
    assert.deepEqual(await rows(`print 7/2, -7/2, 7.0/2`), [[3, -3, 3.5]]);
  });
  it('conversions never throw', async () => {
    assert.deepEqual(await rows(`print toint("x"), tolong("12"), todatetime("nope"), toreal(""), tostring(long(null))`), [[null, 12, null, null, '']]);
  });
  it('now()/ago() use the pinned clock; datetime and timespan encodings', async () => {
    assert.deepEqual(await rows(`print now(), ago(1d), 1d + 2h + 3s, datetime(2024-01-01 00:00:00.1234567)`), [['2024-01-15T12:00:00Z', '2024-01-14T12:00:00Z', '1.02:00:03', '2024-01-01T00:00:00.1234567Z']]);
  });
});
