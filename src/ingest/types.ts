/**
 * The public shapes of ingestion: options, per-file summaries and the formats Harrier reads.
 * Every reader and the CLI speak these types; nothing here does I/O.
 */
export type IngestFormat = 'csv' | 'api-json' | 'streaming-jsonl' | 'parquet';

export interface IngestOptions {
  /** Load every file into this table (case-insensitive MDE table name) instead of inferring it. */
  readonly table?: string;
  /** Re-ingest files whose sha256 is already recorded in _harrier_ingests. */
  readonly force?: boolean;
  /** Called with a 0..1 fraction while a file's main load query runs (large files only). */
  readonly onProgress?: (file: string, fraction: number) => void;
  /** Called when a file starts, with its size in bytes (lets a CLI decide to show a progress bar). */
  readonly onFileStart?: (file: string, bytes: number) => void;
  /** Called when a file is done, with its summary. */
  readonly onFileDone?: (summary: FileSummary) => void;
}

export interface TableCounts {
  readonly table: string;
  readonly stored: number;
  readonly rejected: number;
}

export type FileStatus = 'stored' | 'skipped' | 'failed';

export interface FileSummary {
  readonly file: string;
  readonly status: FileStatus;
  readonly format?: IngestFormat;
  readonly sha256?: string;
  readonly ingestId?: number;
  /** Records read from the file (data lines / JSON records / Parquet rows); always stored + rejected. */
  readonly read: number;
  readonly stored: number;
  readonly rejected: number;
  /** Per-table counts (several tables only for streaming files that mix categories). */
  readonly tables: readonly TableCounts[];
  /** Loud notes: extra columns kept in AdditionalFields or dropped, skipped duplicates, fallbacks. */
  readonly notes: readonly string[];
  /** Why the file failed (status 'failed') or was skipped (status 'skipped'). */
  readonly message?: string;
  readonly seconds: number;
}

/** An error that fails one file (not the whole run): bad JSON, unknown table, unreadable file. */
export class IngestFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IngestFileError';
  }
}
