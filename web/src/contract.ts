/**
 * The JSON the console reads from `harrier serve` (docs/CONSOLE.md): `harrier query --format json`,
 * `harrier hunt --format json`, `harrier timeline --format json`, the schema and the rules.
 * The query contract is imported from the engine; the hunt, timeline and rule documents are
 * written out here, kept to the fields the console uses (their sources import Node and DuckDB).
 */
import type { Diagnostic, EncodedValue, QueryResult, ResultColumn } from '../../src/engine/contract.js';

// The query contract is the engine's own (src/engine/contract.ts): one definition for both sides.
export type { Diagnostic };
export type Value = EncodedValue;
export type Column = ResultColumn;
export type QueryAnswer = QueryResult;

export interface SchemaTable {
  readonly name: string;
  readonly description: string;
  readonly actionTypes: readonly string[];
  readonly columns: readonly { readonly name: string; readonly type: string; readonly description: string }[];
}

export interface Indicator { readonly name: string; readonly weight: number; readonly detail: string }

export interface SequenceStage {
  readonly stage: string;
  readonly label: string;
  readonly techniques: readonly string[];
  readonly findings: readonly string[];
  readonly start: string;
  readonly end: string;
}

export interface Incident {
  readonly id: string;
  readonly title: string;
  readonly severity: string;
  readonly riskScore: number;
  readonly devices: readonly string[];
  readonly accounts: readonly string[];
  readonly techniques: readonly string[];
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly indicators: readonly Indicator[];
  readonly findings: readonly string[];
  readonly sequence?: { readonly complete: boolean; readonly stages: readonly SequenceStage[] };
  readonly timeZone?: string;
  readonly recommendedActions?: readonly { readonly action: string; readonly device: string; readonly reason: string; readonly command: string }[];
}

export interface Finding {
  readonly id: string;
  readonly rule: string;
  readonly title: string;
  readonly techniques: readonly string[];
  readonly severity: string;
  readonly weight: number;
  readonly deviceId: string;
  readonly deviceName: string;
  readonly account: string;
  readonly timestamp: string;
  readonly reportIds: readonly (string | number)[];
}

export interface HuntAnswer {
  readonly incidents: readonly Incident[];
  readonly findings: readonly Finding[];
  readonly failedRules?: readonly { readonly rule: string; readonly error: string }[];
}

export interface RuleInfo {
  readonly id: string;
  readonly name: string;
  readonly severity: string;
  readonly techniques: readonly string[];
  readonly tables: readonly string[];
  readonly query: string;
}

export interface RulesAnswer {
  readonly rules: readonly RuleInfo[];
  readonly attack: {
    readonly version: string;
    readonly tactics: readonly { readonly id: string; readonly shortname: string; readonly name: string }[];
    readonly techniques: Readonly<Record<string, { readonly name: string; readonly tactics: readonly string[] }>>;
  };
}

export interface TimelineEvent {
  readonly timestamp: string;
  readonly table: string;
  readonly actionType: string;
  readonly deviceName: string;
  readonly account: string;
  readonly message: string;
  readonly reportId: number | string | null;
  readonly fields: Readonly<Record<string, Value>>;
  readonly findings?: readonly { readonly id: string; readonly title: string; readonly techniques: readonly string[] }[];
}

export interface TimelineAnswer {
  readonly devices: readonly string[];
  readonly truncated: boolean;
  readonly events: readonly TimelineEvent[];
}
