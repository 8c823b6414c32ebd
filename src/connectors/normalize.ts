/**
 * Turns remote answers into the engine's JSON contract (`QueryResult`, src/engine/contract.ts):
 * Graph/legacy `schema`/`Schema` with `name`/`Name` and `type`/`Type` matched case-insensitively,
 * .NET type names (`DateTime`, `Int64`, `Object`…) and Kusto ones (`datetime`, `long`, `dynamic`…)
 * mapped to KQL types, and values encoded as the local engine does (strings never null, datetimes
 * ISO-8601 UTC with 7 fractional digits when non-zero, dynamic as a JSON value, not a string).
 */
import type { EncodedValue, QueryResult, ResultColumn } from '../engine/contract.js';
import type { KqlType } from '../schema/kql-types.js';

const TYPE_NAMES: Readonly<Record<string, KqlType>> = {
  bool: 'bool', boolean: 'bool', sbyte: 'bool', 'system.boolean': 'bool',
  int: 'int', int32: 'int', 'system.int32': 'int',
  long: 'long', int64: 'long', 'system.int64': 'long',
  real: 'real', double: 'real', 'system.double': 'real', float: 'real', single: 'real',
  decimal: 'decimal', 'system.decimal': 'decimal', 'system.data.sqltypes.sqldecimal': 'decimal',
  string: 'string', 'system.string': 'string',
  datetime: 'datetime', date: 'datetime', 'system.datetime': 'datetime',
  timespan: 'timespan', time: 'timespan', 'system.timespan': 'timespan',
  guid: 'guid', uniqueid: 'guid', 'system.guid': 'guid',
  dynamic: 'dynamic', object: 'dynamic', 'system.object': 'dynamic', sbytearray: 'dynamic',
};

/** A remote type name as a KQL type; unknown names are kept as dynamic (the value passes through). */
export function kqlTypeOf(name: unknown): KqlType {
  return TYPE_NAMES[String(name ?? '').toLowerCase()] ?? 'dynamic';
}

/** The value of `key` in `obj`, matching the key case-insensitively. */
export function getCi(obj: unknown, key: string): unknown {
  if (obj === null || typeof obj !== 'object') return undefined;
  const rec = obj as Record<string, unknown>;
  if (key in rec) return rec[key];
  const k = Object.keys(rec).find((x) => x.toLowerCase() === key.toLowerCase());
  return k === undefined ? undefined : rec[k];
}

/** Columns from a `schema` array of `{name,type}` in any capitalisation. */
export function columnsFromSchema(schema: unknown): ResultColumn[] {
  if (!Array.isArray(schema)) return [];
  return schema.map((c) => ({ name: String(getCi(c, 'name') ?? getCi(c, 'columnName') ?? ''), type: kqlTypeOf(getCi(c, 'type') ?? getCi(c, 'columnType') ?? getCi(c, 'dataType')) }));
}

function isoDatetime(v: string): string | null {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(?:\.(\d{1,7}))?\d*(Z|[+-]\d{2}:?\d{2})?$/.exec(v.trim());
  if (!m) {
    const t = Date.parse(v);
    return Number.isNaN(t) ? null : isoDatetime(new Date(t).toISOString());
  }
  if (m[4] && m[4] !== 'Z') {
    const t = Date.parse(v);
    if (Number.isNaN(t)) return null;
    const frac = (m[3] ?? '').padEnd(7, '0');
    const base = new Date(Math.floor(t / 1000) * 1000).toISOString().slice(0, 19);
    return /^0+$/.test(frac) ? `${base}Z` : `${base}.${frac}Z`;
  }
  const frac = (m[3] ?? '').padEnd(7, '0');
  return /^0+$/.test(frac) ? `${m[1]}T${m[2]}Z` : `${m[1]}T${m[2]}.${frac}Z`;
}

/** One value encoded for the JSON contract, by its column's KQL type. */
export function encodeValue(type: KqlType, v: unknown): EncodedValue {
  if (type === 'string') return v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
  if (v === null || v === undefined) return null;
  switch (type) {
    case 'datetime': return typeof v === 'string' ? isoDatetime(v) : v instanceof Date ? isoDatetime(v.toISOString()) : null;
    case 'bool': return typeof v === 'boolean' ? v : typeof v === 'number' ? v !== 0 : /^true$/i.test(String(v));
    case 'int': case 'long': case 'real': case 'decimal': {
      if (typeof v === 'number') return v;
      if (typeof v === 'string' && /^-?\d+$/.test(v) && !Number.isSafeInteger(Number(v))) return v;
      const n = Number(v);
      return Number.isNaN(n) ? (type === 'real' ? String(v) : null) : n;
    }
    case 'dynamic':
      if (typeof v === 'string') {
        const s = v.trim();
        if (s.startsWith('{') || s.startsWith('[')) {
          try { return JSON.parse(s) as EncodedValue; } catch { return v; }
        }
      }
      return v as EncodedValue;
    default: return typeof v === 'object' ? JSON.stringify(v) : String(v);
  }
}

/** Rows as arrays (Log Analytics, Kusto) or as objects keyed by column name (Graph). */
export function encodeRows(columns: readonly ResultColumn[], rows: readonly unknown[]): EncodedValue[][] {
  return rows.map((row) => Array.isArray(row)
    ? columns.map((c, i) => encodeValue(c.type, row[i]))
    : columns.map((c) => encodeValue(c.type, getCi(row, c.name))));
}

export function remoteResult(columns: ResultColumn[], rows: EncodedValue[][], maxRows: number, ms: number): QueryResult {
  const truncated = maxRows > 0 && rows.length > maxRows;
  return {
    columns,
    rows: truncated ? rows.slice(0, maxRows) : rows,
    truncated,
    warnings: [],
    timings: { parseMs: 0, translateMs: 0, executeMs: ms, totalMs: ms },
  };
}
