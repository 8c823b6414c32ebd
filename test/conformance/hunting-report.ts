/**
 * Totals and files for the hunting-query run: counts per status, the pass rate
 * (ok / (selected − bind errors − network externaldata)), the failure list
 * (.conformance/hunting-failures.jsonl) and the grouped summary (hunting-summary.md).
 */
import { type Groupable, countByBucket, groupFailures } from './group-failures.js';
import type { HuntingQuery, HuntingStatus } from './hunting-corpus.js';
import type { HuntingOutcome } from './hunting-runner.js';
import { type Rate, countsTable, differencesSection, formatRate, groupsTable, writeJsonl, writeText } from './report.js';

export interface HuntingTotals {
  readonly selected: number;
  readonly byStatus: Partial<Record<HuntingStatus, number>>;
  /** ok / (selected − bind-error − network). */
  readonly rate: Rate;
  readonly rowsReturned: number;
  readonly queriesWithRows: number;
}

export function huntingTotals(outcomes: readonly HuntingOutcome[]): HuntingTotals {
  const byStatus: Partial<Record<HuntingStatus, number>> = {};
  for (const o of outcomes) byStatus[o.status] = (byStatus[o.status] ?? 0) + 1;
  const excluded = (byStatus['bind-error'] ?? 0) + (byStatus['network'] ?? 0);
  const ok = outcomes.filter((o) => o.status === 'ok');
  return {
    selected: outcomes.length,
    byStatus,
    rate: { passed: byStatus['ok'] ?? 0, total: outcomes.length - excluded },
    rowsReturned: ok.reduce((n, o) => n + (o.rowCount ?? 0), 0),
    queriesWithRows: ok.filter((o) => (o.rowCount ?? 0) > 0).length,
  };
}

export function huntingTotalsLines(t: HuntingTotals): string[] {
  const s = (k: HuntingStatus): number => t.byStatus[k] ?? 0;
  return [
    `  selected ${t.selected}: executed OK ${s('ok')}, bind errors ${s('bind-error')} (excluded), network externaldata ${s('network')} (excluded),`,
    `  not supported ${s('not-supported')}, SQL errors ${s('sql-error')}, timeouts ${s('timeout')}, crashes ${s('crash')}, other errors ${s('other-error')}`,
    `  queries returning rows: ${t.queriesWithRows} of ${s('ok')} (${t.rowsReturned} rows in total, capped per query)`,
  ];
}

const FAILED: readonly HuntingStatus[] = ['not-supported', 'sql-error', 'timeout', 'crash', 'other-error'];

export function huntingGroupable(o: HuntingOutcome): Groupable {
  return { id: o.id, bucket: `${o.status}:${o.code ?? '?'}`, message: o.message ?? '' };
}

/** `reference`: the ids a DuckDB run did not pass, when this run is another engine's (see differencesSection). */
export function writeHuntingFiles(dir: string, outcomes: readonly HuntingOutcome[], queries: readonly HuntingQuery[], runInfo: string, suffix = '', reference?: { failed: Set<string> | undefined; name: string }): { failures: string; summary: string } {
  const byId = new Map(queries.map((q) => [q.id, q]));
  const failed = outcomes.filter((o) => FAILED.includes(o.status));
  const bind = outcomes.filter((o) => o.status === 'bind-error');
  const failures = `${dir}/hunting-failures${suffix}.jsonl`;
  writeJsonl(failures, outcomes.filter((o) => o.status !== 'ok').map((o) => ({
    id: o.id, name: o.name, status: o.status, code: o.code, message: o.message, ms: o.ms, query: byId.get(o.id)?.query,
  })));
  const t = huntingTotals(outcomes);
  const md = [
    '# MDE hunting queries: summary', '', runInfo, '',
    formatRate('hunting', t.rate), '', ...huntingTotalsLines(t).map((l) => l.trim()), '',
    countsTable('status', Object.entries(t.byStatus)), '',
    ...(reference ? differencesSection(failed.map(huntingGroupable), reference.failed, reference.name) : []),
    '## Failures (counted) grouped by message', '', countsTable('bucket', countByBucket(failed.map(huntingGroupable))), '',
    groupsTable(groupFailures(failed.map(huntingGroupable)), 120, 3), '',
    '## Bind errors (excluded from the rate) grouped by message', '', groupsTable(groupFailures(bind.map(huntingGroupable)), 60, 3), '',
  ].join('\n');
  const summary = `${dir}/hunting-summary${suffix}.md`;
  writeText(summary, md);
  return { failures, summary };
}
