/**
 * The only way rule data (list values, exclusions, lookback) enters rule KQL: as KQL literals
 * built here. Strings are double-quoted with backslash escapes; characters KQL string literals
 * cannot carry safely (other control characters) are refused rather than passed through.
 */
import { LOOKBACK_RE, PARAM_NAME_RE } from './rule-schema.js';

const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

export class KqlLiteralError extends Error {}

/** A KQL string literal whose value is exactly `value`. */
export function kqlString(value: string): string {
  let out = '"';
  for (const ch of value) {
    const esc = ESCAPES[ch];
    if (esc !== undefined) out += esc;
    else if (/[\u0000-\u001f\u007f\u2028\u2029]/.test(ch)) throw new KqlLiteralError(`string contains control character U+${ch.codePointAt(0)!.toString(16).padStart(4, '0')}`);
    else out += ch;
  }
  return `${out}"`;
}

/** `dynamic(["a", "b"])`: a dynamic array of strings, usable with `in`, `has_any`, `in~`. */
export function kqlDynamicStrings(values: readonly string[]): string {
  return `dynamic([${values.map(kqlString).join(', ')}])`;
}

/** A timespan literal such as `72h`; only the single-unit form the rule schema accepts. */
export function kqlTimespan(value: string): string {
  if (!LOOKBACK_RE.test(value)) throw new KqlLiteralError(`not a timespan literal: ${JSON.stringify(value)}`);
  return value;
}

/** `datetime(2024-01-15T22:27:03.000Z)`. */
export function kqlDatetime(value: Date): string {
  if (Number.isNaN(value.getTime())) throw new KqlLiteralError('invalid date');
  return `datetime(${value.toISOString()})`;
}

/** `let Name = <literal>;` for a validated identifier. */
export function kqlLet(name: string, literal: string): string {
  if (!PARAM_NAME_RE.test(name)) throw new KqlLiteralError(`not a KQL identifier: ${JSON.stringify(name)}`);
  return `let ${name} = ${literal};`;
}

/** Milliseconds in a timespan literal accepted by `kqlTimespan`. */
export function timespanMs(value: string): number {
  const m = /^(\d+(?:\.\d+)?)(d|h|m|s|ms)$/.exec(kqlTimespan(value));
  const unit = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000, ms: 1 }[m![2] as 'd' | 'h' | 'm' | 's' | 'ms'];
  return Number(m![1]) * unit;
}
