/**
 * Compares one documented cell (the docs' text) with one engine value (encoded per
 * src/engine/contract.ts) of a given KQL type. Returns undefined when they are equal under the
 * normalisation rules of test/conformance/README.md, else a short reason. Never throws.
 */
import type { EncodedValue } from '../../src/engine/contract.js';
import { matchRows } from './bipartite.js';
import { LenientNumber, type LenientValue, parseLenientJson } from './lenient-json.js';
import {
  type DocNumber, collapseWhitespace, isNullCell, normalizeText, parseDateTimeTicks, parseDocBool,
  parseDocNumber, parseTimespanTicks, stripWhitespace,
} from './normalize.js';

export type Mismatch = string | undefined;

export interface CellOptions {
  /** Compare dynamic arrays regardless of element order (results of set functions). */
  readonly unorderedArrays?: boolean;
}

const REL_TOLERANCE = 1e-6;
const ABS_TOLERANCE = 1e-9;

export function show(v: unknown): string {
  const s = typeof v === 'string' ? JSON.stringify(v) : v === undefined ? 'undefined' : Number.isNaN(v) ? 'NaN' : JSON.stringify(v) ?? String(v);
  return s.length > 120 ? `${s.slice(0, 117)}...` : s;
}

/**
 * Numbers: NaN equals NaN, infinities by sign, integers beyond 2^53 digit-exactly, otherwise
 * within max(1e-6 relative, 1e-9 absolute, the doc's printed precision): half a unit in the last
 * printed decimal when the doc shows 1-2 decimals (rounded by hand), one unit when it shows 3 or
 * more (long outputs are often truncated rather than rounded).
 */
export function compareNumber(expected: DocNumber, actual: number | string): Mismatch {
  const actualNum = typeof actual === 'number' ? parseDocNumber(String(actual)) ?? { value: actual, decimals: 0 } : parseDocNumber(actual);
  if (!actualNum) return `expected ${expected.value}, got non-number ${show(actual)}`;
  const e = expected.value;
  const a = actualNum.value;
  if (Number.isNaN(e) || Number.isNaN(a)) return Number.isNaN(e) && Number.isNaN(a) ? undefined : `expected ${e}, got ${a}`;
  if (!Number.isFinite(e) || !Number.isFinite(a)) return e === a ? undefined : `expected ${e}, got ${a}`;
  const big = 2 ** 53;
  if (expected.integerText !== undefined && actualNum.integerText !== undefined && (Math.abs(e) >= big || Math.abs(a) >= big)) {
    const exact = BigInt(expected.integerText) === BigInt(actualNum.integerText);
    // A double cannot hold these digits: fall through to the relative test when the engine sent a number.
    if (exact || typeof actual === 'string') return exact ? undefined : `expected ${expected.integerText}, got ${actualNum.integerText}`;
  }
  const printed = expected.decimals === 0 ? 0 : (expected.decimals < 3 ? 0.5 : 1) * 10 ** -expected.decimals;
  const tol = Math.max(REL_TOLERANCE * Math.max(Math.abs(a), Math.abs(e)), ABS_TOLERANCE, printed);
  return Math.abs(a - e) <= tol * (1 + 1e-12) ? undefined : `expected ${e}, got ${a}`;
}

