/**
 * The 12 MDE Advanced Hunting tables, read from the copy of shared/mde-schema/schema.json kept in
 * data/ (a test keeps the copy in sync). Every stage takes its table and column definitions from here.
 *
 * The docs type JSON-holding columns as `string`; we type them `dynamic` (DESIGN.md) so that both
 * `parse_json(AdditionalFields).X` and `AdditionalFields.X` bind and run as in Defender.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type KqlType, isKqlType } from './kql-types.js';

export interface ColumnDef {
  readonly name: string;
  readonly type: KqlType;
  /** The type exactly as the Microsoft doc page spells it (before the dynamic override). */
  readonly docType: string;
  readonly description: string;
}

export interface TableDef {
  readonly name: string;
  readonly description: string;
  readonly columns: readonly ColumnDef[];
  readonly actionTypes: readonly string[];
  /** Lower-cased column name → column, for case-insensitive matching of export headers. */
  readonly columnByLowerName: ReadonlyMap<string, ColumnDef>;
}

interface RawColumn { name: string; type: string; kqlType: string; description: string }
interface RawTable { description: string; columns: RawColumn[]; actionTypes?: string[] }
interface RawSchema { tables: Record<string, RawTable> }

export const SCHEMA_FILE = fileURLToPath(new URL('../../data/mde-schema.json', import.meta.url));

/** Columns documented as `string` that hold JSON arrays or objects. */
const JSON_COLUMN_NAMES: ReadonlySet<string> = new Set([
  'AdditionalFields', 'LoggedOnUsers', 'IPAddresses', 'ConnectedNetworks', 'DnsAddresses', 'DefaultGateways',
  'CrlDistributionPointUrls', 'Categories', 'AttackTechniques',
  // Not described as JSON in the docs, but arrays in Defender: hunting queries mv-expand them.
  'DeviceManualTags', 'DeviceDynamicTags',
]);

/** True when a documented string column holds JSON: listed by name, or its description says so. */
export function holdsJson(column: { name: string; description: string }): boolean {
  return JSON_COLUMN_NAMES.has(column.name) || /\bJSON\b/.test(column.description);
}

function toColumn(raw: RawColumn): ColumnDef {
  const base = raw.kqlType;
  if (!isKqlType(base)) throw new Error(`schema: column ${raw.name} has unknown type '${base}'`);
  const type: KqlType = base === 'string' && holdsJson(raw) ? 'dynamic' : base;
  return Object.freeze({ name: raw.name, type, docType: raw.type, description: raw.description });
}

export function parseSchema(raw: RawSchema): ReadonlyMap<string, TableDef> {
  const tables = new Map<string, TableDef>();
  for (const [name, t] of Object.entries(raw.tables)) {
    const columns = Object.freeze(t.columns.map(toColumn));
    tables.set(name, Object.freeze({
      name,
      description: t.description,
      columns,
      actionTypes: Object.freeze([...(t.actionTypes ?? [])]),
      columnByLowerName: new Map(columns.map((c) => [c.name.toLowerCase(), c])),
    }));
  }
  return tables;
}

export const MDE_TABLES: ReadonlyMap<string, TableDef> = parseSchema(
  JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as RawSchema,
);

export const MDE_TABLE_NAMES: readonly string[] = Object.freeze([...MDE_TABLES.keys()]);

const tableByLowerName = new Map([...MDE_TABLES.values()].map((t) => [t.name.toLowerCase(), t]));

/** Case-insensitive lookup; undefined when the name is not an MDE table. */
export function findTable(name: string): TableDef | undefined {
  return tableByLowerName.get(name.toLowerCase());
}

export function getTable(name: string): TableDef {
  const t = findTable(name);
  if (!t) throw new Error(`unknown table '${name}'. Known tables: ${MDE_TABLE_NAMES.join(', ')}`);
  return t;
}
