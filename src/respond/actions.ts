/**
 * The catalogue of Defender for Endpoint machine actions Harrier can send: for each, the documented
 * endpoint (`POST {api}/machines/{id}/<path>`), the JSON body, the application permission the app
 * registration needs, and whether it needs a second person's approval on a protected device.
 */

export const ACTION_NAMES = ['isolate', 'release', 'collect-package', 'restrict-apps', 'unrestrict-apps', 'av-scan', 'stop-quarantine'] as const;
export type ActionName = (typeof ACTION_NAMES)[number];

export type IsolationType = 'Full' | 'Selective';
export type ScanType = 'Quick' | 'Full';

export interface ActionParams {
  readonly comment: string;
  readonly isolation?: IsolationType;
  readonly scan?: ScanType;
  readonly sha1?: string;
}

export interface ActionSpec {
  readonly name: ActionName;
  readonly summary: string;
  /** Last path segment after `machines/{id}/`, spelled as documented. */
  readonly path: string;
  /** The MachineAction `type` Defender reports for it. */
  readonly mdeType: string;
  /** The WindowsDefenderATP application permission needed. */
  readonly permission: string;
  /** Isolation and app restriction of a protected asset need `--approve-by`. */
  readonly needsApproval: boolean;
  /** Which optional parameters the action takes. */
  readonly takes: readonly ('isolation' | 'scan' | 'sha1')[];
  readonly body: (p: ActionParams) => Record<string, string>;
}

export const ACTIONS: Readonly<Record<ActionName, ActionSpec>> = {
  isolate: {
    name: 'isolate', summary: 'isolate the device from the network (Full or Selective)', path: 'isolate', mdeType: 'Isolate',
    permission: 'Machine.Isolate', needsApproval: true, takes: ['isolation'],
    body: (p) => ({ Comment: p.comment, IsolationType: p.isolation ?? 'Full' }),
  },
  release: {
    name: 'release', summary: 'release the device from isolation', path: 'unisolate', mdeType: 'Unisolate',
    permission: 'Machine.Isolate', needsApproval: false, takes: [],
    body: (p) => ({ Comment: p.comment }),
  },
  'collect-package': {
    name: 'collect-package', summary: 'collect an investigation package', path: 'collectInvestigationPackage', mdeType: 'CollectInvestigationPackage',
    permission: 'Machine.CollectForensics', needsApproval: false, takes: [],
    body: (p) => ({ Comment: p.comment }),
  },
  'restrict-apps': {
    name: 'restrict-apps', summary: 'restrict app execution to Microsoft-signed code', path: 'restrictCodeExecution', mdeType: 'RestrictCodeExecution',
    permission: 'Machine.RestrictExecution', needsApproval: true, takes: [],
    body: (p) => ({ Comment: p.comment }),
  },
  'unrestrict-apps': {
    name: 'unrestrict-apps', summary: 'remove the app execution restriction', path: 'unrestrictCodeExecution', mdeType: 'UnrestrictCodeExecution',
    permission: 'Machine.RestrictExecution', needsApproval: false, takes: [],
    body: (p) => ({ Comment: p.comment }),
  },
  'av-scan': {
    name: 'av-scan', summary: 'run a Microsoft Defender Antivirus scan (Quick or Full)', path: 'runAntiVirusScan', mdeType: 'RunAntiVirusScan',
    permission: 'Machine.Scan', needsApproval: false, takes: ['scan'],
    body: (p) => ({ Comment: p.comment, ScanType: p.scan ?? 'Quick' }),
  },
  'stop-quarantine': {
    name: 'stop-quarantine', summary: 'stop a file (by SHA-1) on the device and quarantine it', path: 'StopAndQuarantineFile', mdeType: 'StopAndQuarantineFile',
    permission: 'Machine.StopAndQuarantine', needsApproval: false, takes: ['sha1'],
    body: (p) => ({ Comment: p.comment, Sha1: (p.sha1 ?? '').toLowerCase() }),
  },
};

/** Permission needed to look a device up by name or id, and to poll a machine action. */
export const READ_PERMISSION = 'Machine.Read.All';

export const TERMINAL_STATUSES = ['Succeeded', 'Failed', 'TimeOut', 'Cancelled'] as const;

export function isActionName(s: string): s is ActionName {
  return (ACTION_NAMES as readonly string[]).includes(s);
}

/** Checks the parameters for an action; returns the problems (empty when valid). */
export function validateParams(spec: ActionSpec, p: ActionParams): string[] {
  const problems: string[] = [];
  if (p.comment.trim() === '') problems.push('--comment must not be empty (Defender requires a comment on every action)');
  if (p.isolation !== undefined && !spec.takes.includes('isolation')) problems.push(`--isolation applies to isolate only`);
  if (p.isolation !== undefined && p.isolation !== 'Full' && p.isolation !== 'Selective') problems.push(`--isolation must be Full or Selective, not '${String(p.isolation)}'`);
  if (p.scan !== undefined && !spec.takes.includes('scan')) problems.push(`--scan applies to av-scan only`);
  if (p.scan !== undefined && p.scan !== 'Quick' && p.scan !== 'Full') problems.push(`--scan must be Quick or Full, not '${String(p.scan)}'`);
  if (p.sha1 !== undefined && !spec.takes.includes('sha1')) problems.push(`--sha1 applies to stop-quarantine only`);
  if (spec.takes.includes('sha1')) {
    if (p.sha1 === undefined) problems.push('stop-quarantine needs --sha1 HASH');
    else if (!/^[0-9a-fA-F]{40}$/.test(p.sha1)) problems.push(`--sha1 must be 40 hexadecimal digits, not '${p.sha1}'`);
  }
  return problems;
}
