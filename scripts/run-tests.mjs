#!/usr/bin/env node
// Runs every test/**/*.test.ts with node's test runner (Node 20's --test does not expand globs
// nor pick up .ts files by itself). Extra arguments are passed through, e.g. a file filter:
//   npm test -- test/ingest
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

function collect(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...collect(p));
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const filters = process.argv.slice(2);
const files = collect('test').filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)));
if (files.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}
// The browser tests drive the built console (dist/web): rebuild it when its sources are newer.
function newest(dir) {
  let t = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const s = statSync(p);
    t = Math.max(t, s.isDirectory() ? newest(p) : s.mtimeMs);
  }
  return t;
}
const APP = 'dist/web/app.js';
const sources = Math.max(newest('web'), statSync('src/correlate/evidence-query.ts').mtimeMs, statSync('src/hunts/kql-literal.ts').mtimeMs, statSync('src/hunts/rule-schema.ts').mtimeMs);
if (files.some((f) => f.startsWith(join('test', 'web'))) && (!existsSync(APP) || statSync(APP).mtimeMs < sources)) {
  console.error('harrier tests: the web console is older than its sources: rebuilding dist/web');
  const b = spawnSync(process.execPath, ['scripts/build-web.mjs'], { stdio: 'inherit' });
  if (b.status !== 0) process.exit(b.status ?? 1);
}

const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...files], { stdio: 'inherit' });
process.exit(r.status ?? 1);
