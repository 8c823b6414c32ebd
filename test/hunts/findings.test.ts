/** Findings from result rows, KQL literal escaping, and precision/recall scoring against truth. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toFindings, findingJson, type Finding } from '../../src/hunts/findings.js';
import { RuleSchema } from '../../src/hunts/rule-schema.js';
import { kqlDynamicStrings, kqlString, kqlTimespan, KqlLiteralError, timespanMs } from '../../src/hunts/kql-literal.js';
import { scoreAgainstTruth, techniquesMatch, type TruthEvent } from '../../src/hunts/score-truth.js';
import type { LoadedRule } from '../../src/hunts/load-rules.js';
import { parseAndBind } from '../../src/kql/bridge/parse.js';
import { openHuntEngine } from '../../src/hunts/engine.js';

const rule = RuleSchema.parse({
  id: '8819d388-c7a8-439d-b9b1-3e61f80bf0b3', name: 'R', tactics: ['Collection'], relevantTechniques: ['T1005'], query: 'x',
});
const loaded: LoadedRule = { rule, file: 'r.yaml', line: 1, queryLine: 5 };

test('a finding keeps Timestamp, DeviceId, DeviceName, account, ReportIds and techniques', () => {
  const f = toFindings(rule, {
    columns: [
      { name: 'Timestamp', type: 'datetime' }, { name: 'DeviceId', type: 'string' }, { name: 'DeviceName', type: 'string' },
      { name: 'InitiatingProcessAccountName', type: 'string' }, { name: 'ReportId', type: 'long' },
      { name: 'ReportIds', type: 'dynamic' }, { name: 'WriteReportIds', type: 'dynamic' },
    ],
    rows: [
      ['2026-11-24T22:27:00Z', 'd1', 'ws-1', 'jdoe', 7, [7, 8], [9, '90071992547409930']],
      ['2026-11-24T22:27:00Z', 'd1', 'ws-1', 'jdoe', 7, [7, 8], [9, '90071992547409930']],
    ],
  });
  assert.equal(f.length, 1, 'identical rows merge');
  assert.deepEqual([f[0]!.timestamp, f[0]!.deviceId, f[0]!.deviceName, f[0]!.account], ['2026-11-24T22:27:00Z', 'd1', 'ws-1', 'jdoe']);
  assert.deepEqual(f[0]!.reportIds, [7, 8, 9, '90071992547409930']);
  assert.deepEqual(f[0]!.techniques, ['T1005']);
  assert.deepEqual(Object.keys(findingJson(f[0]!)).sort(),
    ['account', 'deviceId', 'deviceName', 'id', 'reportIds', 'rule', 'severity', 'techniques', 'timestamp', 'title', 'weight']);
});

test('entity mappings name the host and account columns; a query without Timestamp uses its first datetime', () => {
  const mapped = RuleSchema.parse({ ...rule, entityMappings: [
    { entityType: 'Account', fieldMappings: [{ identifier: 'Name', columnName: 'Who' }] },
    { entityType: 'Host', fieldMappings: [{ identifier: 'FullName', columnName: 'Box' }] },
  ] });
  const [f] = toFindings(mapped, {
    columns: [{ name: 'Who', type: 'string' }, { name: 'Box', type: 'string' }, { name: 'MountTime', type: 'datetime' }],
    rows: [['alice', 'ws-9', '2026-11-24T10:00:00Z']],
  });
  assert.deepEqual([f!.account, f!.deviceName, f!.timestamp, f!.reportIds.length], ['alice', 'ws-9', '2026-11-24T10:00:00Z', 0]);
});

test('KQL string literals escape quotes, backslashes and line breaks, and refuse other control characters', () => {
  assert.equal(kqlString('a"b\\c\nd\te'), '"a\\"b\\\\c\\nd\\te"');
  assert.throws(() => kqlString('x\u0000y'), KqlLiteralError);
  assert.throws(() => kqlString('x\u001by'), KqlLiteralError);
  assert.throws(() => kqlTimespan('1d; DeviceEvents'), KqlLiteralError);
  assert.equal(timespanMs('72h'), 72 * 3_600_000);
  const nasty = ['"); DeviceEvents | take 1 //', "it's", 'C:\\Temp\\', 'dynamic([', '\\"', 'ünïcödé 日本'];
  const text = `let L = ${kqlDynamicStrings(nasty)};\nprint n = array_length(L)`;
  const parsed = parseAndBind(text);
  assert.deepEqual(parsed.diagnostics, [], text);
});

test('KQL literals round-trip through the engine', async () => {
  const engine = await openHuntEngine({});
  try {
    const values = ['"); DeviceEvents | take 1 //', "it's", 'C:\\Temp\\x', 'line\nbreak', 'tab\there', 'ünïcödé'];
    const r = await engine.query(`print v = ${kqlDynamicStrings(values)}`);
    assert.deepEqual(r.rows[0]![0], values);
  } finally {
    engine.close();
  }
});

test('precision counts findings citing planted events; recall counts planted steps with a matching technique', () => {
  const truth: TruthEvent[] = [
    { reportId: '1', deviceId: 'd1', timestamp: '', scenario: 's', step: 'open', technique: 'T1005' },
    { reportId: '2', deviceId: 'd1', timestamp: '', scenario: 's', step: 'open', technique: 'T1005' },
    { reportId: '3', deviceId: 'd1', timestamp: '', scenario: 's', step: 'zip', technique: 'T1560.001' },
  ];
  const base = { title: 'R', techniques: ['T1005'], tactics: [], severity: 'medium' as const, weight: 1, timestamp: null, deviceName: '', account: '', row: {} };
  const findings = [
    { ...base, id: 'a', rule: rule.id, deviceId: 'd1', reportIds: [2, 99] },
    { ...base, id: 'b', rule: rule.id, deviceId: 'd2', reportIds: [1] },
  ];
  const score = scoreAgainstTruth([loaded], findings, truth);
  assert.equal(score.rules[0]!.precision, 0.5);
  assert.equal(score.rules[0]!.recall, 1);
  assert.equal(score.recall, 0.5);
  assert.deepEqual(score.steps.map((s) => [s.step, s.detectedBy]), [['open', ['R']], ['zip', []]]);
  assert.ok(techniquesMatch('T1059', 'T1059.001') && techniquesMatch('t1059.001', 'T1059') && !techniquesMatch('T1059.001', 'T1059.003'));
});

test('a finding whose anchor event is benign is a false positive even when it also cites planted events', () => {
  const truth: TruthEvent[] = [
    { reportId: '10', deviceId: 'd1', timestamp: '', scenario: 's', step: 'usb', technique: 'T1052.001' },
    { reportId: '11', deviceId: 'd1', timestamp: '', scenario: 's', step: 'usb', technique: 'T1052.001' },
  ];
  const base = { title: 'R', techniques: ['T1005'], tactics: [], severity: 'medium' as const, weight: 1, timestamp: null, deviceName: '', account: '', rule: rule.id, deviceId: 'd1' };
  const findings: Finding[] = [
    // anchored on a benign mount (ReportId 5) but citing the planted writes: leaked evidence
    { ...base, id: 'leak', reportIds: [5, 10, 11], row: { ReportId: 5 } },
    // anchored on the planted mount
    { ...base, id: 'real', reportIds: [10, 11], row: { ReportId: 10 } },
    // aggregates without an anchor: at least half of the evidence planted
    { ...base, id: 'agg-ok', reportIds: [10, 77], row: {} },
    { ...base, id: 'agg-bad', reportIds: [10, 77, 78], row: {} },
  ];
  const score = scoreAgainstTruth([loaded], findings, truth);
  assert.equal(score.rules[0]!.findings, 4);
  assert.equal(score.rules[0]!.truePositives, 2);
});
