/**
 * Result encoding to the contract formats (contract.ts): datetime `YYYY-MM-DDTHH:MM:SS[.fffffff]Z`,
 * timespan `[-][d.]hh:mm:ss[.fffffff]`, dynamic as parsed JSON, long beyond 2^53 as a digit string.
 */
import type { KqlType } from '../schema/kql-types.js';
import type { EncodedValue } from './contract.js';

const pad = (n: number | bigint, w: number) => String(n).padStart(w, '0');

/**
 * Epoch microseconds (plus 0–9 ticks of 100 ns below the microsecond) → ISO-8601 UTC with 7
 * fractional digits when the fraction is non-zero.
 */
export function formatDatetime(micros: bigint, ticks = 0n): string {
  const ms = Number(micros / 1000n) - (micros % 1000n < 0n ? 1 : 0);
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return String(micros);
  let frac = ((micros % 1000000n) + 1000000n) % 1000000n;
  const base = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}T${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}`;
  if (frac === 0n && ticks === 0n) return `${base}Z`;
  frac = frac * 10n + ticks;
  return `${base}.${pad(frac, 7)}Z`;
}

/** Ticks (100 ns) → `[-][d.]hh:mm:ss[.fffffff]`. */
export function formatTimespan(ticks: bigint): string {
  const neg = ticks < 0n;
  let t = neg ? -ticks : ticks;
  const frac = t % 10000000n;
  t /= 10000000n;
  const s = t % 60n; t /= 60n;
  const m = t % 60n; t /= 60n;
  const h = t % 24n;
  const days = t / 24n;
  return `${neg ? '-' : ''}${days > 0n ? `${days}.` : ''}${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}${frac > 0n ? `.${pad(frac, 7)}` : ''}`;
}

function toBigInt(v: unknown): bigint | null {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? BigInt(Math.trunc(v)) : null;
  if (v && typeof v === 'object' && 'micros' in v) return BigInt((v as { micros: bigint }).micros);
  return v == null ? null : BigInt(String(v));
}

export function encodeValue(v: unknown, type: KqlType): EncodedValue {
  if (v === null || v === undefined) return type === 'string' ? '' : null;
  switch (type) {
    case 'string': return String(v);
    case 'guid': return String(v);
    case 'bool': return Boolean(v);
    case 'int': case 'long': {
      const b = toBigInt(v);
      if (b === null) return null;
      return b <= BigInt(Number.MAX_SAFE_INTEGER) && b >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(b) : b.toString();
    }
    case 'real': case 'decimal': return typeof v === 'number' ? v : Number(String(v));
    case 'datetime': {
      // TIMESTAMP_NS values (endof*(), 7-digit literals) keep Kusto's 100 ns ticks.
      if (v && typeof v === 'object' && 'nanos' in v) {
        const nanos = BigInt((v as { nanos: bigint }).nanos);
        const micros = nanos / 1000n - (nanos % 1000n < 0n ? 1n : 0n);
        return formatDatetime(micros, (nanos - micros * 1000n) / 100n);
      }
      // Uncast datetimes of a nanosecond query may also be DATE values (days since the epoch).
      if (v && typeof v === 'object' && 'days' in v) return formatDatetime(BigInt((v as { days: number }).days) * 86_400_000_000n);
      const micros = toBigInt(v);
      return micros === null ? null : formatDatetime(micros);
    }
    case 'timespan': {
      const ticks = toBigInt(v);
      return ticks === null ? null : formatTimespan(ticks);
    }
    case 'dynamic': {
      const s = String(v);
      try { return JSON.parse(s) as EncodedValue; } catch { return s; }
    }
  }
}

/**
 * SQL for one output column so that DuckDB returns a value encodeValue understands. `nanos`: the
 * query computes some datetimes as TIMESTAMP_NS (sub-microsecond ticks), so datetimes are returned
 * as they are (TIMESTAMP or TIMESTAMP_NS, both encoded) instead of being cut to microseconds.
 */
export function outputCast(sql: string, type: KqlType, nanos = false): string {
  switch (type) {
    // Not cast to TIMESTAMP_NS: its range (1677–2262) is narrower than Kusto's datetime.
    case 'datetime': return nanos ? sql : `CAST(${sql} AS TIMESTAMP)`;
    case 'dynamic': return `CAST(${sql} AS VARCHAR)`;
    case 'guid': return `CAST(${sql} AS VARCHAR)`;
    case 'string': return `coalesce(CAST(${sql} AS VARCHAR), '')`;
    case 'long': case 'timespan': return `CAST(${sql} AS BIGINT)`;
    case 'int': return `CAST(${sql} AS INTEGER)`;
    case 'real': case 'decimal': return `CAST(${sql} AS DOUBLE)`;
    case 'bool': return `CAST(${sql} AS BOOLEAN)`;
  }
}
