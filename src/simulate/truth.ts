/**
 * Ground truth: one `_harrier_truth` row per planted event (ReportId, DeviceId, Timestamp, table,
 * scenario, step, ATT&CK technique), so hunts can be scored against what was planted. ReportIds
 * are globally unique in simulated data, so (ReportId) alone identifies the event.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { STG, uploadDimension } from './writers/staging.js';

export const TRUTH_TABLE = '_harrier_truth';

export interface TruthRecord {
  readonly reportId: number;
  readonly table: string;
  readonly dev: number;
  /** Microseconds since the epoch, UTC. */
  readonly ts: number;
  readonly scenario: string;
  readonly step: string;
  readonly technique: string;
  readonly detail: string;
}

/** ATT&CK names (Enterprise v16) of the techniques the scenarios plant. */
export const TECHNIQUE_NAMES: Readonly<Record<string, string>> = {
  T1078: 'Valid Accounts',
  'T1052.001': 'Exfiltration Over Physical Medium: Exfiltration over USB',
  T1005: 'Data from Local System',
  'T1074.001': 'Data Staged: Local Data Staging',
  'T1560.001': 'Archive Collected Data: Archive via Utility',
  'T1059.003': 'Command and Scripting Interpreter: Windows Command Shell',
  'T1059.001': 'Command and Scripting Interpreter: PowerShell',
  'T1567.002': 'Exfiltration Over Web Service: Exfiltration to Cloud Storage',
  'T1070.004': 'Indicator Removal: File Deletion',
  T1105: 'Ingress Tool Transfer',
  T1046: 'Network Service Discovery',
  T1200: 'Hardware Additions',
};

export const TRUTH_DDL = `CREATE TABLE IF NOT EXISTS ${TRUTH_TABLE} (
  ReportId BIGINT NOT NULL,
  DeviceId VARCHAR NOT NULL,
  DeviceName VARCHAR NOT NULL,
  Timestamp TIMESTAMP NOT NULL,
  TableName VARCHAR NOT NULL,
  Scenario VARCHAR NOT NULL,
  Step VARCHAR NOT NULL,
  Technique VARCHAR NOT NULL,
  TechniqueName VARCHAR NOT NULL,
  Detail VARCHAR NOT NULL
)`;

export async function writeTruth(connection: DuckDBConnection, records: readonly TruthRecord[]): Promise<void> {
  await connection.run(TRUTH_DDL);
  await uploadDimension(connection, 'd_truth', [
    ['rid', 'DOUBLE'], ['tname', 'VARCHAR'], ['dev', 'INTEGER'], ['ts', 'DOUBLE'], ['scenario', 'VARCHAR'], ['step', 'VARCHAR'],
    ['technique', 'VARCHAR'], ['tech_name', 'VARCHAR'], ['detail', 'VARCHAR'],
  ], records.map((r) => [r.reportId, r.table, r.dev, r.ts, r.scenario, r.step, r.technique, TECHNIQUE_NAMES[r.technique] ?? '', r.detail]));
  await connection.run(`INSERT INTO ${TRUTH_TABLE} SELECT t.rid::BIGINT, d.did, d.dname, make_timestamp(t.ts::BIGINT), t.tname, t.scenario, t.step, t.technique, t.tech_name, t.detail
    FROM ${STG}.d_truth t JOIN ${STG}.d_dev d ON d.id = t.dev ORDER BY t.ts, t.rid`);
}
