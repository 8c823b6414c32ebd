/** A hand-made report model whose every data field carries markup, for the escaping tests. */
import type { ReportModel } from '../../src/report/model.js';

export const EVIL = `<script>window.__pwned=1;alert(1)</script><img src=x onerror="window.__pwned=2">`;

export function evilModel(): ReportModel {
  const t = '2026-11-24T22:27:00.000Z';
  return {
    title: `Hunt report: ${EVIL}`, generatedAt: t, harrierVersion: '0.1.0', attackVersion: '18.0', now: t,
    window: { from: '2026-11-22T22:27:00.000Z', to: t }, timeZone: 'UTC',
    incident: {
      id: 'INC-evil', title: `Theft by ${EVIL}`, severity: 'critical', riskScore: 100, devices: [`ws-${EVIL}`], accounts: [`jdoe${EVIL}`],
      firstSeen: t, lastSeen: t, techniques: ['T1567.002'], indicators: [{ name: `rule: ${EVIL}`, weight: 100, detail: EVIL }],
      sequence: { complete: false, stages: [], missing: [], links: [] }, timeZone: 'UTC',
    },
    otherIncidents: [],
    preparation: { trigger: [EVIL], hypothesis: [EVIL], accounts: [`jdoe${EVIL}`], devices: [`ws-${EVIL}`] },
    dataCollection: { store: `store${EVIL}.duckdb`, storeKind: 'ingested', sources: [{ path: EVIL, sha256: 'ab', tables: EVIL, format: 'csv', rowsStored: 1, ingestedAt: t }], tables: [{ table: 'DeviceProcessEvents', rows: 1, first: t, last: t, usedBy: [EVIL], coveredHours: 1 }], blindSpots: [{ title: EVIL, detail: EVIL }] },
    queries: [{ ruleId: 'r1', name: EVIL, file: `hunts/${EVIL}.yaml`, kql: `DeviceProcessEvents | where ProcessCommandLine has "${EVIL}"\n\`\`\`\n</code></pre>${EVIL}`, lookback: '72h', from: t, to: t, rows: 1, findings: 1, truncated: false, ms: 1, error: null }],
    findings: [{
      id: 'f1', time: t, ruleId: 'r1', title: EVIL, techniques: ['T1567.002'], severity: 'high', device: `ws-${EVIL}`, account: EVIL, stage: EVIL,
      evidenceCount: 1, evidence: [{ time: t, table: 'DeviceProcessEvents', actionType: EVIL, description: `cmd.exe /c echo ${EVIL} | x`, reportId: '1' }], firstEvidence: t, lastEvidence: t,
    }],
    techniques: [{ id: 'T1567.002', name: 'Exfiltration to Cloud Storage', tactics: ['Exfiltration'], tacticShortnames: ['exfiltration'], findings: 1, severity: 'high', url: `javascript:alert(1)//${EVIL}` }],
    response: { recommended: [{ action: 'isolate', device: EVIL, reason: EVIL, needsApprovalIfProtected: true, command: `harrier respond isolate --comment '${EVIL}'` }], taken: [], auditFile: EVIL, auditNote: EVIL },
    documentation: { facts: [[EVIL, EVIL]], commands: [EVIL] },
    improvements: [{ title: EVIL, because: EVIL, action: EVIL }],
    timeline: {
      entries: [{ time: t, stage: EVIL, title: EVIL, techniques: [], detail: EVIL, example: `cmd.exe ${EVIL}`, severity: 'high' }],
      chart: [{ lane: EVIL, t: Date.parse(t), kind: 'finding', label: EVIL, severity: `high"><script>alert(1)</script>` }, { lane: EVIL, t: Date.parse(t) + 1000, kind: 'evidence', label: EVIL, severity: 'high' }],
      summary: [EVIL],
    },
  };
}
