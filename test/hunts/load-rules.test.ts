/** Rule loading: zod validation positioned as file:line, duplicate ids/names, Sentinel files as-is. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRules, parseRuleText, RuleLoadError, loadRulesOrThrow, selectRules } from '../../src/hunts/load-rules.js';
import { resolveParameters } from '../../src/hunts/lists.js';
import { renderQuery } from '../../src/hunts/render-query.js';

const RULE = (id: string, name: string, extra = '') => `id: ${id}
name: ${name}
tactics: [Collection]
relevantTechniques: [T1005]
query: |
  DeviceProcessEvents
  | where Timestamp > ago(HuntLookback)
  | project Timestamp, DeviceId, DeviceName, AccountName, ReportId
${extra}`;

function tempDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'harrier-rules-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

test('a valid rule gets defaults and the lines of id and query', () => {
  const r = parseRuleText('x.yaml', RULE('8819d388-c7a8-439d-b9b1-3e61f80bf0b3', 'A'));
  assert.deepEqual(r.problems, []);
  assert.equal(r.rule!.line, 1);
  assert.equal(r.rule!.queryLine, 6);
  assert.equal(r.rule!.rule.kind, 'hunt');
  assert.equal(r.rule!.rule.severity, 'medium');
  assert.deepEqual(r.rule!.rule.entityMappings, []);
});

test('schema errors are reported at the offending line', () => {
  const text = `id: not-a-guid
name: Bad rule
tactics: [Collection]
relevantTechniques:
  - T1005
  - TA1560
severity: critical
weight: 500
lookback: three days
query: DeviceEvents
`;
  const r = parseRuleText('bad.yaml', text);
  assert.equal(r.rule, undefined);
  const byLine = new Map(r.problems.map((p) => [p.line, p.message]));
  assert.match(byLine.get(1)!, /^id: id must be a GUID/);
  assert.match(byLine.get(6)!, /^relevantTechniques\.1: techniques look like/);
  assert.match(byLine.get(7)!, /^severity:/);
  assert.match(byLine.get(8)!, /^weight:/);
  assert.match(byLine.get(9)!, /^lookback:/);
  assert.ok(r.problems.every((p) => p.file === 'bad.yaml'));
});

test('a missing required key points at the document and names the key', () => {
  const r = parseRuleText('m.yaml', 'id: 8819d388-c7a8-439d-b9b1-3e61f80bf0b3\nname: x\n');
  assert.equal(r.problems.length, 1);
  assert.match(r.problems[0]!.message, /^query:/);
  assert.equal(r.problems[0]!.line, 1);
});

test('YAML syntax errors and duplicate keys are positioned', () => {
  const r = parseRuleText('s.yaml', 'id: 8819d388-c7a8-439d-b9b1-3e61f80bf0b3\nname: a\nname: b\nquery: x\n');
  assert.equal(r.problems.length, 1);
  assert.equal(r.problems[0]!.line, 3);
  assert.match(r.problems[0]!.message, /[Mm]ap keys must be unique/);
});

test('duplicate ids and names are rejected, listing every offender with file:line', () => {
  const dir = tempDir({
    'collection_a.yaml': RULE('8819d388-c7a8-439d-b9b1-3e61f80bf0b3', 'Same name'),
    'collection_b.yaml': `# comment\n${RULE('8819D388-C7A8-439D-B9B1-3E61F80BF0B3', 'Other')}`,
    'nested/collection_c.yaml': RULE('19b86ec7-9db5-43b7-9a52-a4642931966a', 'same NAME'),
    'collection_d.yaml': RULE('6d2a5b1f-87fa-42a6-b67a-157ef99db4ad', 'Unique'),
  });
  const { rules, problems } = loadRules([dir]);
  assert.equal(rules.length, 4);
  const ids = problems.filter((p) => p.message.startsWith('duplicate id'));
  const names = problems.filter((p) => p.message.startsWith('duplicate name'));
  assert.deepEqual(ids.map((p) => `${p.file.replace(dir, '')}:${p.line}`).sort(), ['/collection_a.yaml:1', '/collection_b.yaml:2']);
  assert.deepEqual(names.map((p) => p.file.replace(dir, '')).sort(), ['/collection_a.yaml', '/nested/collection_c.yaml']);
  assert.match(ids[0]!.message, /collection_a\.yaml:1, .*collection_b\.yaml:2/);
  assert.throws(() => loadRulesOrThrow([dir]), (err: unknown) => err instanceof RuleLoadError && err.problems.length === 4);
});

test('Sentinel hunting YAML loads as-is: unknown keys kept, kind Scheduled is a detection, severity any case', () => {
  const text = `id: 1b8779c9-abf2-444f-a21f-437b8f90a61f
name: Community query
description: |
  'From the Sentinel repo'
requiredDataConnectors:
  - connectorId: MicrosoftThreatProtection
    dataTypes:
      - DeviceProcessEvents
tactics:
  - CommandAndControl
relevantTechniques:
  - T1105
kind: Scheduled
severity: High
queryFrequency: 1h
query: |
  DeviceProcessEvents | take 1
entityMappings:
  - entityType: Host
    fieldMappings:
      - identifier: FullName
        columnName: DeviceName
version: 1.0.1
metadata:
  source:
    kind: Community
`;
  const r = parseRuleText('s.yaml', text);
  assert.deepEqual(r.problems, []);
  assert.equal(r.rule!.rule.kind, 'detection');
  assert.equal(r.rule!.rule.severity, 'high');
  assert.equal((r.rule!.rule as Record<string, unknown>)['queryFrequency'], '1h');
});

test('parameters resolve from lists/ folders; unknown lists are problems; values are injected as KQL literals', () => {
  const dir = tempDir({
    'lists/my-domains.yaml': 'name: my-domains\nvalues:\n  - evil.example\n  - \'quote"back\\slash\'\n',
    'exfiltration_x.yaml': RULE('8819d388-c7a8-439d-b9b1-3e61f80bf0b3', 'X', 'parameters:\n  Domains: { list: my-domains }\n  Inline: ["a"]\nexclusions:\n  Missing: { list: no-such-list }\n'),
  });
  const [loaded] = loadRulesOrThrow([dir]);
  const resolved = resolveParameters(loaded!);
  assert.deepEqual(resolved.values.get('Domains'), ['evil.example', 'quote"back\\slash']);
  assert.equal(resolved.problems.length, 1);
  assert.match(resolved.problems[0]!.message, /unknown list 'no-such-list'/);
});

test('render declares only the names the query uses, then the query unchanged', () => {
  const dir = tempDir({
    'lists/my-domains.yaml': 'name: my-domains\nvalues: [a.example, "q\\"x"]\n',
    'exfiltration_x.yaml': RULE('8819d388-c7a8-439d-b9b1-3e61f80bf0b3', 'X',
      'parameters:\n  Domains: { list: my-domains }\n  Unused: ["zzz"]\n').replace('| project', '| where RemoteUrl has_any (Domains)\n  | project'),
  });
  const [loaded] = loadRulesOrThrow([dir]);
  const r = renderQuery(loaded!, { lookback: '7d' });
  assert.deepEqual(r.problems, []);
  assert.equal(r.text, `let HuntLookback = 7d;\nlet Domains = dynamic(["a.example", "q\\"x"]);\n${loaded!.rule.query}`);
  assert.equal(r.preludeLines, 2);
  assert.equal(r.text.slice(r.preludeLength), loaded!.rule.query);
});

test('selectRules matches id, name or file slug', () => {
  const dir = tempDir({
    'collection_a.yaml': RULE('8819d388-c7a8-439d-b9b1-3e61f80bf0b3', 'First'),
    'collection_b.yaml': RULE('19b86ec7-9db5-43b7-9a52-a4642931966a', 'Second'),
  });
  const rules = loadRulesOrThrow([dir]);
  assert.deepEqual(selectRules(rules, ['first']).map((r) => r.rule.name), ['First']);
  assert.deepEqual(selectRules(rules, ['19B86EC7-9db5-43b7-9a52-a4642931966a']).map((r) => r.rule.name), ['Second']);
  assert.deepEqual(selectRules(rules, ['collection_b']).map((r) => r.rule.name), ['Second']);
  assert.equal(selectRules(rules, []).length, 2);
});
