/**
 * Literal values from the binder into IR payloads: long as decimal text (64-bit exact), datetime
 * as epoch microseconds text, timespan as ticks text, dynamic as JSON text.
 */
import { timespanTicks, type KNode } from '../bridge/syntax.js';
import { lit, type Literal } from '../ir/scalar.js';
import type { KqlType } from '../ir/types.js';
import { LowerError } from './context.js';

/**
 * Parses Kusto datetime literal text (ISO-8601 and 'yyyy-MM-dd HH:mm:ss.fffffff' forms, spaces
 * around the date's '-' allowed as Kusto does) to epoch µs. With `ticks`, a non-zero 7th fractional
 * digit (Kusto's 100 ns tick) is kept as `<µs>+<digit>` (see DATETIME_TICK in ir/scalar.ts).
 */
export function parseDatetimeText(raw: string, ticks = false): string | null {
  const t = raw.trim();
  if (t === '' || t.toLowerCase() === 'null') return null;
  const m = /^(\d{4})\s*-\s*(\d{1,2})\s*-\s*(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(t);
  if (m) {
    const [, y, mo, d, h, mi, s, frac, zone] = m;
    let ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0));
    if (zone && zone.toUpperCase() !== 'Z') {
      const sign = zone.startsWith('-') ? -1 : 1;
      const digits = zone.slice(1).replace(':', '');
      ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60000;
    }
    const micros = BigInt(ms) * 1000n + BigInt((frac ?? '').padEnd(7, '0').slice(0, 6) || '0');
    const tick = (frac ?? '').padEnd(7, '0')[6]!;
    return ticks && tick !== '0' ? `${micros}+${tick}` : micros.toString();
  }
  const us = /^(\d{1,2})[-/](\d{1,2})[-/](\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(t);
  if (us) return (BigInt(Date.UTC(Number(us[3]), Number(us[1]) - 1, Number(us[2]), Number(us[4] ?? 0), Number(us[5] ?? 0), Number(us[6] ?? 0))) * 1000n).toString();
  const parsed = Date.parse(t.endsWith('Z') || /GMT|UTC|[+-]\d{4}$/.test(t) ? t : `${t} UTC`);
  if (Number.isNaN(parsed)) return null;
  return (BigInt(parsed) * 1000n).toString();
}

function valueText(node: KNode): string {
  return node.LiteralValueInfo?.ValueText ?? node.ToString().trim();
}

/**
 * Ticks of a `time(…)`/`timespan(…)` literal in clock form `[-][d.]hh:mm[:ss[.f…]]`, read from its
 * text: the parser's value loses some of them (time(29.09:00:05.12345) comes back as 0).
 */
function clockTimespanTicks(raw: string): bigint | null {
  const inner = raw.trim().replace(/^(?:time|timespan)\((.*)\)$/i, '$1').trim();
  const m = /^(-)?(?:(\d+)\.)?(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?$/.exec(inner);
  if (!m) return null;
  const [, neg, d, h, mi, sec, frac] = m;
  const secs = BigInt(d ?? 0) * 86400n + BigInt(h!) * 3600n + BigInt(mi!) * 60n + BigInt(sec ?? 0);
  const ticks = secs * 10_000_000n + BigInt((frac ?? '').padEnd(7, '0'));
  return neg ? -ticks : ticks;
}

export function literalFor(node: KNode, type: KqlType): Literal {
  const v = node.LiteralValue;
  const raw = valueText(node);
  if (v === null || v === undefined || raw.toLowerCase() === 'null') {
    if (type === 'string') return lit(typeof v === 'string' ? v : '', 'string');
    return lit(null, type);
  }
  switch (type) {
    case 'string': return lit(typeof v === 'string' ? v : String(v), 'string');
    case 'bool': return lit(/^(true|1)$/i.test(raw), 'bool');
    case 'int':
    case 'long': {
      const text = raw.replace(/^(int|long)\((.*)\)$/i, '$2').trim();
      try { return lit(BigInt(text).toString(), type); } catch { return lit(String(v), type); }
    }
    case 'real':
    case 'decimal': {
      const text = raw.replace(/^(real|double|decimal)\((.*)\)$/i, '$2').trim().toLowerCase();
      if (text === 'nan') return lit('NaN', type);
      if (text === 'inf' || text === '+inf') return lit('Infinity', type);
      if (text === '-inf') return lit('-Infinity', type);
      return lit(Number(text), type);
    }
    case 'datetime': {
      const micros = parseDatetimeText(raw.replace(/^(datetime|date)\((.*)\)$/i, '$2'), true);
      if (micros === null) throw new LowerError(`not supported: datetime literal ${raw}`, node);
      return lit(micros, 'datetime');
    }
    case 'timespan': {
      const ticks = clockTimespanTicks(raw) ?? timespanTicks(v);
      if (ticks === null) throw new LowerError(`not supported: timespan literal ${raw}`, node);
      return lit(ticks.toString(), 'timespan');
    }
    case 'guid': return lit(raw.replace(/^guid\((.*)\)$/i, '$1').trim(), 'guid');
    case 'dynamic': return lit(typeof v === 'string' ? v : JSON.stringify(v), 'dynamic');
  }
}
