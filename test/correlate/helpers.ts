/** Hand-built findings and evidence rows for the incident unit tests. */
import type { Finding } from '../../src/hunts/findings.js';
import type { EvidenceRow } from '../../src/correlate/evidence.js';
import { loadRiskModel, type RiskModel } from '../../src/correlate/model.js';

let n = 0;

export function finding(p: Partial<Finding> & { timestamp: string | null }): Finding {
  n++;
  return {
    id: p.id ?? `f${n}`, rule: p.rule ?? `rule-${p.title ?? n}`, title: p.title ?? `Rule ${n}`, techniques: p.techniques ?? [], tactics: p.tactics ?? [],
    severity: p.severity ?? 'medium', weight: p.weight ?? 10, timestamp: p.timestamp, deviceId: p.deviceId ?? 'dev-1',
    deviceName: p.deviceName ?? 'ws-1.corp.example.com', account: p.account ?? 'alice', reportIds: p.reportIds ?? [n], row: p.row ?? {},
  };
}

export function row(table: string, values: Record<string, string | number>): EvidenceRow {
  return { table, values };
}

export const model = (): RiskModel => loadRiskModel();
