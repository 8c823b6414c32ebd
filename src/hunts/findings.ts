/**
 * Findings: one per result row of a rule, carrying what correlation and the report need —
 * Timestamp, DeviceId, DeviceName, the account, the ReportIds of its evidence and the rule's
 * techniques. Columns are found by Defender's names (Timestamp, DeviceId, DeviceName, ReportId,
 * AccountName / InitiatingProcessAccountName…) or by the rule's Sentinel entityMappings; an
 * aggregating rule lists its evidence in dynamic columns named `ReportIds` or `…ReportIds`.
 */
import { createHash } from 'node:crypto';
import type { EncodedValue, QueryResult } from '../engine/contract.js';
import type { HuntRule, Severity } from './rule-schema.js';

export interface Finding {
  /** Stable id: hash of rule id, device, timestamp and evidence. */
  readonly id: string;
  /** The rule's id. */
  readonly rule: string;
  /** The rule's name. */
  readonly title: string;
  readonly techniques: readonly string[];
  readonly tactics: readonly string[];
  readonly severity: Severity;
  readonly weight: number;
  readonly timestamp: string | null;
  readonly deviceId: string;
  readonly deviceName: string;
  readonly account: string;
  /** ReportIds of the evidence rows (as Defender gives them: numbers, or strings beyond 2^53). */
  readonly reportIds: readonly (number | string)[];
  /** The result row, by column name. */
  readonly row: Readonly<Record<string, EncodedValue>>;
}

const ACCOUNT_COLUMNS = ['AccountName', 'InitiatingProcessAccountName', 'AccountUpn', 'InitiatingProcessAccountUpn', 'RequestAccountName', 'AccountSid', 'InitiatingProcessAccountSid'];
const DEVICE_NAME_COLUMNS = ['DeviceName', 'HostName', 'Computer'];
const TIME_COLUMNS = ['Timestamp', 'TimeGenerated'];
/** Dynamic columns listing evidence: `ReportIds`, or any name ending in it (`WriteReportIds`). */
const isReportIdList = (name: string) => /ReportIds$/i.test(name);

/** The column a Sentinel entity mapping names for an entity type (and optional identifiers). */
function mappedColumn(rule: HuntRule, entityType: string, identifiers?: readonly string[]): string | undefined {
  for (const m of rule.entityMappings) {
    if (m.entityType.toLowerCase() !== entityType.toLowerCase()) continue;
    const f = m.fieldMappings.find((fm) => !identifiers || identifiers.includes(fm.identifier));
    if (f) return f.columnName;
  }
  return undefined;
}

function pick(index: ReadonlyMap<string, number>, names: readonly (string | undefined)[]): number | undefined {
  for (const n of names) {
    if (n === undefined) continue;
    const i = index.get(n.toLowerCase());
    if (i !== undefined) return i;
  }
  return undefined;
}

function asText(v: EncodedValue | undefined): string {
  if (v === null || v === undefined) return '';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

function asReportId(v: EncodedValue): number | string | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v !== '') return /^\d+$/.test(v) && Number.isSafeInteger(Number(v)) ? Number(v) : v;
  return undefined;
}

/** Findings from a rule's result, one per row (identical rows merged). */
export function toFindings(rule: HuntRule, result: Pick<QueryResult, 'columns' | 'rows'>): Finding[] {
  const index = new Map<string, number>();
  result.columns.forEach((c, i) => { if (!index.has(c.name.toLowerCase())) index.set(c.name.toLowerCase(), i); });
  const firstDatetime = result.columns.findIndex((c) => c.type === 'datetime');
  const timeCol = pick(index, TIME_COLUMNS) ?? (firstDatetime >= 0 ? firstDatetime : undefined);
  const deviceIdCol = pick(index, ['DeviceId', mappedColumn(rule, 'Host', ['AzureID', 'MdatpDeviceId'])]);
  const deviceNameCol = pick(index, [mappedColumn(rule, 'Host', ['HostName', 'FullName']), ...DEVICE_NAME_COLUMNS]);
  const accountCol = pick(index, [mappedColumn(rule, 'Account', ['Name', 'FullName', 'UPNSuffix', 'Sid']), ...ACCOUNT_COLUMNS]);
  const reportIdCol = pick(index, ['ReportId']);
  const reportListCols = result.columns.flatMap((c, i) => (isReportIdList(c.name) ? [i] : []));

  const byId = new Map<string, Finding>();
  for (const values of result.rows) {
    const at = (i: number | undefined) => (i === undefined ? undefined : values[i]);
    const reportIds: (number | string)[] = [];
    const add = (v: EncodedValue | undefined) => {
      if (Array.isArray(v)) v.forEach(add);
      else if (v !== undefined && v !== null) { const id = asReportId(v); if (id !== undefined && !reportIds.includes(id)) reportIds.push(id); }
    };
    add(at(reportIdCol));
    reportListCols.forEach((i) => add(values[i]));
    // make_set() lists come in no defined order: sorted, a finding reads the same on every run.
    reportIds.sort((a, b) => (typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b))));
    const t = at(timeCol);
    const timestamp = typeof t === 'string' && t !== '' ? t : null;
    const deviceId = asText(at(deviceIdCol));
    const row: Record<string, EncodedValue> = {};
    result.columns.forEach((c, i) => { row[c.name] = values[i] ?? null; });
    const id = createHash('sha256')
      .update(JSON.stringify([rule.id.toLowerCase(), deviceId, timestamp, [...reportIds].map(String).sort(), reportIds.length ? null : row]))
      .digest('hex').slice(0, 16);
    if (byId.has(id)) continue;
    byId.set(id, {
      id, rule: rule.id, title: rule.name, techniques: rule.relevantTechniques, tactics: rule.tactics,
      severity: rule.severity, weight: rule.weight, timestamp, deviceId,
      deviceName: asText(at(deviceNameCol)), account: asText(at(accountCol)), reportIds, row,
    });
  }
  return [...byId.values()];
}

/** The `findings` entries of `harrier hunt --format json`. */
export function findingJson(f: Finding): Record<string, unknown> {
  return {
    id: f.id, rule: f.rule, title: f.title, techniques: f.techniques, severity: f.severity, weight: f.weight,
    deviceId: f.deviceId, deviceName: f.deviceName, account: f.account, timestamp: f.timestamp, reportIds: f.reportIds,
  };
}
