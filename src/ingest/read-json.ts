/**
 * Loads an advanced hunting API result file — `{"Schema":[{"Name","Type"}],"Results":[…]}` or Graph
 * runHuntingQuery's `{"schema":[{"name","type"}],"results":[…]}`, keys matched case-insensitively,
 * gzip allowed — with read_json_objects into a staging table (record number + JSON record), then
 * converts it with the shared SQL path. Invalid or truncated JSON fails the whole file.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { basename } from 'node:path';
import type { TableDef } from '../schema/index.js';
import { quoteString } from '../sql/quote.js';
import { rejectsInsert, type RejectContext } from './bookkeeping.js';
import { jsonField } from './json-fields.js';
import { loadStaged } from './load-staged.js';
import { extrasNotes } from './column-map.js';
import { withProgress } from './progress.js';
import type { LoadResult } from './load-result.js';
import { IngestFileError } from './types.js';

export interface ApiJsonStage {
  /** Column names from Schema, then any other keys seen in the records. */
  readonly fields: readonly string[];
  readonly records: number;
}

const MAX_OBJECT = 4_000_000_000;

/** Reads the document into temp table _h_rec(_rec, _src). Caller drops it with dropApiJsonStage. */
export async function stageApiJson(conn: DuckDBConnection, path: string, gzip: boolean, bytes: number, onProgress?: (f: number) => void): Promise<ApiJsonStage> {
  const maxSize = Math.min(MAX_OBJECT, Math.max(16 * 1024 * 1024, bytes * (gzip ? 20 : 1) + 1024));
  try {
    await withProgress(conn, conn.run(
      `CREATE OR REPLACE TEMP TABLE _h_doc AS SELECT json FROM read_json_objects(${quoteString(path)}, format = 'auto', ` +
        `maximum_object_size = ${maxSize}, compression = ${gzip ? `'gzip'` : `'uncompressed'`})`,
    ), onProgress);
  } catch (err) {
    throw new IngestFileError(`invalid JSON in ${basename(path)}: ${(err as Error).message.replace(/\s+/g, ' ').trim()}`);
  }
  const docs = (await conn.runAndReadAll(`SELECT json_type(json), json_keys(json)::VARCHAR[] FROM _h_doc`)).getRows();
  if (docs.length !== 1 || docs[0]![0] !== 'OBJECT') {
    throw new IngestFileError('expected one JSON object with Schema and Results (the advanced hunting API shape)');
  }
  const keys = ((docs[0]![1] as { items?: unknown[] } | null)?.items ?? []).map(String);
  const resultsKey = keys.find((k) => k.toLowerCase() === 'results');
  const schemaKey = keys.find((k) => k.toLowerCase() === 'schema');
  if (!resultsKey) throw new IngestFileError(`no "Results" array in the JSON object (keys: ${keys.join(', ') || 'none'})`);
  const typeRow = (await conn.runAndReadAll(`SELECT json_type(json, ${quoteString(`$."${resultsKey}"`)}) FROM _h_doc`)).getRows()[0]!;
  if (typeRow[0] !== 'ARRAY') throw new IngestFileError(`"${resultsKey}" is not an array`);
  const schemaNames: string[] = [];
  if (schemaKey) {
    const rows = (await conn.runAndReadAll(`SELECT CAST(unnest(json_extract(json, ${quoteString(`$."${schemaKey}"[*]`)})) AS VARCHAR) FROM _h_doc`)).getRows();
    for (const [text] of rows) {
      const entry = JSON.parse(String(text)) as Record<string, unknown>;
      const nameKey = Object.keys(entry).find((k) => k.toLowerCase() === 'name');
      if (nameKey && typeof entry[nameKey] === 'string') schemaNames.push(entry[nameKey] as string);
    }
  }
  await conn.run(
    `CREATE OR REPLACE TEMP TABLE _h_rec AS SELECT unnest(range(1, len(l) + 1)) AS _rec, unnest(l) AS _src ` +
      `FROM (SELECT json_extract(json, ${quoteString(`$."${resultsKey}"[*]`)}) AS l FROM _h_doc)`,
  );
  await conn.run(`DROP TABLE IF EXISTS _h_doc`);
  const keyRows = (await conn.runAndReadAll(`SELECT DISTINCT unnest(json_keys(_src)) FROM _h_rec WHERE json_type(_src) = 'OBJECT'`)).getRows();
  const seen = new Set(schemaNames);
  const others = keyRows.map((r) => String(r[0])).filter((k) => !seen.has(k)).sort();
  const records = Number((await conn.runAndReadAll(`SELECT count(*) FROM _h_rec`)).getRows()[0]![0]);
  return { fields: [...schemaNames, ...others], records };
}

/** Best-effort: after a failed statement the transaction is aborted and the rollback drops them. */
export async function dropApiJsonStage(conn: DuckDBConnection): Promise<void> {
  await conn.run(`DROP TABLE IF EXISTS _h_doc`).catch(() => undefined);
  await conn.run(`DROP TABLE IF EXISTS _h_rec`).catch(() => undefined);
}

export async function loadApiJson(conn: DuckDBConnection, table: TableDef, stage: ApiJsonStage, ctx: RejectContext): Promise<LoadResult> {
  const notObject = (await conn.run(
    `${rejectsInsert(ctx, quoteString(table.name), '_rec', 'NULL', `'record is not a JSON object'`, 'CAST(_src AS VARCHAR)')} FROM _h_rec WHERE json_type(_src) <> 'OBJECT' ORDER BY _rec`,
  )).rowsChanged;
  const r = await loadStaged(conn, table, {
    relation: `SELECT _rec, CAST(NULL AS BIGINT) AS _line, _src FROM _h_rec WHERE json_type(_src) = 'OBJECT'`,
    fields: stage.fields.map((k) => jsonField('_src', k)),
    rawText: 'CAST(_src AS VARCHAR)',
  }, ctx);
  return {
    read: stage.records,
    tables: [{ table: table.name, stored: r.stored, rejected: r.rejected + notObject }],
    notes: extrasNotes(table, r.mapping),
  };
}
