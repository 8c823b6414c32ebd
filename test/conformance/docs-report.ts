/**
 * Totals and files for the documentation run: pass rates per category, core and all; the
 * failure list (.conformance/docs-failures.jsonl) and the grouped summary (docs-summary.md).
 */
import { CATEGORIES } from './categories.js';
import { type DocOutcome, type DocStatus } from './docs-runner.js';
import { type Groupable, countByBucket, groupFailures } from './group-failures.js';
import type { DocExample } from './load-corpus.js';
import { type Rate, addTo, countsTable, differencesSection, formatRate, groupsTable, ratesTable, writeJsonl, writeText } from './report.js';

export interface DocsTotals {
  readonly all: Rate;
  readonly core: Rate;
  readonly byCategory: Record<string, Rate>;
  readonly byNonCore: Record<string, Rate>;
  readonly byStatus: Record<string, number>;
  readonly coreCount: number;
}

export function docsTotals(outcomes: readonly DocOutcome[]): DocsTotals {
  const cats = new Map<string, Rate & { passed: number; total: number }>(CATEGORIES.map((c) => [c, { passed: 0, total: 0 }]));
  const nonCore = new Map<string, { passed: number; total: number }>();
  const status: Record<string, number> = {};
  const all = { passed: 0, total: 0 };
  const core = { passed: 0, total: 0 };
  for (const o of outcomes) {
    addTo(cats, o.category, o.passed);
    if (o.nonCore) addTo(nonCore, o.nonCore, o.passed);
    status[o.status] = (status[o.status] ?? 0) + 1;
    all.total++;
    if (o.passed) all.passed++;
    if (o.core) { core.total++; if (o.passed) core.passed++; }
  }
  return {
    all, core, byCategory: Object.fromEntries(cats), byNonCore: Object.fromEntries(nonCore), byStatus: status, coreCount: core.total,
  };
}

export function docsTotalsLines(t: DocsTotals): string[] {
  const lines = CATEGORIES.map((c) => `  ${formatRate(c, t.byCategory[c] ?? { passed: 0, total: 0 })}`);
  for (const [k, r] of Object.entries(t.byNonCore)) lines.push(`  ${formatRate(`non-core ${k}`, r)}`);
  lines.push(`  statuses: ${Object.entries(t.byStatus).map(([k, n]) => `${k} ${n}`).join(', ')}`);
  return lines;
}

const FAILED: readonly DocStatus[] = ['mismatch', 'error', 'timeout', 'crash', 'unavailable'];

/** Grouping key of a docs failure: status/diff kind as the bucket, message without column names. */
export function docsGroupable(o: DocOutcome): Groupable {
  if (o.status === 'mismatch' || o.status === 'pass-informative') {
    const type = /column \S+ \((\w+)\)/.exec(o.diff ?? '')?.[1];
    const msg = (o.diff ?? '').replace(/^row \d+: /, '').replace(/column \S+ \((\w+)\): /g, '').replace(/; nearest: column \S+ \((\w+)\)/, '; nearest');
    return { id: o.id, bucket: `${o.status}:${o.diffKind ?? '?'}${type ? `:${type}` : ''}`, message: msg };
  }
  return { id: o.id, bucket: `${o.status}:${o.errorCode ?? '?'}`, message: o.errorMessage ?? '' };
}

/** `reference`: the ids a DuckDB run failed, when this run is another engine's (see differencesSection). */
export function writeDocsFiles(dir: string, outcomes: readonly DocOutcome[], examples: readonly DocExample[], runInfo: string, suffix = '', reference?: { failed: Set<string> | undefined; name: string }): { failures: string; summary: string } {
  const byId = new Map(examples.map((e) => [e.id, e]));
  const failed = outcomes.filter((o) => FAILED.includes(o.status));
  const failures = `${dir}/docs-failures${suffix}.jsonl`;
  writeJsonl(failures, failed.map((o) => {
    const ex = byId.get(o.id);
    return {
      id: o.id, category: o.category, core: o.core, status: o.status, query: ex?.query, note: ex?.note,
      compare: o.policy.reasons.join(', '),
      expected: { columns: ex?.columns, rows: ex?.rows },
      ...(o.actual ? { actual: o.actual, diff: o.diff } : { error: { code: o.errorCode, message: o.errorMessage } }),
    };
  }));
  const t = docsTotals(outcomes);
  const coreFailed = failed.filter((o) => o.core);
  const informative = outcomes.filter((o) => o.status === 'pass-informative');
  const docErrors = outcomes.filter((o) => o.status === 'doc-error');
  const md = [
    '# KQL docs conformance: summary', '', runInfo, '',
    `${formatRate('docs core', t.core)} · ${formatRate('docs all', t.all)}`, '',
    ratesTable('category', Object.entries(t.byCategory)), '',
    ratesTable('outside core', Object.entries(t.byNonCore)), '',
    countsTable('status', Object.entries(t.byStatus)), '',
    ...(reference ? differencesSection(failed.map(docsGroupable), reference.failed, reference.name) : []),
    '## Core failures by bucket', '', countsTable('bucket', countByBucket(coreFailed.map(docsGroupable))), '',
    '## Core failures grouped by message / first diff', '', groupsTable(groupFailures(coreFailed.map(docsGroupable))), '',
    '## All failures grouped by message / first diff', '', groupsTable(groupFailures(failed.map(docsGroupable)), 120), '',
    `## Passed with informative value differences (${informative.length})`, '',
    groupsTable(groupFailures(informative.map(docsGroupable)), 40), '',
    `## Documented doc errors: the query does not bind in Kusto.Language (${docErrors.length})`, '',
    ...docErrors.map((o) => `- ${o.id}: ${o.policy.reasons.find((r) => r.startsWith('known doc error')) ?? ''} (engine: ${o.errorMessage ?? ''})`), '',
  ].join('\n');
  const summary = `${dir}/docs-summary${suffix}.md`;
  writeText(summary, md);
  return { failures, summary };
}
