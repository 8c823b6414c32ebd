/**
 * Actions taken, from the audit trail: the executed machine actions for a device and/or a time
 * window, each with its Defender action id and latest known status. The report's Response section
 * lists these; dry runs are left out unless asked for.
 */
import { readAudit, type AuditEntry } from '../audit/index.js';

export interface ActionTaken {
  readonly time: string;
  readonly action: string;
  readonly mdeType: string;
  readonly deviceName: string;
  readonly machineId: string;
  readonly actionId: string;
  /** Latest status known to the trail: the final polled status, else the status at submission; or dry-run / refused / failed. */
  readonly status: string;
  readonly httpStatus: number | null;
  readonly mode: 'execute' | 'dry-run';
  readonly outcome: string;
  readonly analyst: string;
  readonly osUser: string;
  readonly approvedBy: string | null;
  readonly comment: string;
  readonly error: string | null;
  /** The audit entry's seq, to cite it. */
  readonly auditSeq: number;
}

export interface ActionsTakenQuery {
  /** Device name (full or short, case-insensitive) or machine id. */
  readonly device?: string;
  readonly from?: Date;
  readonly to?: Date;
  readonly includeDryRuns?: boolean;
  readonly includeFailed?: boolean;
}

interface Rec {
  kind?: string; mode?: string; outcome?: string; action?: string; mdeType?: string; comment?: string; approvedBy?: string | null;
  who?: { osUser?: string; analyst?: string };
  device?: { argument?: string; name?: string | null; machineId?: string | null };
  response?: { status?: number | null; actionId?: string | null; actionStatus?: string | null; error?: string | null } | null;
}

function matchesDevice(rec: Rec, device: string): boolean {
  const d = device.toLowerCase();
  // the resolved name and id; the argument as typed only when the device was never resolved
  const name = (rec.device?.name || rec.device?.argument || '').toLowerCase();
  return [name, name.split('.')[0], (rec.device?.machineId ?? '').toLowerCase()].includes(d);
}

export function actionsTakenFromEntries(entries: readonly AuditEntry[], q: ActionsTakenQuery = {}): ActionTaken[] {
  const finalStatus = new Map<string, string>();
  for (const e of entries as readonly (AuditEntry & Rec)[]) {
    if (e.kind === 'status' && e.outcome === 'final' && e.response?.actionId && e.response.actionStatus) finalStatus.set(e.response.actionId, e.response.actionStatus);
  }
  const out: ActionTaken[] = [];
  for (const e of entries as readonly (AuditEntry & Rec)[]) {
    if (e.kind !== 'action') continue;
    if (e.mode === 'dry-run' && !q.includeDryRuns) continue;
    if ((e.outcome === 'failed' || e.outcome === 'refused') && !q.includeFailed) continue;
    const t = Date.parse(e.time);
    if (q.from && t < q.from.getTime()) continue;
    if (q.to && t > q.to.getTime()) continue;
    if (q.device && !matchesDevice(e, q.device)) continue;
    const actionId = e.response?.actionId ?? '';
    const status = e.mode === 'dry-run' ? 'dry-run'
      : e.outcome === 'sent' ? (finalStatus.get(actionId) ?? e.response?.actionStatus ?? '')
      : String(e.outcome);
    out.push({
      time: e.time, action: String(e.action ?? ''), mdeType: String(e.mdeType ?? ''),
      deviceName: e.device?.name ?? e.device?.argument ?? '', machineId: e.device?.machineId ?? '',
      actionId, status, httpStatus: e.response?.status ?? null,
      mode: e.mode === 'dry-run' ? 'dry-run' : 'execute', outcome: String(e.outcome ?? ''),
      analyst: e.who?.analyst ?? '', osUser: e.who?.osUser ?? '', approvedBy: e.approvedBy ?? null,
      comment: e.comment ?? '', error: e.response?.error ?? null, auditSeq: e.seq,
    });
  }
  return out;
}

/** Executed actions recorded in the audit trail at `auditFile`, filtered by device and time. */
export function actionsTaken(auditFile: string, q: ActionsTakenQuery = {}): ActionTaken[] {
  return actionsTakenFromEntries(readAudit(auditFile), q);
}
