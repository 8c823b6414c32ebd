/**
 * Registers Harrier's UDFs (udfs.ts) on a DuckDB connection, in process. Call before the
 * configuration is locked.
 */
import { BIGINT, DOUBLE, VARCHAR, DuckDBScalarFunction, type DuckDBConnection, type DuckDBType } from '@duckdb/node-api';
import { harrierUdfs, type UdfKind } from './udfs.js';

const DUCKDB_TYPE: Readonly<Record<UdfKind, DuckDBType>> = { text: VARCHAR, real: DOUBLE, long: BIGINT };

export async function registerHarrierUdfs(conn: DuckDBConnection): Promise<void> {
  for (const u of await harrierUdfs()) {
    conn.registerScalarFunction(DuckDBScalarFunction.create({
      name: u.name,
      returnType: DUCKDB_TYPE[u.returns],
      parameterTypes: u.params.map((k) => DUCKDB_TYPE[k]),
      mainFunction: (_info, input, output) => {
        const cols = u.params.map((_, i) => input.getColumnVector(i));
        for (let r = 0; r < input.rowCount; r++) {
          const args = cols.map((c) => c.getItem(r)) as never[];
          output.setItem(r, (args.some((a) => a === null) ? null : u.fn(...args)) as never);
        }
        output.flush();
      },
    }));
  }
}
