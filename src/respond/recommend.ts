/**
 * Suggested response actions for an incident, from its severity, ATT&CK techniques, sequence stages
 * and devices: evidence first (collect-package), containment for high/critical exfiltration or
 * lateral discovery (isolate), an antivirus scan where tools were brought in or scripts ran. Each
 * suggestion carries the dry-run command to review it; nothing is ever sent from here.
 */
import { ACTIONS, type ActionName } from './actions.js';

/** The parts of an incident this needs (the correlate stage's Incident has them all). */
export interface IncidentForResponse {
  readonly id: string;
  readonly title?: string;
  readonly severity: string;
  readonly devices: readonly string[];
  readonly techniques: readonly string[];
  readonly sequence?: { readonly chain?: readonly { readonly stage: string }[] };
}

export interface RecommendedAction {
  readonly action: ActionName;
  readonly device: string;
  readonly reason: string;
  /** Isolation or app restriction: needs --approve-by when the device is a protected asset. */
  readonly needsApprovalIfProtected: boolean;
  /** The dry-run command; add --execute to send it. */
  readonly command: string;
  readonly options?: Readonly<Record<string, string>>;
}

const EXFILTRATION = /^T(1567|1052|1048|1041|1020|1029|1030|1537)(\.|$)/;
const INGRESS_OR_EXECUTION = /^T(1105|1059|1204|1218)(\.|$)/;
const DISCOVERY_SCAN = /^T(1046|1018)(\.|$)/;

const rank = (severity: string) => ['informational', 'low', 'medium', 'high', 'critical'].indexOf(severity.toLowerCase());

function shellQuote(s: string): string {
  return /^[A-Za-z0-9_.:@%+=,/-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

export function recommendActions(incident: IncidentForResponse): RecommendedAction[] {
  const sev = rank(incident.severity);
  const techs = incident.techniques;
  const stages = new Set((incident.sequence?.chain ?? []).map((s) => s.stage));
  const exfil = stages.has('exfiltration') || techs.some((t) => EXFILTRATION.test(t));
  const ingress = techs.filter((t) => INGRESS_OR_EXECUTION.test(t));
  const scan = techs.filter((t) => DISCOVERY_SCAN.test(t));
  const comment = `Harrier incident ${incident.id}${incident.title ? `: ${incident.title}` : ''}`.slice(0, 300);
  const plan: { action: ActionName; reason: string; options?: Record<string, string> }[] = [];
  if (sev >= 3) plan.push({ action: 'collect-package', reason: `${incident.severity} incident: preserve forensic evidence before containment` });
  if (sev >= 3 && exfil) plan.push({ action: 'isolate', reason: `${incident.severity} incident with data exfiltration: stop further data loss`, options: { isolation: 'Full' } });
  else if (sev >= 3 && scan.length > 0) plan.push({ action: 'isolate', reason: `${incident.severity} incident with network discovery (${scan.join(', ')}): contain the scanning host`, options: { isolation: 'Selective' } });
  if (ingress.length > 0 && sev >= 1) plan.push({ action: 'av-scan', reason: `tools brought in or scripts run (${ingress.join(', ')}): scan for malware`, options: { scan: sev >= 3 ? 'Full' : 'Quick' } });
  else if (scan.length > 0 && sev >= 2) plan.push({ action: 'av-scan', reason: `network discovery (${scan.join(', ')}): check the host for a scanner or implant`, options: { scan: 'Quick' } });
  const out: RecommendedAction[] = [];
  for (const device of incident.devices.filter((d) => d !== '')) {
    for (const p of plan) {
      const opts = Object.entries(p.options ?? {}).map(([k, v]) => ` --${k} ${v}`).join('');
      out.push({
        action: p.action, device, reason: p.reason, needsApprovalIfProtected: ACTIONS[p.action].needsApproval,
        command: `harrier respond ${p.action} --device ${shellQuote(device)} --comment ${shellQuote(comment)}${opts}`,
        ...(p.options ? { options: p.options } : {}),
      });
    }
  }
  return out;
}
