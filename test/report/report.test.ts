/**
 * `harrier report` on a small simulated estate: report.md parsed with marked's lexer has the eight
 * sections of the founding template in order, John Doe's device and account in the scope, the
 * planted access and upload times in the timeline (UTC and local), one KQL block per query whose
 * stated result count matches a re-run of that exact text, and ATT&CK names and tactics from the
 * pinned data; the Navigator layer validates against the 4.x format.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Token, Tokens } from 'marked';
import { openEngine } from '../../src/engine/index.js';
import { attackTactics, findTechnique } from '../../src/attack/attack-data.js';
import { NavigatorLayerSchema } from '../../src/report/attack-layer-schema.js';
import { SECTION_TITLES } from '../../src/report/build-doc.js';
import { cli, plain, sections, smallEstate, tables, walk, type Section, type SmallEstate } from './helpers.js';

let estate: SmallEstate;
let md: string;
let secs: Section[];
let out: string;

before(async () => {
  estate = await smallEstate();
  out = join(estate.dir, 'report');
  const r = cli(['report', '--db', estate.db, '--now', estate.now, '--watchlist', estate.watchlist, '--out', out, '--attack-layer', join(out, 'layer.json')]);
  assert.equal(r.status, 0, r.stderr);
  md = readFileSync(join(out, 'report.md'), 'utf8');
  secs = sections(md);
});

const section = (title: string) => {
  const s = secs.find((x) => x.title === title);
  assert.ok(s, `section ${title} missing`);
  return s;
};

test('report.md has the seven template sections plus the timeline, in order', () => {
  assert.deepEqual(secs.map((s) => s.title), [...SECTION_TITLES]);
  for (const s of secs) assert.ok(s.tokens.some((t) => t.type === 'table' || t.type === 'list' || t.type === 'paragraph'), `${s.title} is empty`);
});

test('Preparation scope names the device, the account and the window', () => {
  const scope = tables(section('Preparation').tokens)[0]!;
  const get = (k: string) => scope.rows.find((r) => r[0] === k)?.[1];
  assert.equal(get('Devices'), estate.johnDevice);
  assert.equal(get('Accounts'), 'jdoe');
  assert.match(get('Time window') ?? '', /UTC to .* UTC/);
  const trigger = walk(section('Preparation').tokens).filter((t) => t.type === 'list_item').map(plain).join('\n');
  assert.match(trigger, /performance improvement plan .* jdoe@contoso\.com/);
});

test('Data Collection lists the tables with row counts and the blind spots', () => {
  const t = tables(section('Data Collection').tokens)[0]!;
  assert.deepEqual(t.headers.slice(0, 2), ['table', 'rows']);
  const names = t.rows.map((r) => r[0]);
  for (const n of ['DeviceProcessEvents', 'DeviceFileEvents', 'DeviceNetworkEvents']) assert.ok(names.includes(n), n);
  for (const r of t.rows) assert.ok(Number(r[1]!.replace(/,/g, '')) > 0, `${r[0]} rows`);
  const text = walk(section('Data Collection').tokens).map(plain).join('\n');
  assert.match(text, /No file-open events/);
});

test('Data Analysis: one KQL block per query, and each stated result count matches a re-run', async () => {
  const tokens = section('Data Analysis').tokens;
  const queries: { name: string; kql: string; rows: number }[] = [];
  let current: { name: string; rows?: number } | undefined;
  for (const t of tokens) {
    if (t.type === 'heading' && (t as Tokens.Heading).depth === 4) current = { name: plain(t).replace(/^Query: /, '') };
    if (t.type === 'list' && current) {
      const m = (t as Tokens.List).items.map(plain).map((x) => /^Result rows: (\d+)$/.exec(x)).find(Boolean);
      if (m) current.rows = Number(m[1]);
    }
    if (t.type === 'code' && current) {
      assert.equal((t as Tokens.Code).lang, 'kql');
      assert.ok(current.rows !== undefined, `${current.name}: no result count`);
      queries.push({ name: current.name, kql: (t as Tokens.Code).text, rows: current.rows });
      current = undefined;
    }
  }
  const summary = tables(tokens)[0]!;
  assert.equal(queries.length, summary.rows.length, 'a KQL block for every query in the summary table');
  assert.equal(queries.length, 12);
  const engine = await openEngine({ db: estate.db });
  try {
    for (const q of queries) {
      const r = await engine.query(q.kql, { now: new Date(estate.now), maxRows: 10_000 });
      assert.equal(r.rows.length, q.rows, `${q.name}: re-run gives ${r.rows.length} rows, report says ${q.rows}`);
    }
  } finally {
    engine.close();
  }
  assert.ok(queries.some((q) => q.rows > 0));
});

test('Investigation: findings on the device and an ATT&CK table with names and tactics from the pinned data', () => {
  const ts = tables(section('Investigation').tokens);
  const findings = ts.find((t) => t.headers.includes('finding'))!;
  assert.ok(findings.rows.length >= 7);
  for (const r of findings.rows) assert.equal(r[findings.headers.indexOf('device')], estate.johnDevice);
  const attack = ts.find((t) => t.headers[0] === 'technique')!;
  const ids = attack.rows.map((r) => r[0]!);
  for (const t of ['T1005', 'T1074.001', 'T1560.001', 'T1052.001', 'T1567.002', 'T1070.004']) assert.ok(ids.includes(t), `ATT&CK table lacks ${t}`);
  const tacticNames = new Map(attackTactics().map((t) => [t.shortname, t.name]));
  for (const r of attack.rows) {
    const tech = findTechnique(r[0]!);
    assert.ok(tech, r[0]);
    assert.equal(r[1], tech.name);
    for (const tactic of r[2]!.split(', ')) assert.ok(tech.tactics.map((s) => tacticNames.get(s)).includes(tactic), `${r[0]}: ${tactic}`);
  }
  assert.equal(attack.rows.find((r) => r[0] === 'T1567.002')?.[1], 'Exfiltration to Cloud Storage');
});

test('Response, Documentation and Improvement carry the actions, the reproduction and the gap-tied recommendations', () => {
  const resp = tables(section('Response').tokens)[0]!;
  assert.ok(resp.rows.some((r) => r[0] === 'isolate' && r[1] === estate.johnDevice));
  const docs = walk(section('Documentation').tokens);
  assert.ok(docs.some((t) => t.type === 'code' && /harrier report .*--incident INC-/.test((t as Tokens.Code).text)));
  const imp = tables(section('Improvement').tokens)[0]!.rows.map((r) => r[0]);
  for (const x of ['Control USB mass storage', 'Block personal cloud storage', 'Label sensitive content and enforce endpoint DLP', 'Turn the hunts into custom detections']) assert.ok(imp.includes(x), x);
});

test('Timeline Summary: UTC and local times, access and upload at the planted times', () => {
  const t = tables(section('Timeline Summary and Findings').tokens)[0]!;
  assert.equal(t.headers[0], 'time (UTC)');
  assert.match(t.headers[1]!, /^local time \(UTC\)$/);
  const at = (title: RegExp) => {
    const row = t.rows.find((r) => title.test(r[3]!));
    assert.ok(row, `no timeline row ${title}`);
    assert.match(row[0]!, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC$/);
    assert.match(row[1]!, /\d{1,2}:\d{2}:\d{2} (AM|PM) \(UTC\)$/);
    return Date.parse(`${row[0]!.replace(' UTC', '').replace(' ', 'T')}Z`);
  };
  const within = (t0: number, step: string) => {
    const [a, b] = estate.pipSteps.get(step)!;
    assert.ok(t0 >= Math.floor(a / 1000) * 1000 && t0 <= b, `${step} at ${new Date(t0).toISOString()} outside the planted ${new Date(a).toISOString()}–${new Date(b).toISOString()}`);
  };
  within(at(/sensitive documents/), 'sensitive-file-access');
  within(at(/personal cloud storage/), 'cloud-upload');
});

test('the ATT&CK layer validates against the Navigator 4.x layer format', () => {
  const layer = JSON.parse(readFileSync(join(out, 'layer.json'), 'utf8')) as Record<string, unknown>;
  const parsed = NavigatorLayerSchema.parse(layer);
  assert.match(parsed.versions.layer, /^4\.\d+$/);
  assert.equal(parsed.domain, 'enterprise-attack');
  assert.ok(parsed.gradient && parsed.gradient.colors.length >= 2 && parsed.gradient.maxValue > parsed.gradient.minValue);
  const scored = (parsed.techniques ?? []).filter((t) => t.score !== undefined);
  assert.ok(scored.length >= 8);
  for (const t of parsed.techniques ?? []) {
    const tech = findTechnique(t.techniqueID);
    assert.ok(tech, t.techniqueID);
    assert.ok(t.tactic && tech.tactics.includes(t.tactic), `${t.techniqueID} under ${t.tactic}`);
    if (t.score !== undefined) assert.ok(t.score >= 0 && t.score <= 100);
  }
  const usb = scored.find((t) => t.techniqueID === 'T1052.001');
  assert.equal(usb?.score, 75, 'USB copy rule is high severity → 75');
  assert.ok((parsed.techniques ?? []).some((t) => t.techniqueID === 'T1052' && t.showSubtechniques === true));
  assert.ok(parsed.techniques?.some((t) => t.techniqueID === 'T1046'), 'the layer covers every incident when no --incident is given');
});

test('an unknown --incident is an error naming the incidents', () => {
  const r = cli(['report', '--db', estate.db, '--now', estate.now, '--incident', 'INC-0000000000', '--out', join(estate.dir, 'x')]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /no incident INC-0000000000 .*INC-/);
});

export type { Token };
