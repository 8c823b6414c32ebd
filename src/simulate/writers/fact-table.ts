/**
 * Columnar staging buffers: a fact table is a set of numeric columns filled in place and appended
 * to DuckDB one data chunk (2,048 rows) at a time through the Appender. Numbers only on this hot
 * path: strings go through the dictionaries and are joined back in SQL.
 */
import { DuckDBAppender, DuckDBDataChunk, DuckDBDoubleType, DuckDBIntegerType, type DuckDBType } from '@duckdb/node-api';

export const CHUNK_ROWS = 2048;

export type NumKind = 'i' | 'd';

export class FactTable {
  readonly cols: Float64Array[];
  private readonly types: DuckDBType[];
  n = 0;
  total = 0;

  constructor(readonly name: string, readonly columns: readonly (readonly [string, NumKind])[], private readonly appender: DuckDBAppender) {
    this.cols = columns.map(() => new Float64Array(CHUNK_ROWS));
    this.types = columns.map(([, k]) => (k === 'i' ? DuckDBIntegerType.instance : DuckDBDoubleType.instance));
  }

  /** Index of a fresh row in the current chunk; flushes a full chunk first. */
  row(): number {
    if (this.n === CHUNK_ROWS) this.flush();
    this.total++;
    return this.n++;
  }

  flush(): void {
    if (this.n === 0) return;
    const chunk = DuckDBDataChunk.create(this.types, this.n);
    for (let j = 0; j < this.cols.length; j++) {
      const col = this.n === CHUNK_ROWS ? this.cols[j]! : this.cols[j]!.subarray(0, this.n);
      chunk.setColumnValues(j, col as unknown as number[]);
    }
    this.appender.appendDataChunk(chunk);
    this.n = 0;
  }

  /** Makes every row appended so far visible to other connections. */
  commit(): void {
    this.flush();
    this.appender.flushSync();
  }

  close(): void {
    this.flush();
    this.appender.closeSync();
  }

  static ddl(name: string, columns: readonly (readonly [string, NumKind])[]): string {
    return `CREATE TABLE ${name} (${columns.map(([c, k]) => `${c} ${k === 'i' ? 'INTEGER' : 'DOUBLE'}`).join(', ')})`;
  }
}
