/**
 * The KQL that reads back a finding's evidence rows: the tables its rule reads, filtered to the
 * finding's device and the ReportIds it cites. One owner for the text, so the console's "open the
 * evidence" link, the evidence export and the report all show the same query. Pure (no I/O): the
 * web console bundles it.
 */
import { kqlString } from '../hunts/kql-literal.js';

/** ReportIds are longs; anything else cannot be written as a literal here and is left out. */
function reportIdLiterals(reportIds: readonly unknown[]): string[] {
  const ids = reportIds.map(String).filter((id) => /^\d+$/.test(id));
  return [...new Set(ids)].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0));
}

export function evidenceQuery(deviceId: string, tables: readonly string[], reportIds: readonly unknown[]): string {
  const ids = reportIdLiterals(reportIds);
  const source = tables.length === 1 ? tables[0]! : `union withsource=SourceTable ${tables.join(', ')}`;
  return `${source}\n| where DeviceId == ${kqlString(deviceId)}\n| where ReportId in (${ids.join(', ')})\n| sort by Timestamp asc, ReportId asc`;
}
