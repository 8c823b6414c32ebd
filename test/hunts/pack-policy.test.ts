/**
 * Repository-wide policy over the built-in pack (hunts/). Each check collects every offender and
 * fails once, listing them all: file names `<tactic>_<slug>.yaml` with the first tactic's ATT&CK
 * shortname, techniques and tactics that exist in ATT&CK v18, positive and negative fixtures
 * present and valid, lists referenced exist and are used, and `rules lint` clean (zero binder
 * diagnostics, Defender output columns, compiles for DuckDB).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { findTactic, findTechnique } from '../../src/attack/attack-data.js';
import { BUILTIN_RULES_DIR, loadRules } from '../../src/hunts/load-rules.js';
import { listProblems, loadListDir } from '../../src/hunts/lists.js';
import { formatLintIssue, lintRules } from '../../src/hunts/lint.js';
import { readFixtureFile } from '../../src/hunts/fixtures.js';
import { tacticShortname } from '../../src/hunts/sentinel-compat.js';
import { openHuntEngine } from '../../src/hunts/engine.js';

const { rules, problems } = loadRules([BUILTIN_RULES_DIR]);

function expectNone(offenders: string[], what: string) {
  assert.deepEqual(offenders, [], `${offenders.length} ${what}:\n  ${offenders.join('\n  ')}`);
}

test('the pack loads without problems (schema, unique ids and names)', () => {
  expectNone(problems.map((p) => `${p.file}:${p.line}: ${p.message}`), 'load problem(s)');
  assert.ok(rules.length >= 10, `expected at least 10 rules, got ${rules.length}`);
});

test('file names are <tactic>_<slug>.yaml with the first tactic', () => {
  const offenders: string[] = [];
  for (const r of rules) {
    const name = basename(r.file);
    const m = /^([a-z]+(?:-[a-z]+)*)_([a-z0-9]+(?:-[a-z0-9]+)*)\.yaml$/.exec(name);
    const first = r.rule.tactics[0];
    const expected = first ? tacticShortname(first) : undefined;
    if (!m) offenders.push(`${r.file}: name does not match <tactic>_<slug>.yaml`);
    else if (m[1] !== expected) offenders.push(`${r.file}: prefix '${m[1]}' but first tactic is ${first ?? '(none)'} (${expected ?? 'unknown'})`);
  }
  expectNone(offenders, 'badly named rule file(s)');
});

test('techniques and tactics exist in ATT&CK; every rule has both; techniques fit a tactic of the rule', () => {
  const offenders: string[] = [];
  for (const r of rules) {
    if (r.rule.tactics.length === 0) offenders.push(`${r.file}: no tactics`);
    if (r.rule.relevantTechniques.length === 0) offenders.push(`${r.file}: no relevantTechniques`);
    const shortnames = r.rule.tactics.map((t) => findTactic(t)?.shortname);
    r.rule.tactics.forEach((t, i) => { if (!shortnames[i]) offenders.push(`${r.file}: unknown tactic ${t}`); });
    for (const id of r.rule.relevantTechniques) {
      const t = findTechnique(id);
      if (!t) offenders.push(`${r.file}: unknown technique ${id}`);
      else if (!t.tactics.some((s) => shortnames.includes(s))) offenders.push(`${r.file}: ${id} (${t.tactics.join(', ')}) fits none of ${r.rule.tactics.join(', ')}`);
    }
  }
  expectNone(offenders, 'ATT&CK problem(s)');
});

test('every rule has positive and negative fixtures that exist, are valid and not empty', () => {
  const offenders: string[] = [];
  for (const r of rules) {
    const tests = r.rule.tests;
    if (!tests) { offenders.push(`${r.file}: no tests`); continue; }
    for (const kind of ['positive', 'negative'] as const) {
      if (tests[kind].length === 0) offenders.push(`${r.file}: no ${kind} fixture`);
      for (const p of tests[kind]) {
        const file = resolve(dirname(r.file), p);
        if (!existsSync(file)) { offenders.push(`${r.file}: ${kind} fixture ${p} does not exist`); continue; }
        const f = readFixtureFile(file);
        offenders.push(...f.problems.map((x) => `${x.file}:${x.line}: ${x.message}`));
        if (f.events.length === 0) offenders.push(`${file}: no events`);
        if (f.events.some((e) => !e.row['ReportId'] || !e.row['DeviceId'] || !e.row['Timestamp'])) offenders.push(`${file}: events need Timestamp, DeviceId and ReportId`);
      }
    }
  }
  expectNone(offenders, 'fixture problem(s)');
});

test('fixture folders belong to a rule', () => {
  const used = new Set(rules.flatMap((r) => [...(r.rule.tests?.positive ?? []), ...(r.rule.tests?.negative ?? [])].map((p) => dirname(resolve(dirname(r.file), p)))));
  const dir = join(BUILTIN_RULES_DIR, 'tests');
  expectNone(readdirSync(dir).map((d) => join(dir, d)).filter((d) => !used.has(d)), 'orphan fixture folder(s)');
});

test('lists are valid and every list is used by a rule', () => {
  const offenders = listProblems(rules.map((r) => r.file)).map((p) => `${p.file}:${p.line}: ${p.message}`);
  const referenced = new Set(rules.flatMap((r) => [...Object.values(r.rule.parameters), ...Object.values(r.rule.exclusions)])
    .flatMap((v) => (Array.isArray(v) ? [] : [v.list])));
  for (const name of loadListDir(join(BUILTIN_RULES_DIR, 'lists')).lists.keys()) {
    if (!referenced.has(name)) offenders.push(`hunts/lists/${name}.yaml: not used by any rule`);
  }
  expectNone(offenders, 'list problem(s)');
});

test('rules lint passes: zero binder diagnostics, Defender output columns, compiles for DuckDB', async () => {
  const engine = await openHuntEngine({});
  try {
    const issues = lintRules(rules, { engine, requireOutputColumns: true });
    expectNone(issues.map(formatLintIssue), 'lint issue(s)');
  } finally {
    engine.close();
  }
});

test('rule queries use the lookback convention and Defender columns, never Sentinel ones', () => {
  const offenders: string[] = [];
  for (const r of rules) {
    if (!/ago\(HuntLookback\)/.test(r.rule.query)) offenders.push(`${r.file}: query does not filter Timestamp > ago(HuntLookback)`);
    if (/TimeGenerated/.test(r.rule.query)) offenders.push(`${r.file}: uses TimeGenerated (Sentinel dialect)`);
    if (!r.rule.lookback) offenders.push(`${r.file}: no lookback`);
    if (r.rule.entityMappings.length === 0) offenders.push(`${r.file}: no entityMappings`);
  }
  expectNone(offenders, 'convention problem(s)');
});
