/** User-defined function calls: named arguments bind by name, omitted parameters take their defaults. */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { getEngine, rows } from './helpers.js';

after(async () => (await getEngine()).close());

describe('function arguments', () => {
  const F = `let f = (a:long, b:string = "dflt", c:long = 5) { strcat(a, "/", b, "/", c) };`;
  it('named arguments in any order, positional ones first', async () => {
    assert.deepEqual(await rows(`${F} print x=f(c=7, a=12), y=f(1, c=2), z=f(3, "q"), w=f(b="n", a=4)`), [['12/dflt/7', '1/dflt/2', '3/q/5', '4/n/5']]);
  });
});
