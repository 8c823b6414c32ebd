/**
 * Exact stand-ins for Kusto's sketches and a few aggregate helpers, as one pure JavaScript UDF
 * `harrier_sketch(op, argsJson)` (catalog: src/kql/functions/sketches.ts). `op` is a catalog
 * constant, `argsJson` a JSON array; the result is JSON text ('null' for null).
 *
 * - tdigest state: `{"tdigest_exact": [[value, weight], …]}`, the exact weighted multiset, so
 *   percentile_tdigest/rank_tdigest give exact answers (Kusto's are estimates).
 * - hll state: `{"hll_exact": [value, …]}`, the exact distinct values, so dcount_hll is exact.
 * - weighted percentile: nearest rank, the smallest value whose cumulative weight reaches p% of
 *   the total weight.
 * - buildschema: the union of the JSON types of the values (see `schemaOf`).
 * Pure: no files, no network, no clock.
 */

type Pair = [number, number];

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function digest(v: unknown): Pair[] | null {
  if (!isObj(v) || !Array.isArray(v['tdigest_exact'])) return null;
  return (v['tdigest_exact'] as unknown[]).filter((p): p is Pair => Array.isArray(p) && typeof p[0] === 'number' && typeof p[1] === 'number');
}

function distinctValues(v: unknown): unknown[] | null {
  if (!isObj(v) || !Array.isArray(v['hll_exact'])) return null;
  return v['hll_exact'] as unknown[];
}

/** Nearest-rank weighted percentile (p in 0..100); null for no positive weight. */
export function weightedPercentile(pairs: readonly Pair[], p: number): number | null {
  const items = pairs.filter(([, w]) => w > 0).sort((a, b) => a[0] - b[0]);
  const total = items.reduce((s, [, w]) => s + w, 0);
  if (!(total > 0) || !(p >= 0 && p <= 100)) return null;
  const target = (p / 100) * total;
  let cum = 0;
  for (const [v, w] of items) {
    cum += w;
    if (cum >= target) return v;
  }
  return items[items.length - 1]![0];
}

function mergeDigests(states: readonly unknown[]): unknown {
  const parts = states.map(digest).filter((d): d is Pair[] => d !== null);
  return parts.length ? { tdigest_exact: parts.flat() } : null;
}

function mergeHll(states: readonly unknown[]): unknown {
  const parts = states.map(distinctValues).filter((d): d is unknown[] => d !== null);
  if (!parts.length) return null;
  const seen = new Map<string, unknown>();
  for (const v of parts.flat()) seen.set(JSON.stringify(v), v);
  return { hll_exact: [...seen.values()] };
}

/**
 * buildschema: a leaf's type name (long, double, string, bool), an object as `{key: schema}`,
 * an array as `{"`indexer`": schema of its elements}`; a key seen with several types lists them in
 * order of first appearance (one type: just that type). Nulls add nothing.
 */
type Schema = { types: Array<string | Map<string, Schema>> };

function addType(s: Schema, v: unknown): void {
  if (v === null || v === undefined) return;
  let obj: Map<string, Schema> | undefined;
  const addObj = () => {
    obj = s.types.find((t): t is Map<string, Schema> => t instanceof Map);
    if (!obj) { obj = new Map(); s.types.push(obj); }
    return obj;
  };
  if (Array.isArray(v)) {
    const o = addObj();
    const idx = o.get('`indexer`') ?? { types: [] };
    o.set('`indexer`', idx);
    for (const e of v) addType(idx, e);
    return;
  }
  if (isObj(v)) {
    const o = addObj();
    for (const [k, e] of Object.entries(v)) {
      const child = o.get(k) ?? { types: [] };
      o.set(k, child);
      addType(child, e);
    }
    return;
  }
  const name = typeof v === 'string' ? 'string' : typeof v === 'boolean' ? 'bool' : Number.isInteger(v) ? 'long' : 'double';
  if (!s.types.includes(name)) s.types.push(name);
}

function render(s: Schema): unknown {
  const one = (t: string | Map<string, Schema>): unknown => (typeof t === 'string' ? t : Object.fromEntries([...t].map(([k, c]) => [k, render(c)])));
  return s.types.length === 1 ? one(s.types[0]!) : s.types.map(one);
}

export function buildSchema(values: readonly unknown[]): unknown {
  const s: Schema = { types: [] };
  for (const v of values) addType(s, v);
  return s.types.length ? render(s) : null;
}

type Op = (args: unknown[]) => unknown;

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export const SKETCH_OPS: Readonly<Record<string, Op>> = {
  /** args: [[value, weight] pairs (one per input row)] */
  tdigest: ([rows]) => {
    const pairs = (Array.isArray(rows) ? rows : []).filter((p): p is Pair => Array.isArray(p) && num(p[0]) !== null && num(p[1]) !== null && p[1] > 0);
    return pairs.length ? { tdigest_exact: pairs } : null;
  },
  /** args: the states to merge */
  tdigest_merge: (states) => mergeDigests(states),
  /** args: [states of all rows] */
  tdigest_merge_agg: ([states]) => mergeDigests(Array.isArray(states) ? states : []),
  /** args: [state, p, …] → one value per p */
  percentiles_tdigest: ([state, ...rest]) => {
    const ps = rest.length === 1 && Array.isArray(rest[0]) ? (rest[0] as unknown[]) : rest;
    const d = digest(state);
    return d ? ps.map((p) => (num(p) === null ? null : weightedPercentile(d, p as number))) : null;
  },
  rank_tdigest: ([state, v]) => {
    const d = digest(state);
    const x = num(v);
    return d && x !== null ? d.reduce((s, [val, w]) => s + (val <= x ? w : 0), 0) : null;
  },
  /** args: [[value, weight] pairs, p, …] */
  percentilesw: ([rows, ...rest]) => {
    const ps = rest.length === 1 && Array.isArray(rest[0]) ? (rest[0] as unknown[]) : rest;
    const pairs = (Array.isArray(rows) ? rows : []).filter((p): p is Pair => Array.isArray(p) && num(p[0]) !== null && num(p[1]) !== null);
    return ps.map((p) => (num(p) === null ? null : weightedPercentile(pairs, p as number)));
  },
  /** args: [distinct values] */
  hll: ([values]) => (Array.isArray(values) && values.length ? mergeHll([{ hll_exact: values }]) : null),
  hll_merge: (states) => mergeHll(states),
  hll_merge_agg: ([states]) => mergeHll(Array.isArray(states) ? states : []),
  dcount_hll: ([state]) => distinctValues(state)?.length ?? null,
  buildschema: ([values]) => buildSchema(Array.isArray(values) ? values : []),
};
