/** `rules lint`: binder diagnostics positioned inside the rule file, output-column policy, CLI exit codes. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseRuleText } from '../../src/hunts/load-rules.js';
import { lintRule } from '../../src/hunts/lint.js';

const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
const RULE = `id: 8819d388-c7a8-439d-b9b1-3e61f80bf0b3
name: Sentinel dialect rule
tactics: [Collection]
relevantTechniques: [T1005, T9999]
query: |
  DeviceProcessEvents
  | where TimeGenerated > ago(HuntLookback)
  | project Timestamp, DeviceId
`;

test('binder diagnostics point at the line and column in the rule file', () => {
  const { rule } = parseRuleText('/x/collection_bad.yaml', RULE);
  const issues = lintRule(rule!);
  const bind = issues.find((i) => i.code.startsWith('KQL-'));
  assert.ok(bind, JSON.stringify(issues));
  assert.equal(bind.line, 7);
  assert.equal(bind.column, 11);
  assert.match(bind.message, /TimeGenerated.*Sentinel dialect/);
  assert.ok(issues.some((i) => i.code === 'ATTACK-TECHNIQUE' && /T9999/.test(i.message)));
});

test('missing Defender output columns: a warning for community files, an error for rules with fixtures', () => {
  const text = RULE.replace('TimeGenerated', 'Timestamp');
  const { rule } = parseRuleText('/x/a.yaml', text);
  const issue = lintRule(rule!).find((i) => i.code === 'OUTPUT-COLUMNS');
  assert.equal(issue?.severity, 'warning');
  assert.match(issue!.message, /DeviceName, ReportId, an account column/);
  const strict = parseRuleText('/x/a.yaml', `${text}tests:\n  positive: p.jsonl\n  negative: n.jsonl\n`);
  assert.equal(lintRule(strict.rule!).find((i) => i.code === 'OUTPUT-COLUMNS')?.severity, 'error');
});

test('harrier rules lint exits 1 and lists every problem with file:line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'harrier-lint-'));
  writeFileSync(join(dir, 'collection_bad.yaml'), RULE);
  writeFileSync(join(dir, 'collection_dup.yaml'), RULE.replace('Sentinel dialect rule', 'Other').replace('TimeGenerated', 'Timestamp'));
  const r = spawnSync(process.execPath, ['--import', 'tsx', MAIN, 'rules', 'lint', '--no-compile', dir], { encoding: 'utf8' });
  assert.equal(r.status, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /collection_bad\.yaml:1:1: duplicate id/);
  assert.match(r.stdout, /collection_dup\.yaml:1:1: duplicate id/);
  assert.match(r.stdout, /collection_bad\.yaml:7:11: error KQL-/);
});

test('harrier rules lint passes on the built-in pack', () => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', MAIN, 'rules', 'lint'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /0 error\(s\), 0 warning\(s\)/);
});
