/**
 * When people work: per-user time zones (IANA, via Intl, deterministic), working days with an
 * arrival and departure drawn around 08:30 and 17:30 local time, a lunch dip, quiet nights and
 * rare weekend sessions. Generators ask for a day plan and an activity weight per minute.
 */
import type { Rng } from '../prng.js';
import type { Persona } from '../estate.js';

export const MINUTE_US = 60_000_000;
export const HOUR_US = 60 * MINUTE_US;
export const DAY_US = 24 * HOUR_US;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Offset of `zone` from UTC in minutes at the given instant (e.g. +60 for Europe/Berlin in winter). */
export function tzOffsetMinutes(zone: string, utcMs: number): number {
  if (zone === 'UTC') return 0;
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' });
    formatters.set(zone, f);
  }
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(new Date(utcMs))) if (part.type !== 'literal') p[part.type] = Number(part.value);
  const wall = Date.UTC(p['year']!, p['month']! - 1, p['day']!, p['hour']!, p['minute']!);
  return Math.round((wall - Math.floor(utcMs / 60000) * 60000) / 60000);
}

/** UTC microseconds of local midnight for each local day overlapping [startUs, endUs). */
export function localMidnights(zone: string, startUs: number, endUs: number): number[] {
  const out: number[] = [];
  const firstMs = Math.floor(startUs / 1000);
  const off0 = tzOffsetMinutes(zone, firstMs);
  const localStartMs = firstMs + off0 * 60000;
  let dayLocalMs = Math.floor(localStartMs / 86400000) * 86400000;
  for (;;) {
    const off = tzOffsetMinutes(zone, dayLocalMs - off0 * 60000);
    const utcMs = dayLocalMs - off * 60000;
    if (utcMs * 1000 >= endUs) break;
    out.push(utcMs * 1000);
    dayLocalMs += 86400000;
  }
  return out;
}

/** Day of week (0 = Sunday) of a local day starting at `midnightUs` UTC for offset `offMin`. */
export function localDayOfWeek(midnightUs: number, zone: string): number {
  const ms = midnightUs / 1000;
  return new Date(ms + tzOffsetMinutes(zone, ms) * 60000 + 3600000).getUTCDay();
}

export interface DayPlan {
  /** Local minutes since midnight; no session when start >= end. */
  readonly start: number;
  readonly end: number;
  readonly lunchStart: number;
  readonly lunchEnd: number;
}

export const NO_SESSION: DayPlan = { start: 0, end: 0, lunchStart: 0, lunchEnd: 0 };

export function planDay(rng: Rng, persona: Persona, dayOfWeek: number): DayPlan {
  const weekend = dayOfWeek === 0 || dayOfWeek === 6;
  if (weekend) {
    if (!rng.chance(persona === 'admin' ? 0.2 : 0.06)) return NO_SESSION;
    const start = rng.range(10 * 60, 15 * 60);
    return { start, end: start + rng.range(30, 150), lunchStart: 0, lunchEnd: 0 };
  }
  if (rng.chance(0.06)) return NO_SESSION; // leave, sickness
  const late = persona === 'developer' ? 40 : 0;
  const start = Math.round(Math.min(11 * 60, Math.max(7 * 60, rng.normal(8.5 * 60 + late, 30))));
  const end = Math.round(Math.min(21 * 60, Math.max(15 * 60, rng.normal(17.5 * 60 + late, 45))));
  const lunchStart = rng.range(11 * 60 + 45, 12 * 60 + 30);
  return { start, end, lunchStart, lunchEnd: lunchStart + rng.range(35, 60) };
}

/** Relative activity of a user at a local minute under a plan: 1 working, 0.25 at lunch, 0 off. */
export function activityWeight(plan: DayPlan, localMinute: number): number {
  if (localMinute < plan.start || localMinute >= plan.end) return 0;
  if (localMinute >= plan.lunchStart && localMinute < plan.lunchEnd) return 0.25;
  return 1;
}
