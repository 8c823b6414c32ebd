/**
 * The staging store: an attached scratch DuckDB file (`<out>.staging.duckdb`, deleted afterwards)
 * holding the numeric fact tables, the dictionaries and the estate dimensions that materialize.ts
 * joins into the MDE tables. Column layouts of every fact table are defined here, once.
 */
import { DuckDBAppender, DuckDBConnection, DuckDBDataChunk, DuckDBDoubleType, DuckDBIntegerType, DuckDBVarCharType, type DuckDBType } from '@duckdb/node-api';
import { FactTable, CHUNK_ROWS, type NumKind } from './fact-table.js';

export const STG = 'stg';

type Spec = readonly (readonly [string, NumKind])[];

export const FACT_SPECS = {
  f_proc: [['pk', 'i'], ['dev', 'i'], ['ts', 'd'], ['bin', 'i'], ['cmd', 'i'], ['pid', 'i'], ['usr', 'i'], ['logon', 'd'], ['integ', 'i'], ['elev', 'i'], ['parent', 'i'], ['sess', 'i'], ['rid', 'd'], ['emit', 'i']],
  f_net: [['ts', 'd'], ['proc', 'i'], ['act', 'i'], ['ep', 'i'], ['lport', 'i'], ['rid', 'd']],
  f_file: [['ts', 'd'], ['proc', 'i'], ['act', 'i'], ['fobj', 'i'], ['prev', 'i'], ['origin', 'i'], ['af', 'i'], ['rid', 'd']],
  f_evt: [['ts', 'd'], ['dev', 'i'], ['proc', 'i'], ['act', 'i'], ['fobj', 'i'], ['ep', 'i'], ['cmd', 'i'], ['af', 'i'], ['rid', 'd']],
  f_logon: [['ts', 'd'], ['dev', 'i'], ['usr', 'i'], ['act', 'i'], ['ltype', 'i'], ['proto', 'i'], ['rip', 'i'], ['rport', 'i'], ['rdev', 'i'], ['logon', 'd'], ['proc', 'i'], ['fail', 'i'], ['admin', 'i'], ['rid', 'd']],
  f_reg: [['ts', 'd'], ['proc', 'i'], ['act', 'i'], ['rkey', 'i'], ['vname', 'i'], ['vtype', 'i'], ['vdata', 'i'], ['rid', 'd']],
  f_img: [['ts', 'd'], ['proc', 'i'], ['bin', 'i'], ['rid', 'd']],
} as const satisfies Record<string, Spec>;

export type FactName = keyof typeof FACT_SPECS;
export type Facts = { readonly [K in FactName]: FactTable };

export async function createFacts(connection: DuckDBConnection): Promise<Facts> {
  const out: Partial<Record<FactName, FactTable>> = {};
  for (const [name, spec] of Object.entries(FACT_SPECS) as [FactName, Spec][]) {
    await connection.run(FactTable.ddl(`${STG}.${name}`, spec));
    const appender = await connection.createAppender(name, 'main', STG);
    out[name] = new FactTable(name, spec, appender);
  }
  return out as Facts;
}

export type DimKind = 'VARCHAR' | 'INTEGER' | 'DOUBLE';

/** A dimension table that grows batch by batch (dictionaries); `append` commits each call. */
export class DimensionWriter {
  private constructor(private readonly appender: DuckDBAppender, private readonly types: DuckDBType[]) {}

  static async create(connection: DuckDBConnection, name: string, columns: readonly (readonly [string, DimKind])[]): Promise<DimensionWriter> {
    await connection.run(`CREATE TABLE ${STG}.${name} (${columns.map(([c, k]) => `${c} ${k}`).join(', ')})`);
    return new DimensionWriter(await connection.createAppender(name, 'main', STG), columns.map(([, k]) => dimType(k)));
  }

  append(rows: readonly (readonly (string | number)[])[]): void {
    for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
      const slice = rows.slice(start, start + CHUNK_ROWS);
      const chunk = DuckDBDataChunk.create(this.types, slice.length);
      for (let j = 0; j < this.types.length; j++) chunk.setColumnValues(j, slice.map((r) => r[j]!));
      this.appender.appendDataChunk(chunk);
    }
    this.appender.flushSync();
  }

  close(): void {
    this.appender.closeSync();
  }
}

const dimType = (k: DimKind): DuckDBType => (k === 'VARCHAR' ? DuckDBVarCharType.instance : k === 'INTEGER' ? DuckDBIntegerType.instance : DuckDBDoubleType.instance);

/** Appends a small dimension table (created here) through data chunks. */
export async function uploadDimension(connection: DuckDBConnection, name: string, columns: readonly (readonly [string, DimKind])[], rows: readonly (readonly (string | number)[])[]): Promise<void> {
  await connection.run(`CREATE TABLE ${STG}.${name} (${columns.map(([c, k]) => `${c} ${k}`).join(', ')})`);
  const appender = await connection.createAppender(name, 'main', STG);
  const types: DuckDBType[] = columns.map(([, k]) => dimType(k));
  for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
    const slice = rows.slice(start, start + CHUNK_ROWS);
    const chunk = DuckDBDataChunk.create(types, slice.length);
    for (let j = 0; j < columns.length; j++) chunk.setColumnValues(j, slice.map((r) => r[j]!));
    appender.appendDataChunk(chunk);
  }
  appender.closeSync();
}
