/**
 * The conformance harness's engine module for `--engine chdb`: the ClickHouse engine over a chDB
 * data folder. A store given by the harness (the simulated estate for the hunting corpus) is
 * copied into the folder once per worker; without one, the folder holds the empty MDE tables.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KqlEngine, OpenEngineOptions } from '../../src/engine/contract.js';
import { openChdb } from '../../src/engine/clickhouse/connection.js';
import { openClickHouseEngine } from '../../src/engine/clickhouse/engine.js';
import { copyDuckdbToClickHouse } from '../../src/store/clickhouse/copy-from-duckdb.js';
import { clickhouseStoreDdl } from '../../src/store/clickhouse/ddl.js';
import { openStore } from '../../src/store/index.js';

export async function openEngine(options: OpenEngineOptions = {}): Promise<KqlEngine> {
  const dir = mkdtempSync(join(tmpdir(), 'harrier-conformance-chdb-'));
  const w = await openChdb(dir, { writable: true });
  try {
    if (options.db) {
      const store = await openStore(options.db, { readOnly: true });
      try { await copyDuckdbToClickHouse(store.connection, w); } finally { store.close(); }
    } else {
      for (const ddl of clickhouseStoreDdl()) await w.command(ddl);
    }
  } finally {
    w.close();
  }
  return openClickHouseEngine(await openChdb(dir, { writable: false }), options.externalDataDir ? { externalDataDir: options.externalDataDir } : {});
}
