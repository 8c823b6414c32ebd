/**
 * The acceptance check on the default demo: `harrier demo` writes harrier-report/report.md whose
 * Markdown has the eight sections and names ws-1009, jdoe, the 22:27 access and the 22:33 upload
 * (UTC), the hunt queries and the ATT&CK techniques. Uses ./harrier-demo.duckdb when it exists
 * (a copy, so the working tree is untouched), otherwise simulates it once into a temp folder (~20 s).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SECTION_TITLES } from '../../src/report/build-doc.js';
import { cli, sections, tables, walk } from './helpers.js';

test('harrier demo writes the hunt report of the default demo', { timeout: 300_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'harrier-demo-report-'));
  const local = resolve('harrier-demo.duckdb');
  if (existsSync(local) && !existsSync(`${local}.wal`)) {
    copyFileSync(local, join(dir, 'harrier-demo.duckdb'));
    if (existsSync(`${local}.hr-watchlist.csv`)) copyFileSync(`${local}.hr-watchlist.csv`, join(dir, 'harrier-demo.duckdb.hr-watchlist.csv'));
  }
  const r = cli(['demo'], dir);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Hunt report of INC-[0-9a-f]{10}: (\.\/)?harrier-report\/report\.md and (\.\/)?harrier-report\/report\.html/);
  const md = readFileSync(join(dir, 'harrier-report', 'report.md'), 'utf8');
  const secs = sections(md);
  assert.deepEqual(secs.map((s) => s.title), [...SECTION_TITLES]);
  const get = (title: string) => secs.find((s) => s.title === title)!;
  const scope = tables(get('Preparation').tokens)[0]!;
  assert.match(scope.rows.find((x) => x[0] === 'Devices')![1]!, /^ws-1009\./);
  assert.equal(scope.rows.find((x) => x[0] === 'Accounts')![1], 'jdoe');
  const timeline = tables(get('Timeline Summary and Findings').tokens)[0]!;
  const timeOf = (re: RegExp) => timeline.rows.find((x) => re.test(x[3]!))?.[0];
  assert.match(timeOf(/sensitive documents/) ?? '', /^2026-11-24 22:27:\d\d UTC$/);
  assert.match(timeOf(/personal cloud storage/) ?? '', /^2026-11-24 22:33:\d\d UTC$/);
  assert.match(timeline.rows.find((x) => /sensitive documents/.test(x[3]!))![1]!, /10:27:\d\d PM/);
  const kql = walk(get('Data Analysis').tokens).filter((t) => t.type === 'code');
  assert.equal(kql.length, 12);
  const attack = tables(get('Investigation').tokens).find((t) => t.headers[0] === 'technique')!;
  assert.ok(attack.rows.some((x) => x[0] === 'T1052.001' && x[1] === 'Exfiltration over USB'));
  assert.ok(existsSync(join(dir, 'harrier-report', 'report.html')));
});
