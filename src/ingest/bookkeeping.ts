/**
 * The manifest side of ingestion: file hashes, duplicate detection, and the rows written to
 * _harrier_ingests and _harrier_rejects. Reject rows are written by SQL (INSERT … SELECT) built here.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import { INGESTS_TABLE, REJECTS_TABLE } from '../store/ddl.js';
import { quoteIdent, quoteString } from '../sql/quote.js';

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export interface PreviousIngest {
  readonly ingestId: number;
  readonly filePath: string;
  readonly finishedAt: string;
}

export async function findIngestBySha(conn: DuckDBConnection, sha256: string): Promise<PreviousIngest | undefined> {
  const r = await conn.runAndReadAll(
    `SELECT ingest_id, file_path, strftime(finished_at, '%Y-%m-%dT%H:%M:%SZ') FROM ${quoteIdent(INGESTS_TABLE)} WHERE sha256 = $1 ORDER BY ingest_id DESC LIMIT 1`,
    [sha256],
  );
  const row = r.getRows()[0];
  return row ? { ingestId: Number(row[0]), filePath: String(row[1]), finishedAt: String(row[2]) } : undefined;
}

/**
 * True when some recorded ingest had exactly this many bytes, or an unknown size (0, rows from before
 * file_size existed): only then can the file be a duplicate and its hash must be checked first.
 */
export async function hasIngestOfSize(conn: DuckDBConnection, bytes: number): Promise<boolean> {
  const r = await conn.runAndReadAll(`SELECT count(*) FROM ${quoteIdent(INGESTS_TABLE)} WHERE file_size = $1 OR file_size = 0`, [bytes]);
  return Number(r.getRows()[0]![0]) > 0;
}

export async function nextIngestId(conn: DuckDBConnection): Promise<number> {
  const r = await conn.runAndReadAll(`SELECT nextval('_harrier_ingest_seq')`);
  return Number(r.getRows()[0]![0]);
}

export interface IngestRecord {
  readonly ingestId: number;
  readonly filePath: string;
  readonly fileSize: number;
  readonly sha256: string;
  readonly tables: readonly string[];
  readonly format: string;
  readonly read: number;
  readonly stored: number;
  readonly rejected: number;
  readonly startedAt: Date;
  readonly notes: readonly string[];
}

export async function recordIngest(conn: DuckDBConnection, rec: IngestRecord): Promise<void> {
  await conn.run(
    `INSERT INTO ${quoteIdent(INGESTS_TABLE)} (ingest_id, file_path, file_size, sha256, table_name, format, rows_read, rows_stored, rows_rejected, started_at, finished_at, notes)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, make_timestamp($10::BIGINT), now()::TIMESTAMP, $11)`,
    [rec.ingestId, rec.filePath, rec.fileSize, rec.sha256, rec.tables.join(','), rec.format, rec.read, rec.stored, rec.rejected,
      rec.startedAt.getTime() * 1000, rec.notes.join('\n')],
  );
}

/** Context every reject row carries. */
export interface RejectContext {
  readonly ingestId: number;
  readonly filePath: string;
}

/**
 * `INSERT INTO _harrier_rejects … SELECT <ctx>, table, record, line, reason, raw FROM …`: the caller
 * appends the FROM/WHERE clause; the four expressions are SQL over that FROM.
 */
export function rejectsInsert(ctx: RejectContext, table: string, record: string, line: string, reason: string, raw: string): string {
  return `INSERT INTO ${quoteIdent(REJECTS_TABLE)} (ingest_id, file_path, table_name, record_number, line_number, reason, raw_text) ` +
    `SELECT ${ctx.ingestId}, ${quoteString(ctx.filePath)}, ${table}, ${record}, ${line}, ${reason}, coalesce(${raw}, '')`;
}
