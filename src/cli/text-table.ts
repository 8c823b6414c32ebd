/** Plain-text table for terminal output: padded columns, a header rule, no colours. */
export interface TextTableOptions {
  /** Column indexes to right-align (numbers). */
  readonly alignRight?: readonly number[];
}

export function formatTextTable(headers: readonly string[], rows: readonly (readonly string[])[], options: TextTableOptions = {}): string {
  const right = new Set(options.alignRight ?? []);
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells.map((c, i) => (right.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n') + '\n';
}
