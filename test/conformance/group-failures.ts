/**
 * Groups failures for the summaries: a failure's message is reduced to a template (quoted
 * values, numbers and long literals replaced by placeholders) so that failures with the same
 * cause land in one group. Pure functions.
 */

export interface Groupable {
  readonly id: string;
  /** Coarse bucket, e.g. an error code or a diff kind. */
  readonly bucket: string;
  /** Raw message or first diff. */
  readonly message: string;
}

export interface FailureGroup {
  readonly bucket: string;
  readonly template: string;
  readonly count: number;
  readonly ids: readonly string[];
  /** One raw message of the group, for context. */
  readonly sample: string;
}

/**
 * Message → template. Names that identify the cause (functions, operators, column types) are
 * kept; values are replaced: "..." and '...' → "…", numbers → N, row/line positions → N.
 */
export function messageTemplate(message: string): string {
  let t = message.split('\n')[0] ?? '';
  // Keep short single-quoted identifiers (function/operator/column names), drop longer values.
  t = t.replace(/'([^']*)'/g, (m, inner: string) => (/^[A-Za-z_][\w.-]{0,40}$/.test(inner) ? m : "'…'"));
  t = t.replace(/"(?:[^"\\]|\\.)*"/g, '"…"');
  t = t.replace(/\[[^\]]{30,}\]/g, '[…]');
  t = t.replace(/\b\d+(\.\d+)?([eE][-+]?\d+)?\b/g, 'N');
  t = t.replace(/\s+/g, ' ').trim();
  return t.length > 160 ? `${t.slice(0, 157)}...` : t;
}

export function groupFailures(items: readonly Groupable[]): FailureGroup[] {
  const groups = new Map<string, { bucket: string; template: string; ids: string[]; sample: string }>();
  for (const it of items) {
    const template = messageTemplate(it.message);
    const key = `${it.bucket}\u0000${template}`;
    const g = groups.get(key) ?? { bucket: it.bucket, template, ids: [], sample: it.message };
    g.ids.push(it.id);
    groups.set(key, g);
  }
  return [...groups.values()]
    .map((g) => ({ ...g, count: g.ids.length }))
    .sort((a, b) => b.count - a.count || a.bucket.localeCompare(b.bucket) || a.template.localeCompare(b.template));
}

/** Counts per bucket, largest first. */
export function countByBucket(items: readonly Groupable[]): [string, number][] {
  const m = new Map<string, number>();
  for (const it of items) m.set(it.bucket, (m.get(it.bucket) ?? 0) + 1);
  return [...m.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}
