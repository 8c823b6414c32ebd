/** recommendActions: incident severity, techniques and stages → suggested dry-run commands. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { recommendActions } from '../../src/respond/recommend.js';

test('critical exfiltration: collect the package, then isolate fully', () => {
  const r = recommendActions({ id: 'INC-1', title: 'Data theft sequence', severity: 'critical', devices: ['ws-042.contoso.local'], techniques: ['T1005', 'T1560.001', 'T1052.001'], sequence: { chain: [{ stage: 'collection' }, { stage: 'exfiltration' }] } });
  assert.deepEqual(r.map((x) => [x.action, x.options?.['isolation'] ?? '']), [['collect-package', ''], ['isolate', 'Full']]);
  assert.equal(r[1]!.command, "harrier respond isolate --device ws-042.contoso.local --comment 'Harrier incident INC-1: Data theft sequence' --isolation Full");
  assert.equal(r[1]!.needsApprovalIfProtected, true);
});

test('T1105 asks for an AV scan; a high port scan is contained selectively; low incidents stay light', () => {
  assert.deepEqual(recommendActions({ id: 'i', severity: 'medium', devices: ['a'], techniques: ['T1105'] }).map((x) => [x.action, x.options?.['scan']]), [['av-scan', 'Quick']]);
  const scan = recommendActions({ id: 'i', severity: 'high', devices: ['b'], techniques: ['T1046'] });
  assert.deepEqual(scan.map((x) => [x.action, x.options?.['isolation'] ?? x.options?.['scan'] ?? '']), [['collect-package', ''], ['isolate', 'Selective'], ['av-scan', 'Quick']]);
  assert.deepEqual(recommendActions({ id: 'i', severity: 'informational', devices: ['c'], techniques: ['T1078'] }), []);
  assert.deepEqual(recommendActions({ id: 'i', severity: 'critical', devices: [], techniques: ['T1567.002'] }), []);
});

test('incident JSON (harrier hunt --format json) carries recommendedActions', async () => {
  const { buildIncidents } = await import('../../src/correlate/build.js');
  const { incidentJson } = await import('../../src/correlate/incident-json.js');
  const { loadRiskModel } = await import('../../src/correlate/model.js');
  const base = { rule: 'r', tactics: [], severity: 'high' as const, weight: 40, deviceId: 'd1', deviceName: 'ws-042.contoso.local', account: 'jdoe', row: {} };
  const findings = [
    { ...base, id: 'f1', rule: 'r1', title: 'Archive via utility', techniques: ['T1560.001'], timestamp: '2026-11-24T22:00:00Z', reportIds: [1] },
    { ...base, id: 'f2', rule: 'r2', title: 'USB copy', techniques: ['T1052.001'], timestamp: '2026-11-24T22:30:00Z', reportIds: [2] },
    { ...base, id: 'f3', rule: 'r3', title: 'Cloud upload', techniques: ['T1567.002'], timestamp: '2026-11-24T23:00:00Z', reportIds: [3] },
  ];
  const incidents = await buildIncidents(findings, { model: loadRiskModel() });
  assert.ok(incidents.length >= 1);
  const json = incidentJson(incidents[0]!);
  assert.deepEqual(json['recommendedActions'], recommendActions(incidents[0]!));
  const actions = (json['recommendedActions'] as { action: string }[]).map((a) => a.action);
  if (['high', 'critical'].includes(incidents[0]!.severity)) assert.deepEqual(actions, ['collect-package', 'isolate']);
  else assert.ok(Array.isArray(json['recommendedActions']));
});
