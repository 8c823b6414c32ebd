/**
 * Chooses the MDE table a file (or a streaming record) belongs to: --table, else the file name's
 * prefix, else the streaming category, else the best column match. Ambiguity is an error that
 * names the candidates, never a guess.
 */
import { basename } from 'node:path';
import { MDE_TABLES, findTable, type TableDef } from '../schema/index.js';
import { IngestFileError } from './types.js';

export function tableFromOption(name: string): TableDef {
  const t = findTable(name);
  if (!t) throw new IngestFileError(`unknown table '${name}' (known: ${[...MDE_TABLES.keys()].join(', ')})`);
  return t;
}

/**
 * `DeviceProcessEvents.csv`, `devicefileevents-2026-11-18.json` → the table whose name is the longest
 * case-insensitive prefix of the file name followed by a non-letter/digit (or the end).
 */
export function tableFromFileName(path: string): TableDef | undefined {
  const name = basename(path).toLowerCase();
  let best: TableDef | undefined;
  for (const t of MDE_TABLES.values()) {
    const lower = t.name.toLowerCase();
    if (!name.startsWith(lower)) continue;
    const next = name.charAt(lower.length);
    if (next !== '' && /[a-z0-9]/i.test(next)) continue;
    if (!best || t.name.length > best.name.length) best = t;
  }
  return best;
}

/** `AdvancedHunting-DeviceProcessEvents` (or a bare table name) → the table; case-insensitive. */
export function tableFromCategory(category: string): TableDef | undefined {
  const m = /^(?:advancedhunting-)?(.+)$/i.exec(category.trim());
  return m ? findTable(m[1]!) : undefined;
}

/** Lower-cased 'advancedhunting-<table>' → table name, for routing streaming records in SQL. */
export function categoryMap(): ReadonlyMap<string, string> {
  const m = new Map<string, string>();
  for (const t of MDE_TABLES.values()) {
    m.set(`advancedhunting-${t.name.toLowerCase()}`, t.name);
    m.set(t.name.toLowerCase(), t.name);
  }
  return m;
}

/**
 * The table matching most of the given column names. A tie is broken only by a table whose columns
 * are all present (a full export of exactly that table); otherwise it is an error.
 */
export function tableFromColumns(columns: readonly string[]): TableDef {
  const names = new Set(columns.map((c) => c.toLowerCase()));
  const scored = [...MDE_TABLES.values()].map((t) => {
    const matched = t.columns.filter((c) => names.has(c.name.toLowerCase())).length;
    return { t, matched, complete: matched === t.columns.length };
  });
  const top = Math.max(...scored.map((s) => s.matched));
  if (top === 0) throw new IngestFileError(`no MDE table has any of the columns ${preview(columns)}; pass --table`);
  const best = scored.filter((s) => s.matched === top);
  if (best.length === 1) return best[0]!.t;
  const complete = best.filter((s) => s.complete);
  if (complete.length === 1) return complete[0]!.t;
  throw new IngestFileError(
    `cannot tell the table from the columns: ${best.map((s) => s.t.name).join(', ')} each match ${top} of ${columns.length} columns; ` +
      `pass --table or name the file after its table (e.g. ${best[0]!.t.name}.csv)`,
  );
}

function preview(columns: readonly string[]): string {
  const shown = columns.slice(0, 8).join(', ');
  return columns.length > 8 ? `${shown}, …` : shown;
}
