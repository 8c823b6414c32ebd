/**
 * Correlation: findings → groups that become incidents. Findings are grouped by device and
 * account; within a group they are taken in time order and a finding joins the current incident
 * when it is at most `windowMs` after the incident's latest finding, else it opens a new one.
 * A finding without an account (or with a system account) joins an incident of the same device
 * whose time span, widened by the window, contains it; otherwise it stands alone. Findings without
 * a timestamp join the device+account group's first incident. Pure: no I/O.
 */
import type { Finding } from '../hunts/findings.js';
import { normalizeAccount } from './watchlist.js';

export interface FindingGroup {
  readonly deviceId: string;
  readonly deviceName: string;
  /** Normalised account ('' when none). */
  readonly account: string;
  /** Time order (null timestamps last). */
  readonly findings: readonly Finding[];
  readonly firstSeen: string | null;
  readonly lastSeen: string | null;
}

export interface CorrelateOptions {
  /** Largest gap between consecutive findings of one incident, in ms. */
  readonly windowMs: number;
}

const SYSTEM_ACCOUNTS = new Set(['', 'system', 'local service', 'network service', 'localsystem', '-']);

const time = (f: Finding) => (f.timestamp === null ? Number.NaN : Date.parse(f.timestamp));

interface Mutable { deviceId: string; deviceName: string; account: string; findings: Finding[]; first: number; last: number }

function freeze(g: Mutable): FindingGroup {
  const findings = [...g.findings].sort((a, b) => {
    const ta = time(a), tb = time(b);
    if (Number.isNaN(ta) !== Number.isNaN(tb)) return Number.isNaN(ta) ? 1 : -1;
    return (ta - tb) || a.title.localeCompare(b.title) || a.id.localeCompare(b.id);
  });
  const stamps = findings.map((f) => f.timestamp).filter((t): t is string => t !== null).sort((a, b) => Date.parse(a) - Date.parse(b));
  return { deviceId: g.deviceId, deviceName: g.deviceName, account: g.account, findings, firstSeen: stamps[0] ?? null, lastSeen: stamps.at(-1) ?? null };
}

export function correlateFindings(findings: readonly Finding[], options: CorrelateOptions): FindingGroup[] {
  const device = (f: Finding) => f.deviceId || f.deviceName.toLowerCase();
  const personal = new Map<string, Finding[]>();
  const unowned: Finding[] = [];
  for (const f of findings) {
    const acc = normalizeAccount(f.account);
    if (SYSTEM_ACCOUNTS.has(acc)) { unowned.push(f); continue; }
    const key = `${device(f)}\u0000${acc}`;
    const list = personal.get(key) ?? [];
    list.push(f);
    personal.set(key, list);
  }
  const groups: Mutable[] = [];
  const open = (f: Finding, account: string): Mutable => {
    const t = time(f);
    const g = { deviceId: f.deviceId, deviceName: f.deviceName, account, findings: [f], first: t, last: t };
    groups.push(g);
    return g;
  };
  for (const list of personal.values()) {
    const timed = list.filter((f) => !Number.isNaN(time(f))).sort((a, b) => time(a) - time(b));
    const untimed = list.filter((f) => Number.isNaN(time(f)));
    let current: Mutable | undefined;
    const mine: Mutable[] = [];
    for (const f of timed) {
      const t = time(f);
      if (current && t - current.last <= options.windowMs) {
        current.findings.push(f);
        current.last = t;
      } else {
        current = open(f, normalizeAccount(f.account));
        mine.push(current);
      }
    }
    for (const f of untimed) {
      if (mine[0]) mine[0].findings.push(f);
      else mine.push(open(f, normalizeAccount(f.account)));
    }
  }
  // System/empty-account findings: attach to the closest incident of the same device in reach.
  const byTime = [...unowned].sort((a, b) => (time(a) || 0) - (time(b) || 0));
  for (const f of byTime) {
    const t = time(f);
    const candidates = groups.filter((g) => (g.deviceId || g.deviceName.toLowerCase()) === device(f) && g.account !== '' &&
      (Number.isNaN(t) || (t >= g.first - options.windowMs && t <= g.last + options.windowMs)));
    const distance = (g: Mutable) => (Number.isNaN(t) ? 0 : t < g.first ? g.first - t : t > g.last ? t - g.last : 0);
    const best = candidates.sort((a, b) => distance(a) - distance(b))[0];
    if (best) {
      best.findings.push(f);
      if (!Number.isNaN(t)) { best.first = Math.min(best.first, t); best.last = Math.max(best.last, t); }
      continue;
    }
    const same = groups.find((g) => (g.deviceId || g.deviceName.toLowerCase()) === device(f) && g.account === '' &&
      !Number.isNaN(t) && t - g.last <= options.windowMs && t >= g.first);
    if (same) { same.findings.push(f); same.last = Math.max(same.last, t); } else open(f, '');
  }
  return groups.map(freeze);
}
