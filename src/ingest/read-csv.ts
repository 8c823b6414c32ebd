/**
 * Loads a Defender portal CSV export into one table with DuckDB's read_csv in a single scan:
 * typed columns, strict parsing, and DuckDB's reject store for ragged lines and bad values (each
 * with its real line number and raw text). Timestamps are parsed as TIMESTAMPTZ (offsets honoured)
 * and stored as UTC TIMESTAMP. read_csv silently NULLs bad TIMESTAMPTZ values, so the fast path
 * casts strictly in SQL; when that cast fails, the file is reloaded on a slower path that stages
 * the rows and finds the bad lines with a second, TIMESTAMP-typed scan.
 *
 * Must run first in the caller's transaction: the fast path may ROLLBACK and BEGIN again.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { DUCKDB_STORAGE_TYPE, type TableDef } from '../schema/index.js';
import { quoteIdent, quoteString } from '../sql/quote.js';
import { ADDITIONAL_FIELDS, extrasNotes, mapColumns, type ColumnMapping } from './column-map.js';
import { convertText, failureReason, mergeExtras, reasonExpr, utcTimestamp } from './convert.js';
import { rejectsInsert, type RejectContext } from './bookkeeping.js';
import type { CsvHeader } from './csv-header.js';
import { withProgress } from './progress.js';
import type { LoadResult } from './load-result.js';
import { lineNumbersAt } from './physical-lines.js';

export interface CsvInput {
  readonly path: string;
  readonly gzip: boolean;
  readonly table: TableDef;
  readonly header: CsvHeader;
  readonly ctx: RejectContext;
  readonly onProgress?: (fraction: number) => void;
}

type Mode = 'fast' | 'stage' | 'timestamp-check';

function readCsvSql(input: CsvInput, mapping: ColumnMapping, mode: Mode, rejectsTable: string): string {
  const typeOf = new Map(mapping.mapped.map((m) => [m.source, m.column]));
  const columns = input.header.columnNames.map((name) => {
    const col = typeOf.get(name);
    let type = 'VARCHAR';
    if (mode === 'timestamp-check') type = col?.type === 'datetime' ? 'TIMESTAMP' : 'VARCHAR';
    else if (col && col.type !== 'datetime' && col.type !== 'dynamic' && col.type !== 'string') type = DUCKDB_STORAGE_TYPE[col.type];
    return `${quoteString(name)}: ${quoteString(type)}`;
  });
  return `read_csv(${quoteString(input.path)}, header = true, columns = {${columns.join(', ')}}, auto_detect = false, ` +
    `delim = ${quoteString(input.header.delimiter)}, quote = '"', escape = '"', strict_mode = true, ` +
    `store_rejects = true, rejects_table = ${quoteString(rejectsTable)}, rejects_scan = ${quoteString(`${rejectsTable}_scan`)}, ` +
    `compression = ${input.gzip ? `'gzip'` : `'none'`})`;
}

/** Target columns and the SELECT expressions filling them from read_csv's (or the stage's) columns. */
function selectList(input: CsvInput, mapping: ColumnMapping, strictTimestamps: boolean): { targets: string[]; exprs: string[] } {
  const targets: string[] = [];
  const exprs: string[] = [];
  let af = -1;
  for (const m of mapping.mapped) {
    const ref = quoteIdent(m.source);
    let expr: string;
    if (m.column.type === 'datetime') {
      expr = strictTimestamps ? utcTimestamp(`CAST(NULLIF(trim(${ref}), '') AS TIMESTAMPTZ)`) : convertText(m.column, ref).value;
    } else if (m.column.type === 'string' || m.column.type === 'dynamic') {
      expr = convertText(m.column, ref).value;
    } else {
      expr = ref;
    }
    if (m.column.name === ADDITIONAL_FIELDS) af = exprs.length;
    targets.push(m.column.name);
    exprs.push(expr);
  }
  if (mapping.canKeepExtras && mapping.extras.length > 0) {
    const extras = mapping.extras.map((name) => ({ name: input.header.names[input.header.columnNames.indexOf(name)] || name, value: quoteIdent(name) }));
    if (af >= 0) exprs[af] = mergeExtras(exprs[af]!, extras);
    else {
      targets.push(ADDITIONAL_FIELDS);
      exprs.push(mergeExtras('CAST(NULL AS JSON)', extras));
    }
  }
  if (targets.length === 0) {
    // Only unknown columns in a table without AdditionalFields: rows still count (all defaults).
    targets.push(input.table.columns[0]!.name);
    exprs.push(input.table.columns[0]!.type === 'string' ? `''` : 'NULL');
  }
  return { targets, exprs };
}

