/**
 * The tests, benchmarks and scripts are type-checked with the sources (strict, as src/ is): a test
 * calling code with the wrong shape would otherwise pass at run time while no longer testing what
 * its types say.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

test('tsc -p tsconfig.tests.json reports no errors', () => {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.tests.json'], { encoding: 'utf8' });
  assert.equal(r.status, 0, `${r.stdout}${r.stderr}`);
});
