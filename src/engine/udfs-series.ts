/**
 * series_* functions as one pure JavaScript UDF, `harrier_series(name, args)`: `name` is a
 * compile-time constant chosen by the catalog (src/kql/functions/series.ts), `args` the JSON array
 * of the call's compiled arguments. The result is JSON text ('null' when Kusto gives null).
 * Semantics follow the KQL reference: array elements that are not numbers are null in element-wise
 * results; binary functions accept a scalar in place of either array (it is repeated); arrays of
 * different lengths give a result as long as the longer one, missing elements null.
 * Pure: no files, no network, no clock.
 */

type Num = number | null;

interface Series {
  readonly vals: Num[];
  /** Every number element is written as an integer (Kusto's long elements). */
  readonly allInt: boolean;
}

const NUM = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/;

/** A flat JSON array's elements as numbers (anything else: null), keeping whether all are integers. */
function series(text: string): Series | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (!Array.isArray(parsed)) return null;
  const vals = parsed.map((v) => (typeof v === 'number' && Number.isFinite(v) ? v : null));
  // Whether the numbers were written as integers: scan the raw top-level tokens.
  let allInt = true;
  const tokens = text.match(/-?\d+(\.\d+)?([eE][+-]?\d+)?|"(?:[^"\\]|\\.)*"/g) ?? [];
  for (const t of tokens) if (NUM.test(t) && /[.eE]/.test(t)) allInt = false;
  return { vals, allInt };
}

type Arg = { kind: 'series'; s: Series } | { kind: 'scalar'; v: Num; isInt: boolean };

function arg(raw: unknown, text: string | undefined): Arg {
  if (Array.isArray(raw)) return { kind: 'series', s: series(text ?? JSON.stringify(raw)) ?? { vals: [], allInt: true } };
  const v = typeof raw === 'number' && Number.isFinite(raw) ? raw : null;
  return { kind: 'scalar', v, isInt: v !== null && Number.isInteger(v) && !(text ?? '').includes('.') };
}

const at = (a: Arg, i: number): Num => (a.kind === 'series' ? (a.s.vals[i] ?? null) : a.v);
const len = (a: Arg): number => (a.kind === 'series' ? a.s.vals.length : 0);
const isIntArg = (a: Arg): boolean => (a.kind === 'series' ? a.s.allInt : a.isInt);

/** Kusto long arithmetic truncates toward zero. */
const trunc = (v: number) => (v < 0 ? Math.ceil(v) : Math.floor(v));

function binary(op: (x: number, y: number) => number | boolean | null, intResult: 'keep' | 'real' | 'bool') {
  return (a: Arg, b: Arg): unknown[] | null => {
    if (a.kind === 'scalar' && b.kind === 'scalar') return null;
    const n = Math.max(len(a), len(b));
    const ints = intResult === 'keep' && isIntArg(a) && isIntArg(b);
    const out: unknown[] = [];
    for (let i = 0; i < n; i++) {
      const x = at(a, i);
      const y = at(b, i);
      if (x === null || y === null) { out.push(null); continue; }
      const r = op(x, y);
      out.push(typeof r === 'number' ? (Number.isFinite(r) ? (ints ? trunc(r) : r) : null) : r);
    }
    return out;
  };
}

const unary = (f: (x: number) => number) => (a: Arg): unknown[] | null =>
  a.kind === 'series' ? a.s.vals.map((x) => {
    if (x === null) return null;
    const r = f(x);
    return Number.isFinite(r) ? r : null;
  }) : null;

function nums(a: Arg): number[] | null {
  return a.kind === 'series' ? (a.s.vals.filter((v) => v !== null) as number[]) : null;
}

/** Paired numeric elements of two series (a scalar is repeated); pairs with a null are skipped. */
function pairs(a: Arg, b: Arg): Array<[number, number]> {
  const n = a.kind === 'series' && b.kind === 'series' ? Math.min(len(a), len(b)) : Math.max(len(a), len(b));
  const out: Array<[number, number]> = [];
  for (let i = 0; i < n; i++) {
    const x = at(a, i);
    const y = at(b, i);
    if (x !== null && y !== null) out.push([x, y]);
  }
  return out;
}

