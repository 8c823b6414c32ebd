/** Operator coverage: each operator's behaviour on tiny inputs. */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { getEngine, rows, run } from './helpers.js';

after(async () => (await getEngine()).close());

describe('operators', () => {
  it('project variants', async () => {
    const r = await run(`print a=1, b="x", c=2.5 | project-away c | project-rename bb=b | project-reorder bb`);
    assert.deepEqual(r.columns.map((c) => c.name), ['bb', 'a']);
    assert.deepEqual(r.rows, [['x', 1]]);
  });
  it('extend, where, take, distinct', async () => {
    assert.deepEqual(await rows(`range x from 1 to 10 step 1 | extend y = x % 3 | where y == 0 | distinct y`), [[0]]);
    assert.equal((await rows(`range x from 1 to 10 step 1 | take 4`)).length, 4);
  });
  it('union withsource and outer by name', async () => {
    const r = await run(`union withsource=Src (datatable(a:long)[1]), (datatable(b:string)["z"]) | order by Src asc`);
    assert.deepEqual(r.columns.map((c) => c.name), ['Src', 'a', 'b']);
    assert.deepEqual(r.rows, [['union_arg0', 1, ''], ['union_arg1', null, 'z']]);
  });
  it('mv-expand arrays and parse', async () => {
    assert.deepEqual(await rows(`print d=dynamic([1,2,3]) | mv-expand d to typeof(long) | summarize sum(d)`), [[6]]);
    assert.deepEqual(await rows(`print s="user=bob id=42" | parse s with "user=" u " id=" id:long | project u, id`), [['bob', 42]]);
  });
  it('let scalar, tabular and function; materialize; toscalar; invoke', async () => {
    const q = `let n = 2; let T = materialize(range x from 1 to 5 step 1); let f = (t:(x:long), m:long) { t | where x > m }; let c = toscalar(T | count); T | invoke f(n) | extend c = c | count`;
    assert.deepEqual(await rows(q), [[3]]);
  });
  it('lookup and serialize with row_number', async () => {
    assert.deepEqual(await rows(`datatable(k:string)["a","b"] | lookup (datatable(k:string, v:long)["a",1]) on k | order by k asc`), [['a', 1], ['b', null]]);
    assert.deepEqual(await rows(`range x from 5 to 7 step 1 | sort by x asc | serialize r = row_number()`), [[5, 1], [6, 2], [7, 3]]);
  });
  it('render is kept as metadata', async () => {
    const r = await run(`range x from 1 to 2 step 1 | render timechart`);
    assert.equal(r.render?.visualization, 'timechart');
  });
  it('unsupported constructs are refused with a diagnostic, never run', async () => {
    await assert.rejects(run(`print x=1 | evaluate narrow()`), /not supported: evaluate narrow/);
    await assert.rejects(run(`print x=1 | scan with (step s output=last: x == 1;)`), /not supported/);
  });
  it('binder errors carry line:column', async () => {
    await assert.rejects(run(`print x = \n  nosuchcolumn`), (e: { diagnostics: { line?: number; column?: number }[] }) => e.diagnostics[0]!.line === 2 && e.diagnostics[0]!.column === 3);
  });
  it('mv-apply runs the subquery per row', async () => {
    assert.deepEqual(await rows(`datatable(i:long, a:dynamic)[0, dynamic([1,5,3]), 1, dynamic([10,2])] | mv-apply v=a to typeof(long) on (top 1 by v) | project i, v | order by i asc`), [[0, 5], [1, 10]]);
  });
  it('parse-kv extracts typed keys', async () => {
    assert.deepEqual(await rows(`print s="a=1;b=x y;c=2" | parse-kv s as (a:long, b:string) with (pair_delimiter=';', kv_delimiter='=') | project a, b`), [[1, 'x y']]);
  });
  it('top-nested keeps the top groups per level', async () => {
    assert.deepEqual(await rows(`datatable(A:string, B:string, v:long)["a","x",1,"a","y",5,"b","x",2,"c","x",10] | top-nested 2 of A by s=sum(v), top-nested 1 of B by t=sum(v) | order by s desc`), [['c', 10, 'x', 10], ['a', 6, 'y', 5]]);
  });
  it('evaluate bag_unpack expands keys found in the data and resolves them downstream', async () => {
    const r = await run(`datatable(T:long, d:dynamic)[1, dynamic({"a":1,"b":"x"}), 2, dynamic({"a":2})] | evaluate bag_unpack(d) | order by T asc`);
    assert.deepEqual(r.columns.map((c) => c.name), ['T', 'a', 'b']);
    assert.deepEqual(r.rows, [[1, 1, 'x'], [2, 2, null]]);
    assert.deepEqual(await rows(`datatable(T:long, d:dynamic)[1, dynamic({"a":1}), 2, dynamic({"a":2})] | evaluate bag_unpack(d) | where a == 2 | project T`), [[2]]);
  });
  it('row functions restart and keep the serialized order', async () => {
    assert.deepEqual(await rows(`datatable(a:string, b:long)["x",1,"x",2,"y",3] | order by a asc, b asc | extend rn = row_number(1, prev(a) != a) | project rn`), [[1], [2], [1]]);
  });
  it('getschema lists columns', async () => {
    assert.deepEqual(await rows(`datatable(a:long, b:string)[] | getschema | project ColumnName, ColumnType`), [['a', 'long'], ['b', 'string']]);
  });
  it('dynamic member access and functions', async () => {
    assert.deepEqual(await rows(`print j=parse_json('{"a":{"b":[10,20]}}') | project x = j.a.b[1], y = tostring(j["a"]["b"][0]), n = array_length(j.a.b)`), [[20, '10', 2]]);
  });
});
