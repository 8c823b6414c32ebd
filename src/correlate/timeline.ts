/**
 * The device timeline, like Defender's: every Device* table's rows for one device (DeviceName,
 * its host part, or DeviceId), merged in time order, each with a one-line message, and flagged
 * with the findings that cite it (matched by DeviceId, ReportId and the tables the rule reads).
 * Reads the store with SQL on a trusted read-only connection; the device name and times enter
 * the SQL only through src/sql/quote.ts.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Finding } from '../hunts/findings.js';
import { MDE_TABLES } from '../schema/index.js';
import { quoteIdent, quoteString } from '../sql/quote.js';

export const TIMELINE_TABLES: readonly string[] = [...MDE_TABLES.keys()].filter((t) => t.startsWith('Device'));

export type FieldValue = string | number | boolean | null;

export interface TimelineEvent {
  /** ISO-8601 UTC with microseconds. */
  readonly timestamp: string;
  readonly table: string;
  readonly actionType: string;
  readonly deviceName: string;
  readonly account: string;
  readonly message: string;
  readonly reportId: FieldValue;
  /** Non-empty columns of the row. */
  readonly fields: Readonly<Record<string, FieldValue>>;
  readonly findings: readonly { readonly id: string; readonly title: string; readonly techniques: readonly string[] }[];
}

export interface TimelineQuery {
  readonly device: string;
  readonly from?: Date;
  readonly to?: Date;
  /** Most events returned (earliest first); default 10,000. */
  readonly limit?: number;
}

export interface Timeline {
  readonly events: readonly TimelineEvent[];
  readonly truncated: boolean;
  /** Device names that matched. */
  readonly devices: readonly string[];
}

function plain(v: unknown): FieldValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') return v;
  return String(v);
}

const s = (f: Record<string, FieldValue>, k: string) => (f[k] === null || f[k] === undefined ? '' : String(f[k]));

/** A one-line description of a row, per table, in the spirit of Defender's timeline. */
export function describeEvent(table: string, f: Record<string, FieldValue>): string {
  const actor = s(f, 'InitiatingProcessFileName');
  const action = s(f, 'ActionType');
  switch (table) {
    case 'DeviceProcessEvents': return `${actor || 'process'} created process ${s(f, 'FileName')}: ${s(f, 'ProcessCommandLine')}`;
    case 'DeviceFileEvents': return `${actor || 'process'} ${action} ${s(f, 'FolderPath') || s(f, 'FileName')}${s(f, 'PreviousFileName') ? ` (was ${s(f, 'PreviousFileName')})` : ''}`;
    case 'DeviceNetworkEvents': return `${actor || 'process'} ${action} ${s(f, 'RemoteUrl') || s(f, 'RemoteIP')}${s(f, 'RemotePort') ? `:${s(f, 'RemotePort')}` : ''} (${s(f, 'RemoteIP')})`;
    case 'DeviceLogonEvents': return `${action} ${s(f, 'LogonType')} ${s(f, 'AccountDomain')}\\${s(f, 'AccountName')}${s(f, 'RemoteIP') ? ` from ${s(f, 'RemoteIP')}` : ''}`;
    case 'DeviceRegistryEvents': return `${actor || 'process'} ${action} ${s(f, 'RegistryKey')}${s(f, 'RegistryValueName') ? `\\${s(f, 'RegistryValueName')}` : ''}`;
    case 'DeviceImageLoadEvents': return `${actor || 'process'} loaded ${s(f, 'FolderPath') || s(f, 'FileName')}`;
    case 'DeviceEvents': return `${action}${s(f, 'FileName') ? ` ${s(f, 'FolderPath') || s(f, 'FileName')}` : ''}${s(f, 'AdditionalFields') && s(f, 'AdditionalFields') !== '{}' ? ` ${s(f, 'AdditionalFields').slice(0, 200)}` : ''}${actor ? ` by ${actor}` : ''}`;
    case 'DeviceInfo': return `Device info: ${s(f, 'OSPlatform')} ${s(f, 'OSVersion')} ${s(f, 'Vendor')} ${s(f, 'Model')}`.trim();
    case 'DeviceNetworkInfo': return `Network adapter ${s(f, 'NetworkAdapterName')} ${s(f, 'NetworkAdapterStatus')} ${s(f, 'IPAddresses')}`.trim();
    case 'DeviceFileCertificateInfo': return `Certificate of ${s(f, 'SHA1')}: ${s(f, 'Signer')} (issuer ${s(f, 'Issuer')})`;
    default: return `${table} ${action}`.trim();
  }
}

