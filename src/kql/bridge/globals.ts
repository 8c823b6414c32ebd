/**
 * Builds the binder's GlobalState from src/schema once: a database 'harrier' holding every MDE
 * table with its columns typed as the engine stores them (JSON columns as dynamic).
 */
import { MDE_TABLES } from '../../schema/index.js';
import { kustoLanguage } from './load.js';

let globals: unknown;

export function mdeGlobals(): unknown {
  if (globals) return globals;
  const K = kustoLanguage();
  const S = K.Symbols;
  // Symbols are built directly (no schema-string parsing): this is on the cold-start path.
  const scalar = (t: string) => S.ScalarTypes.GetSymbol(t);
  const tables = [...MDE_TABLES.values()].map((t) => {
    const columns = t.columns.map((c) => new S.ColumnSymbol(c.name, scalar(c.type), null, null, null, null));
    return new S.TableSymbol.$ctor4(t.name, columns);
  });
  globals = K.GlobalState.Default.WithDatabase(new S.DatabaseSymbol.$ctor1('harrier', tables, false));
  return globals;
}
