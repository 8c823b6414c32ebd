/**
 * Evidence rows behind findings: every finding cites ReportIds; this module reads those rows back
 * from the store through the KQL engine (one query per device and table, the device id and the
 * ReportIds written as KQL literals), looking only in the tables the finding's rule queries. The
 * rows feed sequence timing, file-name/folder/process linking and priority-content indicators.
 */
import type { EncodedValue, KqlEngine } from '../engine/contract.js';
import type { Finding } from '../hunts/findings.js';
import { kqlString } from '../hunts/kql-literal.js';
import { getTable } from '../schema/index.js';

/** Tables whose rows carry DeviceId and ReportId and can be evidence. */
export const EVIDENCE_TABLES = [
  'DeviceProcessEvents', 'DeviceFileEvents', 'DeviceNetworkEvents', 'DeviceEvents', 'DeviceLogonEvents',
  'DeviceRegistryEvents', 'DeviceImageLoadEvents',
] as const;

/** Columns read back (those a table lacks are skipped). */
const EVIDENCE_COLUMNS = [
  'Timestamp', 'ActionType', 'FileName', 'FolderPath', 'PreviousFileName', 'PreviousFolderPath', 'SensitivityLabel',
  'ProcessId', 'ProcessCommandLine', 'AccountName', 'InitiatingProcessAccountName',
  'InitiatingProcessFileName', 'InitiatingProcessId', 'InitiatingProcessCommandLine',
  'InitiatingProcessParentFileName', 'InitiatingProcessParentId',
  'RemoteUrl', 'RemoteIP', 'RemotePort', 'AdditionalFields', 'ReportId',
];

export interface EvidenceRow {
  readonly table: string;
  readonly values: Readonly<Record<string, EncodedValue>>;
}

/** Finding id → its evidence rows in time order. */
export type EvidenceMap = ReadonlyMap<string, readonly EvidenceRow[]>;

/** The MDE tables a rule's query names (all evidence tables when it names none). */
export function tablesOfQuery(query: string): string[] {
  const named = EVIDENCE_TABLES.filter((t) => new RegExp(`\\b${t}\\b`).test(query));
  return named.length > 0 ? named : [...EVIDENCE_TABLES];
}

export function text(row: EvidenceRow, column: string): string {
  const v = row.values[column];
  if (v === null || v === undefined) return '';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

export function rowTime(row: EvidenceRow): number {
  return Date.parse(text(row, 'Timestamp'));
}

const idLiteral = (id: number | string) => (typeof id === 'number' ? String(id) : /^\d+$/.test(id) ? id : undefined);

/**
 * Reads the evidence of every finding. `ruleTables` maps a rule id to the tables its query reads.
 * Errors (a table missing from a foreign store) leave those findings without evidence.
 */
export async function fetchEvidence(engine: KqlEngine, findings: readonly Finding[], ruleTables: ReadonlyMap<string, readonly string[]>): Promise<Map<string, EvidenceRow[]>> {
  const wanted = new Map<string, Map<string, Set<string>>>(); // deviceId → table → report ids (literal text)
  for (const f of findings) {
    if (!f.deviceId || f.reportIds.length === 0) continue;
    const perTable = wanted.get(f.deviceId) ?? new Map<string, Set<string>>();
    wanted.set(f.deviceId, perTable);
    for (const table of ruleTables.get(f.rule) ?? EVIDENCE_TABLES) {
      const ids = perTable.get(table) ?? new Set<string>();
      perTable.set(table, ids);
      for (const id of f.reportIds) { const lit = idLiteral(id); if (lit) ids.add(lit); }
    }
  }
  const rows = new Map<string, EvidenceRow[]>(); // `${deviceId}|${table}|${reportId}` → rows
  for (const [deviceId, perTable] of wanted) {
    for (const [table, ids] of perTable) {
      if (ids.size === 0) continue;
      const def = getTable(table);
      const cols = EVIDENCE_COLUMNS.filter((c) => def.columnByLowerName.has(c.toLowerCase()));
      const all = [...ids];
      for (let i = 0; i < all.length; i += 2000) {
        const chunk = all.slice(i, i + 2000);
        const kql = `${table}\n| where DeviceId == ${kqlString(deviceId)}\n| where ReportId in (${chunk.join(', ')})\n| project ${cols.join(', ')}`;
        let result;
        try {
          result = await engine.query(kql, { maxRows: 0 });
        } catch {
          continue;
        }
        for (const r of result.rows) {
          const values: Record<string, EncodedValue> = {};
          result.columns.forEach((c, j) => { values[c.name] = r[j] ?? null; });
          const key = `${deviceId}|${table}|${String(values['ReportId'])}`;
          const list = rows.get(key) ?? [];
          list.push({ table, values });
          rows.set(key, list);
        }
      }
    }
  }
  const out = new Map<string, EvidenceRow[]>();
  for (const f of findings) {
    const mine: EvidenceRow[] = [];
    for (const table of ruleTables.get(f.rule) ?? EVIDENCE_TABLES) {
      for (const id of f.reportIds) mine.push(...(rows.get(`${f.deviceId}|${table}|${String(id)}`) ?? []));
    }
    mine.sort((a, b) => rowTime(a) - rowTime(b));
    out.set(f.id, mine);
  }
  return out;
}
