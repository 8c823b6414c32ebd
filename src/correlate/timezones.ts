/**
 * Local time for off-hours: an instant's weekday and minute of day in an IANA time zone (DST
 * handled by Intl), the zone of a user or device (per-account first, then per-device, then the
 * default), and whether an instant falls outside working hours there.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(zone, f);
  }
  return f;
}

export function isTimeZone(zone: string): boolean {
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

export interface LocalTime {
  /** 'Sun' … 'Sat'. */
  readonly weekday: string;
  /** Minutes since local midnight. */
  readonly minutes: number;
  /** HH:MM local. */
  readonly clock: string;
}

export function localTime(at: Date, zone: string): LocalTime {
  const parts = formatter(zone).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  const hour = Number(get('hour')) % 24;
  const minute = Number(get('minute'));
  return { weekday: get('weekday'), minutes: hour * 60 + minute, clock: `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}` };
}

export interface WorkingHours {
  /** 'HH:MM' local. */
  readonly workdayStart: string;
  readonly workdayEnd: string;
  readonly weekendDays: readonly string[];
}

const toMinutes = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

/** True when `at` is outside working hours in `zone` (a weekend day, or before start / at or after end). */
export function isOffHours(at: Date, zone: string, hours: WorkingHours): boolean {
  const t = localTime(at, zone);
  if (hours.weekendDays.includes(t.weekday)) return true;
  const start = toMinutes(hours.workdayStart);
  const end = toMinutes(hours.workdayEnd);
  // A working day that wraps midnight (e.g. night shift 22:00–06:00).
  if (start <= end) return t.minutes < start || t.minutes >= end;
  return t.minutes < start && t.minutes >= end;
}

export interface TimeZoneMap {
  readonly default: string;
  /** Account name (lower case) → zone. */
  readonly accounts: Readonly<Record<string, string>>;
  /** DeviceName or its host part (lower case) → zone. */
  readonly devices: Readonly<Record<string, string>>;
}

const lowerKeys = (r: Readonly<Record<string, string>>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k.toLowerCase(), v]));

export function timeZoneMap(config: { default: string; accounts: Readonly<Record<string, string>>; devices: Readonly<Record<string, string>> }): TimeZoneMap {
  return { default: config.default, accounts: lowerKeys(config.accounts), devices: lowerKeys(config.devices) };
}

/** The zone of a user on a device: the account's, else the device's (full name or host part), else the default. */
export function zoneFor(map: TimeZoneMap, account: string, deviceName: string): { zone: string; source: 'account' | 'device' | 'default' } {
  const acc = account.toLowerCase().replace(/^.*\\/, '');
  const a = map.accounts[acc] ?? map.accounts[acc.replace(/@.*$/, '')];
  if (a) return { zone: a, source: 'account' };
  const dev = deviceName.toLowerCase();
  const d = map.devices[dev] ?? map.devices[dev.split('.')[0] ?? dev];
  if (d) return { zone: d, source: 'device' };
  return { zone: map.default, source: 'default' };
}
