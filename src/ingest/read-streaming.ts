/**
 * Loads a streaming API export: JSON lines of `{"time","tenantId","operationName","category":
 * "AdvancedHunting-<Table>","properties":{…}}` (gzip allowed). Lines are read with DuckDB's CSV
 * reader as single text fields (line numbers kept), parsed in SQL, routed per record to the table
 * its category names, and converted with the shared SQL path. A line that is not JSON, has no
 * properties object or names no known table is a reject with its line number.
 *
 * A line may also be an Event Hub message body, `{"records":[{…}, {…}]}` (what the streaming API
 * sends to an Event Hub, as saved by consumers): each element is one record. Its reject rows carry
 * the line number and, as record number, the 1-based position in that array; a plain line's record
 * number is its line number.
 *
 * Routing: a record's own category decides; `--table` forces one table (records whose category
 * names another table are rejected); a table inferred from the file name is used only for records
 * without a category.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { getTable, type TableDef } from '../schema/index.js';
import { quoteString } from '../sql/quote.js';
import { rejectsInsert, type RejectContext } from './bookkeeping.js';
import { categoryMap } from './infer-table.js';
import { jsonField, orderKeys } from './json-fields.js';
import { loadStaged } from './load-staged.js';
import { extrasNotes } from './column-map.js';
import { withProgress } from './progress.js';
import type { LoadResult } from './load-result.js';
import type { TableCounts } from './types.js';

export interface StreamingInput {
  readonly path: string;
  readonly gzip: boolean;
  /** --table: every record goes here (records whose category names another table are rejected). */
  readonly forcedTable?: TableDef;
  /** From the file name: used for records that carry no category. */
  readonly defaultTable?: TableDef;
  readonly ctx: RejectContext;
  readonly onProgress?: (fraction: number) => void;
}

const MAX_LINE = 64 * 1024 * 1024;

function key(doc: string, name: string): string {
  // Envelope keys as Microsoft writes them, with a capitalised fallback.
  const cap = name[0]!.toUpperCase() + name.slice(1);
  return `coalesce(json_extract(${doc}, ${quoteString(`$.${name}`)}), json_extract(${doc}, ${quoteString(`$.${cap}`)}))`;
}

function routeSql(input: StreamingInput): string {
  const cases = [...categoryMap()].map(([k, v]) => `WHEN ${quoteString(k)} THEN ${quoteString(v)}`).join(' ');
  const byCategory = `(CASE lower(trim(_cat)) ${cases} END)`;
  if (input.forcedTable) return quoteString(input.forcedTable.name);
  if (input.defaultTable) return `(CASE WHEN _cat IS NULL THEN ${quoteString(input.defaultTable.name)} ELSE ${byCategory} END)`;
  return byCategory;
}

function reasonSql(input: StreamingInput): string {
  const cases = [...categoryMap()].map(([k]) => quoteString(k)).join(', ');
  const forced = input.forcedTable
    ? `WHEN _cat IS NOT NULL AND lower(trim(_cat)) IN (${cases}) AND lower(trim(_cat)) NOT IN (${quoteString(input.forcedTable.name.toLowerCase())}, ${quoteString(`advancedhunting-${input.forcedTable.name.toLowerCase()}`)}) ` +
      `THEN 'category ' || _cat || ' does not match --table ${input.forcedTable.name}' `
    : '';
  return `(CASE WHEN _doc IS NULL THEN 'invalid JSON' ` +
    `WHEN json_type(_doc) <> 'OBJECT' THEN 'not a JSON object' ` +
    `WHEN _props IS NULL OR json_type(_props) <> 'OBJECT' THEN 'no "properties" object' ${forced}` +
    `WHEN _table IS NULL AND _cat IS NULL THEN 'no "category" and no table from --table or the file name' ` +
    `WHEN _table IS NULL THEN 'unknown category ' || to_json(_cat)::VARCHAR ` +
    `END)`;
}