function median(v: number[]): number {
  const s = [...v].sort((p, q) => p - q);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function stats(a: Arg): Record<string, number | null> | null {
  if (a.kind !== 'series') return null;
  let min: number | null = null, max: number | null = null, minIdx = -1, maxIdx = -1, sum = 0, n = 0;
  a.s.vals.forEach((v, i) => {
    if (v === null) return;
    if (min === null || v < min) { min = v; minIdx = i; }
    if (max === null || v > max) { max = v; maxIdx = i; }
    sum += v; n++;
  });
  const avg = n ? sum / n : null;
  let ss = 0;
  for (const v of a.s.vals) if (v !== null) ss += (v - avg!) ** 2;
  const variance = n > 1 ? ss / (n - 1) : n === 1 ? 0 : null;
  return {
    min, min_idx: n ? minIdx : null, max, max_idx: n ? maxIdx : null, avg,
    stdev: variance === null ? null : Math.sqrt(variance), variance, sum: n ? sum : null, len: a.s.vals.length,
  };
}

/** y[n] = (Σ b[k]·x[n−k] − Σ_{k≥1} a[k]·y[n−k]) / a[0]; missing x values count as 0. */
function iir(x: Arg, b: Arg, a: Arg): unknown[] | null {
  if (x.kind !== 'series' || b.kind !== 'series' || a.kind !== 'series') return null;
  const bs = b.s.vals.map((v) => v ?? 0);
  const as = a.s.vals.map((v) => v ?? 0);
  if (as.length === 0 || as[0] === 0 || bs.length === 0) return null;
  const y: number[] = [];
  const xs = x.s.vals.map((v) => v ?? 0);
  for (let n = 0; n < xs.length; n++) {
    let acc = 0;
    for (let k = 0; k < bs.length && k <= n; k++) acc += bs[k]! * xs[n - k]!;
    for (let k = 1; k < as.length && k <= n; k++) acc -= as[k]! * y[n - k]!;
    y.push(acc / as[0]!);
  }
  return y;
}

function fillLinear(a: Arg, fillEdges: boolean, constant: number): unknown[] | null {
  if (a.kind !== 'series') return null;
  const v = a.s.vals;
  const known = v.map((x, i) => (x === null ? -1 : i)).filter((i) => i >= 0);
  if (known.length === 0) return v.map(() => constant);
  const out: Num[] = [...v];
  for (let k = 0; k + 1 < known.length; k++) {
    const i = known[k]!, j = known[k + 1]!;
    for (let m = i + 1; m < j; m++) {
      const r = v[i]! + ((v[j]! - v[i]!) * (m - i)) / (j - i);
      // Kusto truncates between long elements but not between whole reals (111.0); the dynamic
      // representation keeps no such distinction, so an ambiguous result is refused.
      if (a.s.allInt && !Number.isInteger(r)) {
        throw new Error('not supported: series_fill_linear() interpolating between whole-number elements (long and whole real elements are not distinguished)');
      }
      out[m] = r;
    }
  }
  if (fillEdges) {
    for (let m = 0; m < known[0]!; m++) out[m] = v[known[0]!]!;
    for (let m = known[known.length - 1]! + 1; m < v.length; m++) out[m] = v[known[known.length - 1]!]!;
  }
  return out;
}

function seasonal(a: Arg, period: number): unknown[] | null {
  if (a.kind !== 'series') return null;
  const v = a.s.vals;
  if (!(period > 0) || !Number.isInteger(period)) return v.map(() => 0);
  const meds: number[] = [];
  for (let p = 0; p < period; p++) {
    const phase: number[] = [];
    for (let i = p; i < v.length; i += period) if (v[i] !== null) phase.push(v[i]!);
    meds.push(phase.length ? median(phase) : 0);
  }
  return v.map((_, i) => meds[i % period]!);
}

const sign = (x: number) => (x > 0 ? 1 : x < 0 ? -1 : 0);

type Impl = (args: Arg[], raw: unknown[]) => unknown;

const IMPLS: Record<string, Impl> = {
  series_abs: ([a]) => unary(Math.abs)(a!),
  series_acos: ([a]) => unary(Math.acos)(a!),
  series_asin: ([a]) => unary(Math.asin)(a!),
  series_atan: ([a]) => unary(Math.atan)(a!),
  series_ceiling: ([a]) => unary(Math.ceil)(a!),
  series_cos: ([a]) => unary(Math.cos)(a!),
  series_exp: ([a]) => unary(Math.exp)(a!),
  series_floor: ([a]) => unary(Math.floor)(a!),
  series_log: ([a]) => unary(Math.log)(a!),
  series_sign: ([a]) => unary(sign)(a!),
  series_sin: ([a]) => unary(Math.sin)(a!),
  series_tan: ([a]) => unary(Math.tan)(a!),
  series_add: ([a, b]) => binary((x, y) => x + y, 'keep')(a!, b!),
  series_subtract: ([a, b]) => binary((x, y) => x - y, 'keep')(a!, b!),
  series_multiply: ([a, b]) => binary((x, y) => x * y, 'keep')(a!, b!),
  series_divide: ([a, b]) => binary((x, y) => (y === 0 ? null : x / y), 'real')(a!, b!),
  series_pow: ([a, b]) => binary((x, y) => x ** y, 'real')(a!, b!),
  series_equals: ([a, b]) => binary((x, y) => x === y, 'bool')(a!, b!),
  series_not_equals: ([a, b]) => binary((x, y) => x !== y, 'bool')(a!, b!),
  series_greater: ([a, b]) => binary((x, y) => x > y, 'bool')(a!, b!),
  series_greater_equals: ([a, b]) => binary((x, y) => x >= y, 'bool')(a!, b!),
  series_less: ([a, b]) => binary((x, y) => x < y, 'bool')(a!, b!),
  series_less_equals: ([a, b]) => binary((x, y) => x <= y, 'bool')(a!, b!),
  series_sum: ([a]) => nums(a!)?.reduce((s, x) => s + x, 0) ?? null,
  series_product: ([a]) => nums(a!)?.reduce((s, x) => s * x, 1) ?? null,
  series_dot_product: ([a, b]) => {
    if (a!.kind === 'scalar' && b!.kind === 'scalar') return null;
    return pairs(a!, b!).reduce((s, [x, y]) => s + x * y, 0);
  },
  series_cosine_similarity: ([a, b]) => {
    if (a!.kind !== 'series' || b!.kind !== 'series') return null;
    let d = 0, na = 0, nb = 0;
    for (const [x, y] of pairs(a!, b!)) { d += x * y; na += x * x; nb += y * y; }
    return na > 0 && nb > 0 ? d / Math.sqrt(na * nb) : null;
  },
  series_pearson_correlation: ([a, b]) => {
    if (a!.kind !== 'series' || b!.kind !== 'series') return null;
    const p = pairs(a!, b!);
    if (p.length < 2) return null;
    const mx = p.reduce((s, [x]) => s + x, 0) / p.length;
    const my = p.reduce((s, [, y]) => s + y, 0) / p.length;
    let sxy = 0, sxx = 0, syy = 0;
    for (const [x, y] of p) { sxy += (x - mx) * (y - my); sxx += (x - mx) ** 2; syy += (y - my) ** 2; }
    return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : null;
  },
  series_stats_dynamic: ([a]) => stats(a!),
  series_iir: ([x, b, a]) => iir(x!, b!, a!),
  series_fill_const: ([a, c, placeholder], raw) => {
    if (a!.kind !== 'series') return null;
    const fill = raw[1] ?? null;
    const ph = placeholder && placeholder.kind === 'scalar' ? placeholder.v : null;
    const src = raw[0] as unknown[];
    void c;
    return src.map((v) => (v === null || (ph !== null && v === ph) ? fill : v));
  },
  series_fill_forward: ([a]) => {
    if (a!.kind !== 'series') return null;
    let last: unknown = null;
    return (a!.s.vals).map((v) => (v === null ? last : (last = v)));
  },
  series_fill_backward: ([a]) => {
    if (a!.kind !== 'series') return null;
    let next: unknown = null;
    return [...a!.s.vals].reverse().map((v) => (v === null ? next : (next = v))).reverse();
  },
  series_fill_linear: ([a, , , constant], raw) => {
    const fillEdges = raw[2] === undefined || raw[2] === null || raw[2] === true;
    return fillLinear(a!, fillEdges, constant && constant.kind === 'scalar' && constant.v !== null ? constant.v : 0);
  },
  series_seasonal: ([a, p]) => seasonal(a!, p && p.kind === 'scalar' && p.v !== null ? p.v : -1),
};

export const SERIES_UDF_FUNCTIONS: readonly string[] = Object.keys(IMPLS);

/** Splits the top-level elements of a JSON array text, keeping each element's exact text. */
function topLevelTexts(text: string): string[] {
  const out: string[] = [];
  let depth = 0, start = 1, inStr = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inStr) { if (c === '\\') i++; else if (c === '"') inStr = false; continue; }
    if (c === '"') inStr = true;
    else if (c === '[' || c === '{') { if (depth++ === 0) start = i + 1; }
    else if (c === ']' || c === '}') { if (--depth === 0) { const t = text.slice(start, i).trim(); if (t) out.push(t); } }
    else if (c === ',' && depth === 1) { out.push(text.slice(start, i).trim()); start = i + 1; }
  }
  return out;
}

/** harrier_series(name, argsJson): JSON text of the result, 'null' when Kusto gives null. */
export function seriesUdf(name: string, argsJson: string): string {
  const impl = IMPLS[name];
  if (!impl) return 'null';
  let raw: unknown[];
  try {
    raw = JSON.parse(argsJson) as unknown[];
  } catch {
    return 'null';
  }
  const texts = topLevelTexts(argsJson);
  // The fill/iir functions need the raw elements (booleans from true/false are not numbers).
  const args = raw.map((r, i) => arg(r, texts[i]));
  const res = impl(args, raw);
  return res === undefined ? 'null' : JSON.stringify(res);
}
