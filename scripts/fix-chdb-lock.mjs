/**
 * chdb lists four platform packages as optionalDependencies, but only @chdb/lib-linux-x64-gnu is
 * published on the npm registry. `npm install` leaves the unpublished ones out of
 * package-lock.json, and `npm ci` then refuses the lock as out of sync with package.json. This
 * script adds each missing one as an optional, platform-restricted entry without a tarball: on
 * Linux x64 npm skips the others by os/cpu and never fetches them. Run it after any `npm install`
 * that rewrites the lock (test/chdb-lock.test.ts fails until you do).
 */
import { readFileSync, writeFileSync } from 'node:fs';

const path = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(path, 'utf8'));
const chdb = lock.packages['node_modules/chdb'];
if (!chdb) throw new Error('package-lock.json has no chdb entry');
let added = 0;
for (const [name, version] of Object.entries(chdb.optionalDependencies ?? {})) {
  const key = `node_modules/${name}`;
  if (lock.packages[key]) continue;
  const m = /^@chdb\/lib-(darwin|linux)-(x64|arm64)/.exec(name);
  if (!m) throw new Error(`unexpected chdb platform package ${name}`);
  lock.packages[key] = { version, optional: true, os: [m[1]], cpu: [m[2]] };
  added++;
}
writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
process.stdout.write(`fix-chdb-lock: ${added} platform entr${added === 1 ? 'y' : 'ies'} added\n`);