export async function loadStreaming(conn: DuckDBConnection, input: StreamingInput): Promise<LoadResult> {
  const lines = `read_csv(${quoteString(input.path)}, header = false, columns = {'line': 'VARCHAR'}, auto_detect = false, ` +
    `delim = '\x01', quote = '', escape = '', strict_mode = false, max_line_size = ${MAX_LINE}, buffer_size = ${MAX_LINE * 2}, ` +
    `compression = ${input.gzip ? `'gzip'` : `'none'`})`;
  try {
    await withProgress(conn, conn.run(
      `CREATE OR REPLACE TEMP TABLE _h_lines AS SELECT row_number() OVER () AS _line, line AS _raw FROM ${lines}`,
    ), input.onProgress);
    await conn.run(`CREATE OR REPLACE TEMP TABLE _h_parsed AS SELECT _line, _raw, _doc, ` +
      `CASE WHEN json_type(_doc) = 'OBJECT' AND json_type(${key('_doc', 'records')}) = 'ARRAY' THEN CAST(${key('_doc', 'records')} AS JSON[]) END AS _wrapped FROM (` +
      `SELECT _line, _raw, CASE WHEN json_valid(ltrim(_raw, chr(65279))) THEN CAST(ltrim(_raw, chr(65279)) AS JSON) END AS _doc ` +
      `FROM _h_lines WHERE NULLIF(trim(_raw), '') IS NOT NULL)`);
    await conn.run(`DROP TABLE _h_lines`);
    // Event Hub bodies: one record per element; both unnests in one SELECT run in lockstep.
    const records = `SELECT _line, _line AS _rec, _raw, _doc FROM _h_parsed WHERE _wrapped IS NULL UNION ALL ` +
      `SELECT _line, _pos + 1 AS _rec, CAST(_doc AS VARCHAR) AS _raw, _doc FROM (` +
      `SELECT _line, unnest(_wrapped) AS _doc, unnest(range(len(_wrapped))) AS _pos FROM _h_parsed WHERE _wrapped IS NOT NULL)`;
    await conn.run(`CREATE OR REPLACE TEMP TABLE _h_docs AS SELECT _line, _rec, _raw, _doc, ${key('_doc', 'category')} ->> '$' AS _cat, ` +
      `${key('_doc', 'properties')} AS _props, ${key('_doc', 'time')} AS _time FROM (${records})`);
    await conn.run(`DROP TABLE _h_parsed`);
    await conn.run(`CREATE OR REPLACE TEMP TABLE _h_stream AS SELECT _line, _rec, _raw, _table, ${reasonSql(input)} AS _reason, ` +
      `CASE WHEN json_type(_props) = 'OBJECT' AND json_extract(_props, '$.Timestamp') IS NULL AND _time IS NOT NULL ` +
      `THEN json_merge_patch(_props, json_object('Timestamp', _time)) ELSE _props END AS _j ` +
      `FROM (SELECT *, ${routeSql(input)} AS _table FROM _h_docs)`);
    await conn.run(`DROP TABLE _h_docs`);
    const read = Number((await conn.runAndReadAll(`SELECT count(*) FROM _h_stream`)).getRows()[0]![0]);
    const unrouted = (await conn.run(
      `${rejectsInsert(input.ctx, `''`, '_rec', '_line', '_reason', '_raw')} FROM _h_stream WHERE _reason IS NOT NULL ORDER BY _line, _rec`,
    )).rowsChanged;
    const tableNames = (await conn.runAndReadAll(`SELECT DISTINCT _table FROM _h_stream WHERE _reason IS NULL ORDER BY 1`)).getRows().map((r) => String(r[0]));
    const tables: TableCounts[] = [];
    const notes: string[] = [];
    for (const name of tableNames) {
      const table = getTable(name);
      const where = `_table = ${quoteString(name)} AND _reason IS NULL`;
      const keys = (await conn.runAndReadAll(`SELECT DISTINCT unnest(json_keys(_j)) FROM _h_stream WHERE ${where}`)).getRows().map((r) => String(r[0]));
      const r = await loadStaged(conn, table, {
        relation: `SELECT _rec, _line, _raw AS _src, _j FROM _h_stream WHERE ${where}`,
        fields: orderKeys(keys, table.columns.map((c) => c.name)).map((k) => jsonField('_j', k)),
        rawText: '_src',
      }, input.ctx);
      tables.push({ table: name, stored: r.stored, rejected: r.rejected });
      notes.push(...extrasNotes(table, r.mapping));
    }
    if (unrouted > 0) notes.push(`${unrouted} line(s) rejected before routing (not JSON, no properties, or no known table)`);
    return { read, tables, notes, unroutedRejects: unrouted };
  } finally {
    // Best-effort: after a failed statement the transaction is aborted and the rollback drops them.
    for (const t of ['_h_lines', '_h_parsed', '_h_docs', '_h_stream']) await conn.run(`DROP TABLE IF EXISTS ${t}`).catch(() => undefined);
  }
}
