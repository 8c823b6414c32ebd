/**
 * The JSONPath subset Kusto's extractjson examples use: `$`, then `.key`, `['key']`, `["key"]` and
 * `[n]` steps. Engines spell paths differently (DuckDB's `$."key"`, ClickHouse's argument lists), so
 * a path is parsed once into steps.
 */
export type JsonPathStep = { readonly key: string } | { readonly index: number };

const STEP = /^(?:\.([A-Za-z_][\w-]*)|\[\s*'((?:[^'\\]|\\.)*)'\s*\]|\[\s*"((?:[^"\\]|\\.)*)"\s*\]|\[\s*(\d+)\s*\])/;

/** The steps of a simple JSONPath; undefined for anything else (wildcards, filters, negative indexes). */
export function parseJsonPath(path: string): JsonPathStep[] | undefined {
  const text = path.trim();
  if (!text.startsWith('$')) return undefined;
  const steps: JsonPathStep[] = [];
  let rest = text.slice(1);
  while (rest.length > 0) {
    const m = STEP.exec(rest);
    if (!m) return undefined;
    if (m[4] !== undefined) steps.push({ index: Number(m[4]) });
    else steps.push({ key: (m[1] ?? m[2] ?? m[3] ?? '').replace(/\\(.)/g, '$1') });
    rest = rest.slice(m[0].length);
  }
  return steps;
}

/** DuckDB's spelling of the steps: `$."key"[n]`, keys quoted so any text stays a key. */
export function duckdbJsonPath(steps: readonly JsonPathStep[]): string {
  return `$${steps.map((s) => ('index' in s ? `[${s.index}]` : `."${s.key.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`)).join('')}`;
}
