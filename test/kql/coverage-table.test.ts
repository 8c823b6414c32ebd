import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { coverageMarkdown } from '../../src/kql/coverage.js';

test('docs/KQL-COVERAGE.md is up to date (npm run coverage-table)', () => {
  const onDisk = readFileSync(new URL('../../docs/KQL-COVERAGE.md', import.meta.url), 'utf8');
  assert.equal(onDisk, coverageMarkdown(), 'docs/KQL-COVERAGE.md is stale: run `npm run coverage-table`');
});
