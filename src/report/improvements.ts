/**
 * The Improvement section: recommendations tied to what the hunt found and to the gaps it met —
 * USB device control for removable-media exfiltration, blocking personal cloud storage, sensitivity
 * labels and endpoint DLP for priority content, HR signals, network segmentation for scans, and
 * turning the hunts that fired into Defender custom detections.
 */
import type { BlindSpot, Improvement, ReportFinding, ReportQuery } from './model.js';

const has = (techniques: ReadonlySet<string>, base: string) => [...techniques].some((t) => t === base || t.startsWith(`${base}.`));

export interface ImprovementInput {
  readonly findings: readonly ReportFinding[];
  readonly queries: readonly ReportQuery[];
  readonly blindSpots: readonly BlindSpot[];
  readonly hasWatchlist: boolean;
  readonly indicators: readonly string[];
}

export function improvements(input: ImprovementInput): Improvement[] {
  const techniques = new Set(input.findings.flatMap((f) => f.techniques));
  const rulesOf = (base: string) => [...new Set(input.findings.filter((f) => f.techniques.some((t) => t === base || t.startsWith(`${base}.`))).map((f) => f.title))].join(', ');
  const out: Improvement[] = [];
  if (has(techniques, 'T1052')) {
    out.push({
      title: 'Control USB mass storage',
      because: `files were copied to a removable drive (${rulesOf('T1052')})`,
      action: 'Deploy Defender for Endpoint device control (removable storage access control) to block write access to USB mass storage, or allow only encrypted, company-issued devices; audit the rest so every copy is recorded.',
    });
  }
  if (has(techniques, 'T1567')) {
    out.push({
      title: 'Block personal cloud storage',
      because: `documents were uploaded to personal cloud storage (${rulesOf('T1567')})`,
      action: 'Mark personal storage services (Dropbox, Google Drive, Mega, WeTransfer…) as unsanctioned in Defender for Cloud Apps, or block their domains with Defender for Endpoint custom network indicators / web content filtering; allow only the corporate tenant.',
    });
  }
  if (has(techniques, 'T1005') || has(techniques, 'T1039') || has(techniques, 'T1074') || input.indicators.some((i) => i.startsWith('priority content'))) {
    out.push({
      title: 'Label sensitive content and enforce endpoint DLP',
      because: 'priority documents were read and staged outside their folder',
      action: 'Apply Microsoft Purview sensitivity labels to the priority folders (auto-labelling where possible) and an Endpoint DLP policy that blocks or warns on copying labelled files to USB, to unallowed cloud domains and into archives; labelled files also produce SensitiveFileRead events, closing the "no file-open events" gap.',
    });
  }
  if (has(techniques, 'T1560')) {
    out.push({
      title: 'Watch archive tools on user workstations',
      because: `an archive was built from staged documents (${rulesOf('T1560')})`,
      action: 'Restrict 7-Zip/WinRAR to the users who need them (WDAC or AppLocker) and alert on archives created in temporary folders.',
    });
  }
  if (has(techniques, 'T1046')) {
    out.push({
      title: 'Segment the internal network',
      because: `a workstation scanned internal hosts (${rulesOf('T1046')})`,
      action: 'Block workstation-to-workstation and workstation-to-server traffic that is not needed (host firewall, network segmentation), and restrict PowerShell to signed scripts (Constrained Language Mode) on user devices.',
    });
  }
  if (!input.hasWatchlist) {
    out.push({
      title: 'Bring in HR signals',
      because: 'no HR watchlist was given, so departing or at-risk users could not raise the risk score',
      action: 'Export the HR connector CSV (resignations, performance improvement plans, reviews) and pass it with --watchlist; in Microsoft Purview, connect the HR data connector to Insider Risk Management.',
    });
  }
  const fired = [...new Set(input.findings.map((f) => f.title))];
  out.push({
    title: 'Turn the hunts into custom detections',
    because: fired.length > 0 ? `these hunts found the activity: ${fired.join(', ')}` : 'the hunts ran without findings and can keep watching',
    action: 'Run harrier rules export-detections --out DIR and create a Defender custom detection rule from each file (they keep Timestamp, ReportId and DeviceId, as custom detections require), so the next occurrence raises an alert instead of waiting for a hunt.',
  });
  const failed = input.queries.filter((q) => q.error);
  if (failed.length > 0) {
    out.push({ title: 'Fix the queries that failed', because: `${failed.length} quer${failed.length === 1 ? 'y' : 'ies'} did not run (${failed.map((q) => q.name).join(', ')})`, action: 'Run harrier rules lint and fix the reported errors.' });
  }
  for (const b of input.blindSpots.filter((x) => / is empty$| covers /.test(x.title))) {
    out.push({ title: `Close the gap: ${b.title}`, because: b.detail, action: 'Export or stream that table for the whole hunt window (Defender streaming API or an Advanced Hunting export) and ingest it.' });
  }
  return out;
}
