/**
 * Ingests one file as one transaction: detect the format, skip it when its sha256 was ingested
 * before (unless forced), choose the table, load it with the format's DuckDB reader, record the
 * ingest and its rejects, commit. Any failure rolls the whole file back and is returned as a
 * 'failed' summary (never thrown), so a run continues with the next file.
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Store } from '../store/index.js';
import { findIngestBySha, hasIngestOfSize, nextIngestId, recordIngest, sha256File, type RejectContext } from './bookkeeping.js';
import { readCsvHeader } from './csv-header.js';
import { detectFormat } from './detect-format.js';
import { tableFromColumns, tableFromFileName, tableFromOption } from './infer-table.js';
import type { LoadResult } from './load-result.js';
import { loadCsv } from './read-csv.js';
import { dropApiJsonStage, loadApiJson, stageApiJson } from './read-json.js';
import { describeParquet, loadParquet } from './read-parquet.js';
import { loadStreaming } from './read-streaming.js';
import { IngestFileError, type FileSummary, type IngestFormat, type IngestOptions } from './types.js';

/** Files at least this large report progress while their main load query runs. */
export const PROGRESS_MIN_BYTES = 4 * 1024 * 1024;

export async function ingestFile(store: Store, file: string, options: IngestOptions = {}): Promise<FileSummary> {
  const conn = store.connection;
  const path = resolve(file);
  const started = new Date();
  const elapsed = () => (Date.now() - started.getTime()) / 1000;
  let format: IngestFormat | undefined;
  let inTransaction = false;
  const base = { file: path, read: 0, stored: 0, rejected: 0, tables: [], notes: [] };
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new IngestFileError('not a regular file');
    options.onFileStart?.(path, info.size);
    const detected = await detectFormat(path);
    format = detected.format;
    // Hash while DuckDB loads; only a file whose size matches an earlier ingest can be a duplicate.
    const hashing = sha256File(path);
    hashing.catch(() => undefined);
    if (!options.force && await hasIngestOfSize(conn, info.size)) {
      const prev = await findIngestBySha(conn, await hashing);
      if (prev) {
        return {
          ...base, status: 'skipped', format, sha256: await hashing, seconds: elapsed(),
          message: `already ingested (ingest ${prev.ingestId}, ${prev.filePath}, ${prev.finishedAt}); use --force to load it again`,
        };
      }
    }
    const ingestId = await nextIngestId(conn);
    const ctx: RejectContext = { ingestId, filePath: path };
    const onProgress = options.onProgress && info.size >= PROGRESS_MIN_BYTES
      ? (f: number) => options.onProgress!(path, f) : undefined;
    await conn.run('BEGIN TRANSACTION');
    inTransaction = true;
    const result = await loadByFormat(store, path, detected.gzip, format, info.size, options, ctx, onProgress);
    const sha256 = await hashing;
    const stored = result.tables.reduce((n, t) => n + t.stored, 0);
    const rejected = result.tables.reduce((n, t) => n + t.rejected, 0) + (result.unroutedRejects ?? 0);
    if (stored + rejected !== result.read) {
      throw new Error(`internal: counts do not reconcile (read ${result.read}, stored ${stored}, rejected ${rejected})`);
    }
    await recordIngest(conn, {
      ingestId, filePath: path, fileSize: info.size, sha256, tables: result.tables.map((t) => t.table), format,
      read: result.read, stored, rejected, startedAt: started, notes: result.notes,
    });
    await conn.run('COMMIT');
    inTransaction = false;
    return { ...base, status: 'stored', format, sha256, ingestId, read: result.read, stored, rejected, tables: result.tables, notes: result.notes, seconds: elapsed() };
  } catch (err) {
    if (inTransaction) await conn.run('ROLLBACK').catch(() => undefined);
    const message = err instanceof IngestFileError ? err.message
      : (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory'
      : `${(err as Error).message ?? String(err)}`.replace(/\s+/g, ' ').trim();
    return { ...base, status: 'failed', ...(format ? { format } : {}), message, seconds: elapsed() };
  }
}

async function loadByFormat(
  store: Store, path: string, gzip: boolean, format: IngestFormat, bytes: number, options: IngestOptions,
  ctx: RejectContext, onProgress: ((f: number) => void) | undefined,
): Promise<LoadResult> {
  const conn = store.connection;
  const named = options.table ? tableFromOption(options.table) : tableFromFileName(path);
  const progress = onProgress ? { onProgress } : {};
  switch (format) {
    case 'csv': {
      const header = await readCsvHeader(path);
      const table = named ?? tableFromColumns(header.names);
      return loadCsv(conn, { path, gzip, table, header, ctx, ...progress });
    }
    case 'api-json': {
      try {
        const stage = await stageApiJson(conn, path, gzip, bytes, onProgress);
        const table = named ?? tableFromColumns(stage.fields);
        return await loadApiJson(conn, table, stage, ctx);
      } finally {
        await dropApiJsonStage(conn);
      }
    }
    case 'streaming-jsonl': {
      const forced = options.table ? tableFromOption(options.table) : undefined;
      const byName = forced ? undefined : tableFromFileName(path);
      return loadStreaming(conn, {
        path, gzip, ctx, ...progress, ...(forced ? { forcedTable: forced } : {}), ...(byName ? { defaultTable: byName } : {}),
      });
    }
    case 'parquet': {
      const columns = await describeParquet(conn, path);
      const table = named ?? tableFromColumns(columns.map((c) => c.name));
      return loadParquet(conn, path, table, columns, ctx);
    }
  }
}