const accountOf = (f: Record<string, FieldValue>) => s(f, 'AccountName') || s(f, 'InitiatingProcessAccountName') || s(f, 'RequestAccountName');

export async function readTimeline(c: DuckDBConnection, q: TimelineQuery): Promise<Omit<Timeline, 'events'> & { events: TimelineEvent[] }> {
  const limit = q.limit ?? 10_000;
  const dev = quoteString(q.device.toLowerCase());
  const where = [
    `(lower(DeviceName) = ${dev} OR lower(split_part(DeviceName, '.', 1)) = ${dev} OR lower(DeviceId) = ${dev})`,
    ...(q.from ? [`Timestamp >= CAST(${quoteString(q.from.toISOString())} AS TIMESTAMPTZ)`] : []),
    ...(q.to ? [`Timestamp < CAST(${quoteString(q.to.toISOString())} AS TIMESTAMPTZ)`] : []),
  ].join(' AND ');
  const events: TimelineEvent[] = [];
  const devices = new Set<string>();
  for (const table of TIMELINE_TABLES) {
    const sql = `SELECT strftime(Timestamp, '%Y-%m-%dT%H:%M:%S.%fZ') AS "__ts", * FROM ${quoteIdent(table)} WHERE ${where} ORDER BY Timestamp LIMIT ${limit + 1}`;
    const reader = await c.runAndReadAll(sql);
    const names = reader.columnNames();
    for (const r of reader.getRows()) {
      const fields: Record<string, FieldValue> = {};
      names.forEach((n, i) => { if (n !== '__ts' && n !== 'Timestamp') { const v = plain(r[i]); if (v !== null && v !== '') fields[n] = v; } });
      devices.add(s(fields, 'DeviceName'));
      events.push({
        timestamp: String(r[0]), table, actionType: s(fields, 'ActionType'), deviceName: s(fields, 'DeviceName'), account: accountOf(fields),
        message: describeEvent(table, fields), reportId: fields['ReportId'] ?? null, fields, findings: [],
      });
    }
  }
  events.sort((a, b) => a.timestamp.localeCompare(b.timestamp) || a.table.localeCompare(b.table) || String(a.reportId).localeCompare(String(b.reportId)));
  return { events: events.slice(0, limit), truncated: events.length > limit, devices: [...devices].sort() };
}

/** Flags each event with the findings citing it (same DeviceId and ReportId, in a table the rule reads). */
export function flagFindings(events: readonly TimelineEvent[], findings: readonly Finding[], ruleTables: ReadonlyMap<string, readonly string[]>): TimelineEvent[] {
  const cited = new Map<string, Finding[]>();
  for (const f of findings) {
    for (const table of ruleTables.get(f.rule) ?? TIMELINE_TABLES) {
      for (const id of f.reportIds) {
        const key = `${f.deviceId}|${table}|${String(id)}`;
        cited.set(key, [...(cited.get(key) ?? []), f]);
      }
    }
  }
  return events.map((e) => {
    const hits = cited.get(`${s(e.fields, 'DeviceId')}|${e.table}|${String(e.reportId)}`);
    return hits ? { ...e, findings: hits.map((f) => ({ id: f.id, title: f.title, techniques: f.techniques })) } : e;
  });
}
