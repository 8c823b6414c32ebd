/**
 * The report model: plain, JSON-able data describing one hunt as the founding document's template
 * lays it out (Preparation, Data Collection, Data Analysis, Investigation, Response, Documentation,
 * Improvement, Timeline Summary and Findings). Collected by collect.ts from the store, the hunt run,
 * the incidents and the audit trail; rendered by markdown.ts and html.ts without further look-ups.
 */
import type { ActionTaken } from '../respond/actions-taken.js';
import type { RecommendedAction } from '../respond/recommend.js';

export interface ReportTable {
  readonly table: string;
  readonly rows: number;
  readonly first: string | null;
  readonly last: string | null;
  /** Names of the rules whose queries read this table. */
  readonly usedBy: readonly string[];
  /** Hours of the hunt window the table's data covers (0 when empty). */
  readonly coveredHours: number;
}

export interface SourceFile {
  readonly path: string;
  readonly sha256: string;
  readonly tables: string;
  readonly format: string;
  readonly rowsStored: number;
  readonly ingestedAt: string;
}

export interface BlindSpot {
  readonly title: string;
  readonly detail: string;
}

export interface ReportQuery {
  readonly ruleId: string;
  readonly name: string;
  readonly file: string;
  /** The exact KQL run (lists and lookback as `let` statements). */
  readonly kql: string;
  readonly lookback: string;
  readonly from: string;
  readonly to: string;
  readonly rows: number;
  readonly findings: number;
  readonly truncated: boolean;
  readonly ms: number;
  readonly error: string | null;
}

export interface EvidenceLine {
  readonly time: string;
  readonly table: string;
  readonly actionType: string;
  readonly description: string;
  readonly reportId: string;
}

export interface ReportFinding {
  readonly id: string;
  readonly time: string | null;
  readonly ruleId: string;
  readonly title: string;
  readonly techniques: readonly string[];
  readonly severity: string;
  readonly device: string;
  readonly account: string;
  readonly stage: string | null;
  readonly evidenceCount: number;
  /** The first evidence rows, in time order. */
  readonly evidence: readonly EvidenceLine[];
  readonly firstEvidence: string | null;
  readonly lastEvidence: string | null;
}

export interface ReportTechnique {
  readonly id: string;
  readonly name: string;
  /** Tactic display names. */
  readonly tactics: readonly string[];
  readonly tacticShortnames: readonly string[];
  readonly findings: number;
  readonly severity: string;
  readonly url: string;
}

export interface ReportIncidentSummary {
  readonly id: string;
  readonly title: string;
  readonly severity: string;
  readonly riskScore: number;
  readonly devices: readonly string[];
  readonly accounts: readonly string[];
  readonly firstSeen: string | null;
  readonly lastSeen: string | null;
}

export interface ReportIncident extends ReportIncidentSummary {
  readonly techniques: readonly string[];
  readonly indicators: readonly { readonly name: string; readonly weight: number; readonly detail: string }[];
  readonly sequence: {
    readonly complete: boolean;
    readonly stages: readonly { readonly stage: string; readonly label: string; readonly start: string; readonly end: string }[];
    readonly missing: readonly string[];
    readonly links: readonly { readonly from: string; readonly to: string; readonly kind: string; readonly count: number; readonly values: readonly string[] }[];
  };
  readonly timeZone: string;
}

export interface TimelineEntry {
  /** ISO-8601 UTC. */
  readonly time: string;
  readonly stage: string | null;
  readonly title: string;
  readonly techniques: readonly string[];
  readonly detail: string;
  /** One example event (a command line, a file path), shown as code. */
  readonly example: string;
  readonly severity: string;
}

export interface ChartEvent {
  /** Lane label (the finding's rule). */
  readonly lane: string;
  /** Epoch ms. */
  readonly t: number;
  readonly kind: 'finding' | 'evidence';
  readonly label: string;
  readonly severity: string;
}

export interface Improvement {
  readonly title: string;
  /** The gap or finding it answers. */
  readonly because: string;
  readonly action: string;
}

export interface ReportModel {
  readonly title: string;
  readonly generatedAt: string;
  readonly harrierVersion: string;
  readonly attackVersion: string;
  readonly now: string;
  /** The hunt window: now minus the longest lookback, to now. */
  readonly window: { readonly from: string; readonly to: string };
  /** Zone of the "local" times (the incident's user/device zone). */
  readonly timeZone: string;
  readonly incident: ReportIncident | null;
  readonly otherIncidents: readonly ReportIncidentSummary[];
  readonly preparation: {
    readonly trigger: readonly string[];
    readonly hypothesis: readonly string[];
    readonly accounts: readonly string[];
    readonly devices: readonly string[];
  };
  readonly dataCollection: {
    readonly store: string;
    readonly storeKind: 'simulated' | 'ingested' | 'unknown';
    readonly sources: readonly SourceFile[];
    readonly tables: readonly ReportTable[];
    readonly blindSpots: readonly BlindSpot[];
  };
  readonly queries: readonly ReportQuery[];
  readonly findings: readonly ReportFinding[];
  readonly techniques: readonly ReportTechnique[];
  readonly response: {
    readonly recommended: readonly RecommendedAction[];
    readonly taken: readonly ActionTaken[];
    readonly auditFile: string;
    readonly auditNote: string;
  };
  readonly documentation: {
    readonly facts: readonly (readonly [string, string])[];
    readonly commands: readonly string[];
  };
  readonly improvements: readonly Improvement[];
  readonly timeline: {
    readonly entries: readonly TimelineEntry[];
    readonly chart: readonly ChartEvent[];
    readonly summary: readonly string[];
  };
}
