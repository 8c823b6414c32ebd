/**
 * Opens (creating if needed) a Harrier store: a DuckDB database file holding the MDE tables and
 * the bookkeeping tables. ':memory:' gives an empty in-memory store with every table present.
 */
import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { storeDdl } from './ddl.js';

export const DEFAULT_STORE_PATH = './harrier.duckdb';

export interface Store {
  readonly path: string;
  readonly instance: DuckDBInstance;
  /** A trusted connection for Harrier's own work (ingest, bookkeeping). Never runs user KQL. */
  readonly connection: DuckDBConnection;
  close(): void;
}

export interface OpenStoreOptions {
  readonly readOnly?: boolean;
  /** Create the MDE and bookkeeping tables when missing (default true unless readOnly). */
  readonly ensureSchema?: boolean;
}

export async function openStore(path: string, options: OpenStoreOptions = {}): Promise<Store> {
  const config: Record<string, string> = {};
  if (options.readOnly && path !== ':memory:') config['access_mode'] = 'READ_ONLY';
  const instance = await DuckDBInstance.create(path, config);
  const connection = await instance.connect();
  // Timestamps are UTC everywhere; TIMESTAMPTZ → TIMESTAMP conversions use the session zone.
  await connection.run(`SET TimeZone = 'UTC'`);
  if (options.ensureSchema ?? !options.readOnly) {
    for (const sql of storeDdl()) await connection.run(sql);
  }
  return {
    path,
    instance,
    connection,
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}
