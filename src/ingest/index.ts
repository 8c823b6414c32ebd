/** Ingestion: every format into the store, losslessly (rejects and extra columns are kept and counted). */
export { ingestPaths, expandPaths } from './ingest-paths.js';
export { ingestFile, PROGRESS_MIN_BYTES } from './ingest-file.js';
export { detectFormat } from './detect-format.js';
export { tableFromColumns, tableFromFileName, tableFromCategory } from './infer-table.js';
export { IngestFileError, type FileSummary, type IngestFormat, type IngestOptions, type TableCounts } from './types.js';
