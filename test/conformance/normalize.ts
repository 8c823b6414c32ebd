/**
 * Normalises the text of a documented cell (and the engine's encoded strings) into comparable
 * values: numbers with their printed precision, booleans, datetimes and timespans as BigInt ticks
 * (100 ns units, like Kusto), null words. Every parser returns undefined when the text is not of
 * that kind, never throws.
 */

export const TICKS_PER_MS = 10_000n;
export const TICKS_PER_SECOND = 10_000_000n;

export interface DocNumber {
  readonly value: number;
  /** Digits-only integer text when the number is an integer (for exact compare beyond 2^53). */
  readonly integerText?: string;
  /** Decimal places the text shows (mantissa decimals minus exponent); 0 for integers. */
  readonly decimals: number;
}

const NUMBER_RE = /^([-+]?)(\d+)?(?:\.(\d*))?(?:[eE]([-+]?\d+))?$/;
const THOUSANDS_RE = /^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/;

/** Parses a number as the docs print it: `1.0`, `2.2E-05`, `1,048,576`, `NaN`, `∞`, `-Infinity`. */
export function parseDocNumber(raw: string): DocNumber | undefined {
  let text = raw.trim();
  if (text === '') return undefined;
  if (THOUSANDS_RE.test(text)) text = text.replace(/,/g, '');
  const special = /^([-+]?)(∞|Infinity|inf|NaN)$/i.exec(text);
  if (special) {
    const v = special[2]!.toLowerCase() === 'nan' ? NaN : special[1] === '-' ? -Infinity : Infinity;
    return { value: v, decimals: 0 };
  }
  const m = NUMBER_RE.exec(text);
  if (!m || (m[2] === undefined && !m[3])) return undefined;
  const frac = m[3] ?? '';
  const exp = m[4] === undefined ? 0 : Number(m[4]);
  const value = Number(text);
  if (!Number.isFinite(value) && !Number.isNaN(value)) return { value, decimals: 0 };
  const decimals = Math.max(0, frac.length - exp);
  const isInteger = m[4] === undefined && /^0*$/.test(frac);
  const digits = (m[2] ?? '0').replace(/^0+(?=\d)/, '');
  return isInteger ? { value, decimals: 0, integerText: (m[1] === '-' && digits !== '0' ? '-' : '') + digits } : { value, decimals };
}

/** Booleans as the docs print them: true/True/TRUE/1 and false/False/FALSE/0. */
export function parseDocBool(raw: string): boolean | undefined {
  const t = raw.trim().toLowerCase();
  if (t === 'true' || t === '1') return true;
  if (t === 'false' || t === '0') return false;
  return undefined;
}

function fractionTicks(frac: string | undefined): bigint {
  if (!frac) return 0n;
  return BigInt(frac.slice(0, 7).padEnd(7, '0'));
}

const DATETIME_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(Z|[+-]00:?00)?$/;

/**
 * A datetime as an instant in ticks since the Unix epoch: `2021-01-01 00:00:00.0000000`,
 * `2021-01-01T00:00:00Z`, `2021-01-01T00:00:00.0000000Z`, `2021-01-01`. All read as UTC.
 */
export function parseDateTimeTicks(raw: string): bigint | undefined {
  const m = DATETIME_RE.exec(raw.trim());
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((x) => Number(x ?? 0)) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return undefined;
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(h, mi, s, 0);
  return BigInt(date.getTime()) * TICKS_PER_MS + fractionTicks(m[7]);
}

const TIMESPAN_RE = /^(-)?(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d+))?$/;
const TIMESPAN_DAYS_COLON_RE = /^(-)?(\d+):(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?$/;
const TIMESPAN_LITERAL_RE = /^(-)?(\d+(?:\.\d+)?)\s*(d|h|m|s|ms|microseconds?|ticks?)$/;
const LITERAL_UNIT_TICKS: Record<string, number> = {
  d: 864e9, h: 36e9, m: 6e8, s: 1e7, ms: 1e4, microsecond: 10, microseconds: 10, tick: 1, ticks: 1,
};

/**
 * A timespan in ticks: `[-][d.]hh:mm:ss[.fffffff]`, the doc's `d:hh:mm:ss` (e.g. `14:00:00:00`
 * = 14 days), and KQL literals such as `1.5h` or `30m`.
 */
export function parseTimespanTicks(raw: string): bigint | undefined {
  const t = raw.trim();
  const m = TIMESPAN_RE.exec(t) ?? TIMESPAN_DAYS_COLON_RE.exec(t);
  if (m) {
    const [days, h, mi, s] = [m[2], m[3], m[4], m[5]].map((x) => BigInt(x ?? 0)) as [bigint, bigint, bigint, bigint];
    if (mi > 59n || s > 59n) return undefined;
    const ticks = (((days * 24n + h) * 60n + mi) * 60n + s) * TICKS_PER_SECOND + fractionTicks(m[6]);
    return m[1] ? -ticks : ticks;
  }
  const lit = TIMESPAN_LITERAL_RE.exec(t);
  if (lit) {
    const ticks = BigInt(Math.round(Number(lit[2]) * LITERAL_UNIT_TICKS[lit[3]!]!));
    return lit[1] ? -ticks : ticks;
  }
  return undefined;
}

/** Doc cells that stand for null: empty, `null`, `(null)`. */
export function isNullCell(raw: string): boolean {
  const t = raw.trim();
  return t === '' || t === 'null' || t === '(null)';
}

/** Text as compared after exact equality fails: NBSP → space, CRLF → LF. */
export function normalizeText(s: string): string {
  return s.replace(/\u00a0/g, ' ').replace(/\r\n/g, '\n');
}

/** Whitespace-insensitive form for multi-line cells (`<br>` conversions, pretty-printed JSON). */
export function collapseWhitespace(s: string): string {
  return normalizeText(s).replace(/\s+/g, ' ').trim();
}

/** Text with all whitespace removed: the last resort for pretty-printed values. */
export function stripWhitespace(s: string): string {
  return normalizeText(s).replace(/\s+/g, '');
}
