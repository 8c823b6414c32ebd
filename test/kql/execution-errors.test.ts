/**
 * Execution errors become diagnostics with the right code: a UDF's refusal is NOT-SUPPORTED (as a
 * translator refusal is), an interrupt is TIMEOUT, anything else EXECUTION with DuckDB's message.
 */
import assert from 'node:assert/strict';
import { after, it } from 'node:test';
import { executionDiagnostic } from '../../src/engine/index.js';
import { QueryError } from '../../src/engine/contract.js';
import { getEngine } from './helpers.js';

after(async () => (await getEngine()).close());

it('a UDF refusal wrapped by DuckDB is unwrapped to NOT-SUPPORTED', () => {
  const d = executionDiagnostic('Invalid Input Error: not supported: geo_polygon_perimeter() of a polygon with holes\n\nLINE 1: …', 1000);
  assert.deepEqual(d, { code: 'NOT-SUPPORTED', severity: 'error', message: 'not supported: geo_polygon_perimeter() of a polygon with holes' });
});

it('an interrupt is a TIMEOUT naming the limit; other errors keep DuckDB\'s message', () => {
  assert.deepEqual(executionDiagnostic('INTERRUPT Error: Interrupted!', 1500), { code: 'TIMEOUT', severity: 'error', message: 'query timed out after 1500 ms' });
  const d = executionDiagnostic('Conversion Error: Could not convert string "x" to INT32', 1000);
  assert.equal(d.code, 'EXECUTION');
  assert.match(d.message, /^execution failed: Conversion Error: Could not convert string "x"/);
});

it('end to end: a refused UDF input reaches the caller as NOT-SUPPORTED, not as an execution failure', async () => {
  const engine = await getEngine();
  const polygonWithHole = '{"type":"Polygon","coordinates":[[[0,0],[4,0],[4,4],[0,4],[0,0]],[[1,1],[2,1],[2,2],[1,2],[1,1]]]}';
  await assert.rejects(engine.query(`print geo_polygon_perimeter(dynamic(${polygonWithHole}))`), (err: unknown) => {
    assert.ok(err instanceof QueryError);
    assert.equal(err.diagnostics[0]!.code, 'NOT-SUPPORTED');
    assert.match(err.diagnostics[0]!.message, /^not supported: geo_polygon_perimeter\(\)/);
    return true;
  });
});