function insertHead(input: CsvInput, targets: readonly string[]): string {
  return `INSERT INTO ${quoteIdent(input.table.name)} (${targets.map(quoteIdent).join(', ')})`;
}

/**
 * One reject row per bad record found by a read_csv scan, reasons of the same record joined. The
 * record number is DuckDB's (data records from 1); the line number is the physical line where the
 * record starts, which differs once an earlier quoted field spans lines. DuckDB's raw text of a
 * record in a CRLF file starts with the previous line's LF; it is trimmed.
 */
async function insertScanRejects(conn: DuckDBConnection, input: CsvInput, rejectsTable: string, where = 'TRUE'): Promise<number> {
  const offsets = (await conn.runAndReadAll(`SELECT DISTINCT line_byte_position FROM ${quoteIdent(rejectsTable)} WHERE ${where} AND line_byte_position IS NOT NULL`))
    .getRows().map((r) => Number(r[0]));
  const lines = await lineNumbersAt(input.path, input.gzip, offsets);
  await conn.run(`CREATE OR REPLACE TEMP TABLE _h_linemap (pos BIGINT, line BIGINT)`);
  const appender = await conn.createAppender('_h_linemap');
  for (const [pos, line] of lines) {
    appender.appendBigInt(BigInt(pos));
    appender.appendBigInt(BigInt(line));
    appender.endRow();
  }
  appender.closeSync();
  try {
    const sql = `${rejectsInsert(input.ctx, quoteString(input.table.name), 'r.line - 1', 'coalesce(m.line, r.line)', 'r.reason', `ltrim(r.raw, chr(13) || chr(10))`)} FROM (` +
      `SELECT line, min(pos) AS pos, string_agg(error_type || ': ' || msg, '; ' ORDER BY error_type) AS reason, first(raw) AS raw FROM (` +
      // A short line reports MISSING COLUMNS once per absent column: keep one message per kind of error.
      `SELECT line, error_type, min(line_byte_position) AS pos, min(error_message) AS msg, first(csv_line) AS raw ` +
      `FROM ${quoteIdent(rejectsTable)} WHERE ${where} GROUP BY line, error_type) GROUP BY line) AS r ` +
      `LEFT JOIN _h_linemap m ON m.pos = r.pos ORDER BY r.line`;
    return (await conn.run(sql)).rowsChanged;
  } finally {
    await conn.run(`DROP TABLE IF EXISTS _h_linemap`).catch(() => undefined);
  }
}

async function dropRejectTables(conn: DuckDBConnection, names: readonly string[]): Promise<void> {
  for (const n of names) {
    // Best-effort: after a failed statement the transaction is aborted and the rollback drops them.
    await conn.run(`DROP TABLE IF EXISTS ${quoteIdent(n)}`).catch(() => undefined);
    await conn.run(`DROP TABLE IF EXISTS ${quoteIdent(`${n}_scan`)}`).catch(() => undefined);
  }
}

function isConversionError(err: unknown): boolean {
  return /Conversion Error/i.test((err as Error)?.message ?? '');
}

export async function loadCsv(conn: DuckDBConnection, input: CsvInput): Promise<LoadResult> {
  const mapping = mapColumns(input.table, input.header.columnNames);
  const notes = extrasNotes(input.table, mapping);
  const base = `_h_rej_${input.ctx.ingestId}`;
  const tables = [`${base}_fast`, `${base}_stage`, `${base}_ts`];
  try {
    const fast = await tryFast(conn, input, mapping, tables[0]!);
    const { stored, rejected } = fast ?? await slowPath(conn, input, mapping, tables[1]!, tables[2]!, notes);
    return { read: stored + rejected, tables: [{ table: input.table.name, stored, rejected }], notes };
  } finally {
    await dropRejectTables(conn, tables);
  }
}

