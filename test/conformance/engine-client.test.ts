/** Tests engine-client.ts against fixtures/fake-engine.ts: errors, hangs and crashes never stop the run. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { EngineClient } from './engine-client.js';

const run = { now: new Date('2024-01-01T00:00:00Z'), maxRows: 10, timeoutMs: 1000 };

test('the engine child survives errors, hangs and crashes', async () => {
  process.env['HARRIER_CONFORMANCE_ENGINE'] = fileURLToPath(new URL('./fixtures/fake-engine.ts', import.meta.url));
  const client = new EngineClient({ engine: {}, graceMs: 300 });
  try {
    const ok = await client.query('print 1', run);
    assert.equal(ok.kind, 'ok');
    if (ok.kind === 'ok') {
      assert.equal(ok.result.rows[0]![1], '2024-01-01T00:00:00.000Z');
      assert.ok(Number.isNaN(ok.result.rows[0]![2]), 'NaN survives IPC');
    }
    const fail = await client.query('FAIL', run);
    assert.equal(fail.kind, 'error');
    if (fail.kind === 'error') assert.equal(fail.error.diagnostics?.[0]?.code, 'KQL-BIND');
    assert.equal((await client.query('HANG', run)).kind, 'timeout');
    assert.equal((await client.query('print 2', run)).kind, 'ok');
    assert.equal((await client.query('CRASH', run)).kind, 'crash');
    assert.equal((await client.query('print 3', run)).kind, 'ok');
    assert.equal(client.restarts, 2);
  } finally {
    client.close();
    delete process.env['HARRIER_CONFORMANCE_ENGINE'];
  }
});

test('a missing engine is reported as unavailable, not thrown', async () => {
  process.env['HARRIER_CONFORMANCE_ENGINE'] = '/nonexistent/engine.ts';
  const client = new EngineClient({ engine: {} });
  try {
    const r = await client.query('print 1', run);
    assert.equal(r.kind, 'unavailable');
    assert.equal((await client.query('print 1', run)).kind, 'unavailable');
  } finally {
    client.close();
    delete process.env['HARRIER_CONFORMANCE_ENGINE'];
  }
});
