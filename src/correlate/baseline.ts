/**
 * Volume against the user's own baseline. Each measure of the risk model is a KQL tabular
 * expression (e.g. SensitiveFileRead events) plus the column holding the account; it is counted per
 * hour for the incidents' accounts over the hunt's lookback (one query per measure). An incident's
 * observed volume is its busiest hour; the baseline is the same user's busiest other hour.
 */
import type { KqlEngine } from '../engine/contract.js';
import { kqlDatetime, kqlString } from '../hunts/kql-literal.js';
import type { RiskModel } from './model.js';

export interface VolumeRequest {
  /** Incident key. */
  readonly key: string;
  /** Normalised account name. */
  readonly account: string;
  /** Epoch ms of the incident's first and last activity. */
  readonly start: number;
  readonly end: number;
}

export interface VolumeObservation {
  readonly measure: string;
  /** Events in the incident's busiest hour. */
  readonly observed: number;
  /** ISO start of that hour. */
  readonly hour: string;
  /** The user's busiest other hour in the lookback (0 when none). */
  readonly baseline: number;
  /** The KQL that counted it (before the per-account filter). */
  readonly query: string;
}

const HOUR = 3_600_000;

/** Hourly counts per account and measure; observations keyed by request key. */
export async function measureVolumes(engine: KqlEngine, model: RiskModel['volume'], requests: readonly VolumeRequest[], window: { from: Date; to: Date }): Promise<Map<string, VolumeObservation[]>> {
  const out = new Map<string, VolumeObservation[]>(requests.map((r) => [r.key, []]));
  const accounts = [...new Set(requests.map((r) => r.account).filter((a) => a !== ''))];
  if (accounts.length === 0) return out;
  for (const m of model.measures) {
    const kql = `${m.query.trim()}
| where Timestamp between (${kqlDatetime(window.from)} .. ${kqlDatetime(window.to)})
| where ${m.account} in~ (${accounts.map(kqlString).join(', ')})
| summarize Events = count() by Account = tolower(${m.account}), Hour = bin(Timestamp, 1h)`;
    let rows: readonly (readonly unknown[])[];
    try {
      rows = (await engine.query(kql, { maxRows: 0 })).rows;
    } catch (err) {
      throw new Error(`risk model volume measure '${m.name}' failed: ${(err as Error).message}`);
    }
    const hourly = new Map<string, Map<number, number>>();
    for (const [account, hour, events] of rows) {
      const h = Date.parse(String(hour));
      const perAccount = hourly.get(String(account)) ?? new Map<number, number>();
      perAccount.set(h, Number(events));
      hourly.set(String(account), perAccount);
    }
    for (const r of requests) {
      const hours = hourly.get(r.account);
      if (!hours) continue;
      const first = Math.floor(r.start / HOUR) * HOUR;
      const last = Math.floor(r.end / HOUR) * HOUR;
      let observed = 0;
      let at = first;
      let baseline = 0;
      for (const [h, n] of hours) {
        if (h >= first && h <= last) { if (n > observed) { observed = n; at = h; } } else baseline = Math.max(baseline, n);
      }
      if (observed > 0) out.get(r.key)!.push({ measure: m.name, observed, hour: new Date(at).toISOString(), baseline, query: m.query.trim() });
    }
  }
  return out;
}

/** The observations that count as volume above baseline under the model. */
export function aboveBaseline(observations: readonly VolumeObservation[], model: RiskModel['volume']): VolumeObservation[] {
  return observations.filter((o) => o.observed >= model.minimumEvents && o.observed >= model.factor * o.baseline);
}
