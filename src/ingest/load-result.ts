/** What every format loader returns for one file: records read, per-table counts, and notes. */
import type { TableCounts } from './types.js';

export interface LoadResult {
  /** Records read; always the sum of stored and rejected over the tables plus unroutable rejects. */
  readonly read: number;
  readonly tables: readonly TableCounts[];
  readonly notes: readonly string[];
  /** Rejects that belong to no table (streaming lines that are not JSON or name no known table). */
  readonly unroutedRejects?: number;
}
