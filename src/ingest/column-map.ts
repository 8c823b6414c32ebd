/**
 * Maps a source's field names (CSV header, JSON keys, Parquet columns) onto a table's columns,
 * case-insensitively. Fields that match no column are extras: the caller keeps them in
 * AdditionalFields or reports them — never drops them silently.
 */
import type { ColumnDef, TableDef } from '../schema/index.js';

export interface MappedField {
  readonly source: string;
  readonly column: ColumnDef;
}

export interface ColumnMapping {
  readonly mapped: readonly MappedField[];
  /** Source fields with no column of that name in the table (or a second field for one column). */
  readonly extras: readonly string[];
  /** True when the table has AdditionalFields (a dynamic column) to keep extras in. */
  readonly canKeepExtras: boolean;
}

export const ADDITIONAL_FIELDS = 'AdditionalFields';

export function mapColumns(table: TableDef, sourceNames: readonly string[]): ColumnMapping {
  const used = new Set<string>();
  const mapped: MappedField[] = [];
  const extras: string[] = [];
  for (const source of sourceNames) {
    const column = table.columnByLowerName.get(source.toLowerCase());
    if (column && !used.has(column.name)) {
      used.add(column.name);
      mapped.push({ source, column });
    } else {
      extras.push(source);
    }
  }
  const af = table.columnByLowerName.get(ADDITIONAL_FIELDS.toLowerCase());
  return { mapped, extras, canKeepExtras: af?.type === 'dynamic' };
}

/** The notes a file summary carries about its extra fields. */
export function extrasNotes(table: TableDef, mapping: ColumnMapping): string[] {
  if (mapping.extras.length === 0) return [];
  const list = mapping.extras.join(', ');
  return mapping.canKeepExtras
    ? [`${table.name}: ${mapping.extras.length} column(s) not in the schema kept in AdditionalFields: ${list}`]
    : [`${table.name}: DROPPED ${mapping.extras.length} column(s) not in the schema (the table has no AdditionalFields): ${list}`];
}