async function tryFast(conn: DuckDBConnection, input: CsvInput, mapping: ColumnMapping, rejectsTable: string): Promise<{ stored: number; rejected: number } | undefined> {
  const { targets, exprs } = selectList(input, mapping, true);
  // Row order inside the store is not significant (KQL tables are unordered); parallel insert is faster.
  await conn.run(`SET preserve_insertion_order = false`);
  try {
    const sql = `${insertHead(input, targets)} SELECT ${exprs.join(', ')} FROM ${readCsvSql(input, mapping, 'fast', rejectsTable)}`;
    const stored = (await withProgress(conn, conn.run(sql), input.onProgress)).rowsChanged;
    const rejected = await insertScanRejects(conn, input, rejectsTable);
    return { stored, rejected };
  } catch (err) {
    if (!isConversionError(err)) throw err;
    await conn.run('ROLLBACK');
    await conn.run('BEGIN TRANSACTION');
    return undefined;
  } finally {
    await conn.run(`RESET preserve_insertion_order`);
  }
}

async function slowPath(conn: DuckDBConnection, input: CsvInput, mapping: ColumnMapping, stageRejects: string, tsRejects: string, notes: string[]): Promise<{ stored: number; rejected: number }> {
  await conn.run(`CREATE OR REPLACE TEMP TABLE _h_csv AS SELECT * FROM ${readCsvSql(input, mapping, 'stage', stageRejects)}`);
  try {
    const dt = mapping.mapped.filter((m) => m.column.type === 'datetime');
    const checks = dt.map((m) => {
      const conv = convertText(m.column, quoteIdent(m.source));
      return { failed: conv.failed!(conv.value), reason: failureReason(m.column, quoteIdent(m.source)) };
    });
    const bad = checks.length ? checks.map((c) => c.failed).join(' OR ') : 'FALSE';
    const { targets, exprs } = selectList(input, mapping, false);
    const stored = (await conn.run(`${insertHead(input, targets)} SELECT ${exprs.join(', ')} FROM _h_csv WHERE NOT (${bad})`)).rowsChanged;
    let rejected = await insertScanRejects(conn, input, stageRejects);
    const badRows = Number((await conn.runAndReadAll(`SELECT count(*) FROM _h_csv WHERE ${bad}`)).getRows()[0]![0]);
    if (badRows === 0) return { stored, rejected };
    // Line numbers of the bad timestamps: a scan typing them TIMESTAMP (strict) reports each bad line.
    const dtCols = dt.map((m) => `count(${quoteIdent(m.source)})`).join(', ');
    await conn.run(`SELECT ${dtCols} FROM ${readCsvSql(input, mapping, 'timestamp-check', tsRejects)}`);
    const where = `error_type = 'CAST' AND line NOT IN (SELECT line FROM ${quoteIdent(stageRejects)})`;
    const found = Number((await conn.runAndReadAll(`SELECT count(DISTINCT line) FROM ${quoteIdent(tsRejects)} WHERE ${where}`)).getRows()[0]![0]);
    if (found === badRows) {
      rejected += await insertScanRejects(conn, input, tsRejects, where);
    } else {
      const raw = `concat_ws(${quoteString(input.header.delimiter)}, ${input.header.columnNames.map((n) => `coalesce(CAST(${quoteIdent(n)} AS VARCHAR), '')`).join(', ')})`;
      rejected += (await conn.run(
        `${rejectsInsert(input.ctx, quoteString(input.table.name), 'NULL', 'NULL', reasonExpr(checks), raw)} FROM _h_csv WHERE ${bad}`,
      )).rowsChanged;
      notes.push(`${badRows} row(s) with unreadable timestamps rejected without line numbers (raw text rebuilt from the values)`);
    }
    return { stored, rejected };
  } finally {
    await conn.run(`DROP TABLE IF EXISTS _h_csv`).catch(() => undefined);
  }
}
