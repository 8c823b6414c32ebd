/**
 * Shared reporting helpers: pass-rate arithmetic and its one-line format
 * (`name: passed/total (pct%)`), JSON-lines and markdown writers, and the grouped-failure table.
 * Writers create their folder; nothing here decides what passed.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { groupFailures, type FailureGroup, type Groupable } from './group-failures.js';

export interface Rate {
  readonly passed: number;
  readonly total: number;
}

export function pct(r: Rate): number {
  return r.total === 0 ? 0 : Math.round((1000 * r.passed) / r.total) / 10;
}

export function formatRate(name: string, r: Rate): string {
  return `${name}: ${r.passed}/${r.total} (${pct(r).toFixed(1)}%)`;
}

export function addTo(map: Map<string, { passed: number; total: number }>, key: string, passed: boolean): void {
  const r = map.get(key) ?? { passed: 0, total: 0 };
  r.total++;
  if (passed) r.passed++;
  map.set(key, r);
}

export function writeJsonl(path: string, records: readonly unknown[]): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, records.map((r) => JSON.stringify(r, jsonReplacer)).join('\n') + (records.length ? '\n' : ''));
}

/** NaN/Infinity/BigInt survive as strings in the failure files. */
function jsonReplacer(_key: string, value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  if (typeof value === 'bigint') return value.toString();
  return value;
}

export function writeText(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text.endsWith('\n') ? text : `${text}\n`);
}

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** A markdown table of groups: count, bucket, message template, example ids. */
export function groupsTable(groups: readonly FailureGroup[], limit = 80, idsShown = 4): string {
  const lines = ['| count | bucket | cause (first diff / message) | examples |', '|---:|---|---|---|'];
  for (const g of groups.slice(0, limit)) {
    const ids = g.ids.slice(0, idsShown).join(', ') + (g.ids.length > idsShown ? `, … (+${g.ids.length - idsShown})` : '');
    lines.push(`| ${g.count} | ${cell(g.bucket)} | ${cell(g.template)} | ${cell(ids)} |`);
  }
  if (groups.length > limit) lines.push(`| … | | ${groups.length - limit} more groups | |`);
  return lines.join('\n');
}

/** A markdown table of `[key, rate]` rows. */
export function ratesTable(title: string, rows: readonly [string, Rate][]): string {
  const lines = [`| ${title} | passed | total | % |`, '|---|---:|---:|---:|'];
  for (const [k, r] of rows) lines.push(`| ${cell(k)} | ${r.passed} | ${r.total} | ${pct(r).toFixed(1)} |`);
  return lines.join('\n');
}

/** A markdown table of `[key, count]` rows. */
export function countsTable(title: string, rows: readonly [string, number][]): string {
  const lines = [`| ${title} | count |`, '|---|---:|'];
  for (const [k, n] of rows) lines.push(`| ${cell(k)} | ${n} |`);
  return lines.join('\n');
}

/**
 * The ids of a failure list (.jsonl) another engine's run wrote, or undefined when there is none:
 * the reference for a "differences from DuckDB" section.
 */
export function failedIdsIn(file: string): Set<string> | undefined {
  if (!existsSync(file)) return undefined;
  const ids = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => (JSON.parse(l) as { id: string }).id);
  return new Set(ids);
}

/**
 * Markdown listing every failure of this run that the reference engine passed, grouped by reason
 * (the refusal or error message, or the first differing value), with every id shown.
 */
export function differencesSection(failed: readonly Groupable[], reference: Set<string> | undefined, referenceName: string): string[] {
  if (!reference) return [`## Differences from the ${referenceName} engine`, '', `(no ${referenceName} run in .conformance/ to compare with: run \`npm run conformance\` first)`, ''];
  const diff = failed.filter((f) => !reference.has(f.id));
  const groups = groupFailures(diff);
  return [
    `## Differences from the ${referenceName} engine: ${diff.length} pass there and fail here`, '',
    ...groups.map((g) => `- **${g.count}** · ${g.template.replace(/\|/g, '\\|')}: ${g.ids.join(', ')}`), '',
  ];
}
