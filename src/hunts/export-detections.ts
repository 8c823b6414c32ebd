/**
 * Exports hunts as KQL ready for Defender custom detection rules: each rule rendered exactly as
 * it runs (lists and lookback as `let` statements), with a comment header (name, severity,
 * techniques, suggested frequency), written only when it binds with zero diagnostics in
 * Microsoft's parser against the MDE schema and its output keeps the columns a custom detection
 * needs (Timestamp as datetime, ReportId, DeviceId). `detections.json` indexes the files.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseAndBind } from '../kql/bridge/parse.js';
import { outputColumns } from './lint.js';
import type { LoadedRule } from './load-rules.js';
import { renderQuery } from './render-query.js';
import { timespanMs } from './kql-literal.js';

/** Columns a Defender custom detection query must return (device events). */
export const DETECTION_COLUMNS = ['Timestamp', 'ReportId', 'DeviceId'] as const;

export interface DetectionExport {
  readonly rule: LoadedRule;
  /** File written (relative to the output folder), or null when the rule failed the checks. */
  readonly file: string | null;
  readonly frequency: string;
  readonly columns: readonly string[];
  readonly problems: readonly string[];
}

/** Custom detection frequencies and the data each run looks back over (Defender's fixed pairs). */
export function suggestedFrequency(lookback: string): string {
  const ms = timespanMs(lookback);
  if (ms <= 4 * 3_600_000) return 'every hour (looks back 4 hours)';
  if (ms <= 12 * 3_600_000) return 'every 3 hours (looks back 12 hours)';
  if (ms <= 48 * 3_600_000) return 'every 12 hours (looks back 48 hours)';
  return 'every 24 hours (looks back 30 days)';
}

const slug = (file: string) => basename(file).replace(/\.ya?ml$/i, '').replace(/[^A-Za-z0-9_.-]+/g, '-');

export function checkDetection(text: string): { columns: string[]; problems: string[] } {
  const problems: string[] = [];
  const parsed = parseAndBind(text);
  for (const d of parsed.diagnostics) problems.push(`KQL ${d.severity} at offset ${d.start}: ${d.message}`);
  if (parsed.diagnostics.length > 0) return { columns: [], problems };
  const cols = outputColumns(text);
  for (const c of DETECTION_COLUMNS) if (!cols.has(c)) problems.push(`output lacks ${c} (custom detections need ${DETECTION_COLUMNS.join(', ')})`);
  if (cols.has('Timestamp') && cols.get('Timestamp') !== 'datetime') problems.push(`Timestamp is ${cols.get('Timestamp')}, not datetime`);
  return { columns: [...cols.keys()], problems };
}

export function exportDetections(rules: readonly LoadedRule[], outDir: string): DetectionExport[] {
  mkdirSync(outDir, { recursive: true });
  const out: DetectionExport[] = [];
  for (const loaded of rules) {
    const r = loaded.rule;
    const rendered = renderQuery(loaded);
    const frequency = suggestedFrequency(rendered.lookback);
    if (rendered.problems.length > 0) {
      out.push({ rule: loaded, file: null, frequency, columns: [], problems: rendered.problems.map((p) => p.message) });
      continue;
    }
    const check = checkDetection(rendered.text);
    if (check.problems.length > 0) {
      out.push({ rule: loaded, file: null, frequency, columns: check.columns, problems: check.problems });
      continue;
    }
    const file = `${slug(loaded.file)}.kql`;
    const header = [
      `// Defender custom detection: ${r.name}`,
      `// Harrier rule ${r.id} (${basename(loaded.file)}), version ${String((r as Record<string, unknown>)['version'] ?? '-')}`,
      `// Severity: ${r.severity}; MITRE ATT&CK: ${r.relevantTechniques.join(', ') || '-'}; tactics: ${r.tactics.join(', ') || '-'}`,
      `// Suggested frequency: ${frequency}; the query keeps its own window (${rendered.lookback})`,
      `// Output keeps ${DETECTION_COLUMNS.join(', ')} (checked with the official Kusto parser against the MDE schema)`,
      ...r.description.trim().split('\n').filter((l) => l.trim() !== '').map((l) => `// ${l.trim()}`),
    ];
    writeFileSync(join(outDir, file), `${header.join('\n')}\n${rendered.text.trimEnd()}\n`);
    out.push({ rule: loaded, file, frequency, columns: check.columns, problems: [] });
  }
  const index = out.map((d) => ({
    id: d.rule.rule.id, name: d.rule.rule.name, file: d.file, severity: d.rule.rule.severity, techniques: d.rule.rule.relevantTechniques,
    tactics: d.rule.rule.tactics, frequency: d.frequency, columns: d.columns, problems: d.problems,
  }));
  writeFileSync(join(outDir, 'detections.json'), `${JSON.stringify(index, null, 2)}\n`);
  return out;
}
