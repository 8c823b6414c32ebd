/** Writes docs/KQL-COVERAGE.md (see src/kql/coverage.ts). Usage: npm run coverage-table */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { coverageMarkdown } from '../src/kql/coverage.js';

const target = fileURLToPath(new URL('../docs/KQL-COVERAGE.md', import.meta.url));
writeFileSync(target, coverageMarkdown());
console.log(`wrote ${target}`);
