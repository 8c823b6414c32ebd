/**
 * ClickHouse tables for the MDE schema: MergeTree ordered by (DeviceId, Timestamp) — a device's
 * events stored together in time order, which is how hunts read them — and partitioned by day, so
 * retention drops whole partitions. Strings are non-Nullable String (Kusto strings are never null),
 * Timestamp non-Nullable, everything else Nullable; dynamic columns hold JSON text.
 */
import { MDE_TABLES, type TableDef } from '../../schema/index.js';
import { CLICKHOUSE_TYPE } from '../../sql/dialects/clickhouse/index.js';
import { quoteIdentFor } from '../../sql/quote.js';

const qi = (name: string) => quoteIdentFor('clickhouse', name);

export function clickhouseColumnType(type: TableDef['columns'][number]['type'], name: string): string {
  if (type === 'string' || name === 'Timestamp') return CLICKHOUSE_TYPE[type];
  return `Nullable(${CLICKHOUSE_TYPE[type]})`;
}

/** CREATE TABLE for one MDE table; `engine` lets the cluster layout use ReplicatedMergeTree. */
export function clickhouseCreateTable(table: TableDef, engine = 'MergeTree'): string {
  const cols = table.columns.map((c) => `  ${qi(c.name)} ${clickhouseColumnType(c.type, c.name)}`);
  const names = new Set(table.columns.map((c) => c.name));
  const order = ['DeviceId', 'Timestamp'].filter((n) => names.has(n));
  const partition = names.has('Timestamp') ? `\nPARTITION BY toDate(${qi('Timestamp')})` : '';
  return `CREATE TABLE IF NOT EXISTS ${qi(table.name)} (\n${cols.join(',\n')}\n) ENGINE = ${engine}${partition}\nORDER BY (${order.map(qi).join(', ')})`;
}

export function clickhouseStoreDdl(): string[] {
  return [...MDE_TABLES.values()].map((t) => clickhouseCreateTable(t));
}
