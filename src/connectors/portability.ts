/**
 * Which queries may be sent to which remote engine. Harrier's hunts are Advanced Hunting KQL; a
 * query is refused (reported, not sent) when it uses something the chosen engine does not have:
 * Sentinel's `TimeGenerated` on Defender; Advanced Hunting's own functions (FileProfile,
 * DeviceFromIP, AssignedIPAddresses, SeenBy) outside Defender; `externaldata` over local files
 * (only Harrier can read them) anywhere remote.
 */
import type { Diagnostic } from '../engine/contract.js';
import { usesSentinelDialect } from '../hunts/sentinel-compat.js';

export type RemoteEngineName = 'defender' | 'loganalytics' | 'adx';
export const REMOTE_ENGINES: readonly RemoteEngineName[] = ['defender', 'loganalytics', 'adx'];

const AH_FUNCTIONS = ['FileProfile', 'DeviceFromIP', 'AssignedIPAddresses', 'SeenBy'];

function word(name: string): RegExp {
  return new RegExp(`(?<![A-Za-z0-9_])${name}\\s*\\(`);
}

/** Reasons the query cannot run unchanged on `engine` (empty: portable). */
export function portabilityProblems(query: string, engine: RemoteEngineName): Diagnostic[] {
  const out: Diagnostic[] = [];
  const add = (message: string) => out.push({ code: 'NOT-PORTABLE', severity: 'error', message });
  if (engine === 'defender' && usesSentinelDialect(query)) {
    add('uses TimeGenerated (Sentinel / Log Analytics dialect): Defender Advanced Hunting tables have Timestamp');
  }
  if (engine !== 'defender') {
    for (const f of AH_FUNCTIONS) if (word(f).test(query)) add(`uses ${f}(), a Defender Advanced Hunting function that ${engine === 'adx' ? 'Azure Data Explorer' : 'Log Analytics'} does not have`);
  }
  const ext = /externaldata\s*\([^)]*\)\s*\[\s*(?:h|@)?["']([^"']*)["']/gi;
  for (let m = ext.exec(query); m; m = ext.exec(query)) {
    if (!/^https:\/\//i.test(m[1]!)) add(`externaldata reads '${m[1]}', a local file that only Harrier can read`);
  }
  return out;
}
