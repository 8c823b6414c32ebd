/**
 * Classifies a documentation example by the page it came from: its category (the corpus README's
 * five categories) and whether it belongs to the "core" subset. Pure functions of the `source`
 * path; the rules are written out in test/conformance/README.md.
 */

export const CATEGORIES = ['tabular-operator', 'scalar-function', 'aggregation-function', 'plugin', 'other'] as const;
export type Category = (typeof CATEGORIES)[number];

/** Page file stem: `data-explorer/kusto/query/strcat-function.md` → `strcat-function`. */
export function pageStem(source: string): string {
  const base = source.split('/').pop() ?? source;
  return base.replace(/\.md$/, '');
}

/** Page stem without its kind suffix: `make-graph-operator` → `make-graph`. */
export function shortStem(stem: string): string {
  return stem.replace(/-(aggregation-function|function|operator|plugin)$/, '');
}

/** Scalar-function pages whose names lack the `-function` suffix (corpus README). */
const EXTRA_SCALAR = /^(isascii|gzip-base64-.*|bag-zip|node-.*)$/;

export function categoryOf(source: string): Category {
  const stem = pageStem(source);
  if (stem.endsWith('-plugin')) return 'plugin';
  if (stem.endsWith('-aggregation-function')) return 'aggregation-function';
  if (stem.endsWith('-operator') || stem.startsWith('join-')) return 'tabular-operator';
  if (stem.endsWith('-function') || EXTRA_SCALAR.test(stem)) return 'scalar-function';
  return 'other';
}

/** Graph pages: on the short stem, `graph-*`, `node-*`, `*-graph`, or one of the graph guides. */
const GRAPH_PAGES = new Set(['make-graph', 'your-first-graph', 'graph-best-practices']);

export type NonCoreReason = 'geospatial' | 'graph' | 'series' | 'plugin';

/** Why a page is outside the core subset, or undefined when it is core. */
export function nonCoreReason(source: string): NonCoreReason | undefined {
  const stem = pageStem(source);
  const short = shortStem(stem);
  if (stem.endsWith('-plugin')) return 'plugin';
  if (stem.startsWith('geo-')) return 'geospatial';
  if (stem.startsWith('series-')) return 'series';
  if (short.startsWith('graph-') || short.startsWith('node-') || short.endsWith('-graph') || GRAPH_PAGES.has(short)) return 'graph';
  return undefined;
}

export function isCore(source: string): boolean {
  return nonCoreReason(source) === undefined;
}

/** The documented size of the core subset; the runner warns when the filter disagrees. */
export const EXPECTED_CORE_COUNT = 464;