function compareText(expected: string, actual: string): Mismatch {
  const e = normalizeText(expected).trim();
  const a = normalizeText(actual).trim();
  if (e === a) return undefined;
  if (/\n/.test(e) || /\n/.test(a)) {
    if (collapseWhitespace(e) === collapseWhitespace(a)) return undefined;
    if (/^[[{]/.test(e) && stripWhitespace(e) === stripWhitespace(a)) return undefined;
  }
  // A string column holding JSON text, printed pretty in the docs.
  if (/^[[{]/.test(e) && /^[[{]/.test(a)) {
    const pe = parseLenientJson(e);
    const pa = parseLenientJson(a);
    if (pe !== undefined && pa !== undefined && compareLenient(pe, lenientToEncoded(pa), '') === undefined) return undefined;
  }
  return `expected ${show(e)}, got ${show(a)}`;
}

function lenientToEncoded(v: LenientValue): EncodedValue {
  if (v instanceof LenientNumber) return v.value;
  if (Array.isArray(v)) return v.map(lenientToEncoded);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, lenientToEncoded(x)]));
  return v;
}

function at(path: string): string {
  return path === '' ? '' : ` at ${path}`;
}

/** Structural compare of a leniently parsed doc value with an engine dynamic value. */
export function compareLenient(expected: LenientValue, actual: EncodedValue, path: string, opts: CellOptions = {}): Mismatch {
  if (expected instanceof LenientNumber) {
    // A string is accepted only as the encoding of a long beyond 2^53.
    if (typeof actual !== 'number' && !(typeof actual === 'string' && /^-?\d{16,}$/.test(actual))) return `expected ${expected.text}, got ${show(actual)}${at(path)}`;
    const r = compareNumber(parseDocNumber(expected.text) ?? { value: expected.value, decimals: 0 }, actual);
    return r === undefined ? undefined : `${r}${at(path)}`;
  }
  if (expected === null || typeof expected === 'boolean') {
    return expected === actual ? undefined : `expected ${show(expected)}, got ${show(actual)}${at(path)}`;
  }
  if (typeof expected === 'string') {
    return typeof actual === 'string' && normalizeText(actual) === normalizeText(expected) ? undefined : `expected ${show(expected)}, got ${show(actual)}${at(path)}`;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `expected an array, got ${show(actual)}${at(path)}`;
    if (actual.length !== expected.length) return `expected ${expected.length} elements, got ${actual.length}${at(path)}`;
    for (let i = 0; i < expected.length; i++) {
      const r = compareLenient(expected[i]!, actual[i]!, `${path}[${i}]`, opts);
      if (r === undefined) continue;
      if (opts.unorderedArrays) {
        const m = matchRows(expected.length, actual.length, (a, b) => compareLenient(expected[a]!, actual[b]!, '', opts) === undefined);
        if (m.every((j) => j >= 0)) return undefined;
      }
      return r;
    }
    return undefined;
  }
  if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return `expected an object, got ${show(actual)}${at(path)}`;
  const ek = Object.keys(expected).sort();
  const ak = Object.keys(actual).sort();
  if (ek.join('\u0000') !== ak.join('\u0000')) return `expected keys ${show(ek)}, got ${show(ak)}${at(path)}`;
  for (const k of ek) {
    const r = compareLenient(expected[k]!, actual[k]!, `${path}.${k}`, opts);
    if (r !== undefined) return r;
  }
  return undefined;
}

/** Dynamic: the doc text parsed (leniently) as JSON and compared structurally. */
export function compareDynamic(expected: string, actual: EncodedValue, opts: CellOptions = {}): Mismatch {
  const parsed = parseLenientJson(normalizeText(expected).trim());
  if (parsed !== undefined) {
    const r = compareLenient(parsed, actual, '', opts);
    if (r === undefined) return undefined;
    if (typeof actual === 'string' && compareText(expected, actual) === undefined) return undefined;
    return r;
  }
  if (typeof actual === 'string') return compareText(expected, actual);
  if (stripWhitespace(expected) === stripWhitespace(JSON.stringify(actual))) return undefined;
  return `doc value is not JSON: ${show(expected)}; got ${show(actual)}`;
}

function compareTicks(kind: string, parse: (s: string) => bigint | undefined, expected: string, actual: string): Mismatch {
  const e = parse(expected);
  const a = parse(actual);
  if (e === undefined) return normalizeText(expected).trim() === actual ? undefined : `doc cell is not a ${kind}: ${show(expected)}; got ${show(actual)}`;
  if (a === undefined) return `engine value is not a ${kind}: ${show(actual)}`;
  return e === a ? undefined : `expected ${kind} ${show(expected)}, got ${show(actual)}`;
}

/**
 * One cell. `type` is the engine's column type; the JS type of the value decides first
 * (a boolean value is compared as a boolean whatever the declared type).
 */
export function compareCell(expected: string, actual: EncodedValue, type: string, opts: CellOptions = {}): Mismatch {
  if (isNullCell(expected)) {
    if (actual === null || actual === '') return undefined;
    if (expected.trim() === '') return `expected empty/null, got ${show(actual)}`;
  }
  if (actual === null) return `expected ${show(expected)}, got null`;
  if (typeof actual === 'boolean') {
    const b = parseDocBool(expected);
    return b === actual ? undefined : `expected ${show(expected)}, got ${actual}`;
  }
  if (typeof actual === 'number' || (typeof actual === 'string' && ['int', 'long', 'real', 'decimal'].includes(type))) {
    const e = parseDocNumber(expected);
    if (e === undefined) {
      const b = parseDocBool(expected);
      if (b !== undefined && (actual === 0 || actual === 1)) return b === (actual === 1) ? undefined : `expected ${show(expected)}, got ${actual}`;
      return String(actual) === expected.trim() ? undefined : `doc cell is not a number: ${show(expected)}; got ${show(actual)}`;
    }
    return compareNumber(e, actual);
  }
  if (typeof actual === 'string') {
    switch (type) {
      case 'datetime': return compareTicks('datetime', parseDateTimeTicks, expected, actual);
      case 'timespan': return compareTicks('timespan', parseTimespanTicks, expected, actual);
      case 'guid': return expected.trim().toLowerCase() === actual.toLowerCase() ? undefined : `expected ${show(expected)}, got ${show(actual)}`;
      case 'dynamic': return compareDynamic(expected, actual, opts);
      default: return compareText(expected, actual);
    }
  }
  return compareDynamic(expected, actual, opts);
}
