/**
 * One device's timeline document (`harrier timeline --format json`, the console's /api/timeline):
 * every Device* event in the window, earliest first, with the events that findings cite flagged.
 * The hunt pack runs first with now = `to` (else a pinned now, else just after the store's last
 * event) and a lookback
 * that reaches back to `from`. Reads the store through a read-only connection of its own.
 */
import { openStore } from '../store/index.js';
import { runHuntsDetailed, type Finding, type LoadedRule } from '../hunts/index.js';
import type { KqlEngine } from '../engine/contract.js';
import { flagFindings, readTimeline, type TimelineEvent } from './timeline.js';
import { tablesOfQuery } from './evidence.js';

export interface TimelineRequest {
  readonly db: string;
  /** Runs the rules; omitted → no findings are flagged. */
  readonly hunt?: { readonly engine: KqlEngine; readonly rules: readonly LoadedRule[]; readonly lastEvent: Date | null | undefined; readonly now?: Date; readonly onRuleError?: (rule: string, message: string) => unknown };
  readonly device: string;
  readonly from?: Date;
  readonly to?: Date;
  readonly limit: number;
}

export interface TimelineDocument {
  readonly devices: readonly string[];
  readonly truncated: boolean;
  readonly events: readonly TimelineEvent[];
}

export async function timelineDocument(r: TimelineRequest): Promise<TimelineDocument> {
  let findings: Finding[] = [];
  let ruleTables = new Map<string, readonly string[]>();
  if (r.hunt) {
    ruleTables = new Map(r.hunt.rules.map((x) => [x.rule.id, tablesOfQuery(x.rule.query)]));
    const now = r.to ?? r.hunt.now ?? (r.hunt.lastEvent ? new Date(r.hunt.lastEvent.getTime() + 1000) : new Date());
    const hours = r.from ? Math.ceil((now.getTime() - r.from.getTime()) / 3_600_000) : 0;
    const run = await runHuntsDetailed(r.hunt.engine, r.hunt.rules, { now, ...(hours > 72 ? { lookback: `${hours}h` } : {}) });
    for (const x of run.runs.filter((y) => y.error)) r.hunt.onRuleError?.(x.rule.rule.name, x.error!.message);
    findings = [...run.findings];
  }
  const store = await openStore(r.db, { readOnly: true, ensureSchema: false });
  let timeline;
  try {
    timeline = await readTimeline(store.connection, { device: r.device, ...(r.from ? { from: r.from } : {}), ...(r.to ? { to: r.to } : {}), limit: r.limit });
  } finally {
    store.close();
  }
  return { devices: timeline.devices, truncated: timeline.truncated, events: flagFindings(timeline.events, findings, ruleTables) };
}
