/**
 * KQL text → SQL for one engine: analysis (parse, bind, lower to IR), IR → SQL through the
 * dialect, and the result projection that shapes each column for the engine's decoder. Shared by
 * the DuckDB engine and the ClickHouse engines.
 */
import { analyze, formatDiagnostics, makeDiagnostic } from '../kql/analyze.js';
import { printRel } from '../kql/ir/print.js';
import { parseHiddenBag } from '../kql/ir/types.js';
import { SqlCompiler } from '../sql/compile.js';
import { hook, type Dialect } from '../sql/dialect.js';
import { quoteString, withQuoting } from '../sql/quote.js';
import { holdsTicks } from '../sql/ticks.js';
import { QueryError, type QueryOptions, type QueryResult } from './contract.js';

export interface Translation {
  sql: string;
  columns: QueryResult['columns'];
  render?: QueryResult['render'];
  parseMs: number;
  translateMs: number;
  syntax: () => string;
  ir: string;
  /** Statements run before the query (session constants the query reads), and after it. */
  before: readonly string[];
  after: readonly string[];
  /** Set when the result ends in bag_unpack: SQL listing the bag keys, and the SQL for given keys. */
  bag?: { keysSql: string; withKeys(keys: readonly string[]): { sql: string; columns: QueryResult['columns'] } };
}

/**
 * KQL text → the SQL statements one query runs on `dialect`. Compilation runs inside the dialect's
 * quoting scope, so every literal and identifier is escaped the way that engine reads it.
 */
export function translate(dialect: Dialect, text: string, options: QueryOptions, externalDataDir: string | undefined, maxRows: number): Translation {
  return withQuoting(dialect.quoting, () => translateIn(dialect, text, options, externalDataDir, maxRows));
}

function translateIn(dialect: Dialect, text: string, options: QueryOptions, externalDataDir: string | undefined, maxRows: number): Translation {
  const a = analyze(text, { externalDataDir });
  if (a.diagnostics.length > 0 || !a.rel) throw new QueryError(a.diagnostics, formatDiagnostics(text, a.diagnostics));
  const t0 = performance.now();
  const now = options.now ?? new Date();
  const nowMicros = (BigInt(now.getTime()) * 1000n).toString();
  const compiler = new SqlCompiler(dialect, nowMicros);
  let body;
  try {
    body = compiler.compile(a.rel);
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    const d = makeDiagnostic(text, msg.startsWith('not supported') ? 'NOT-SUPPORTED' : 'INTERNAL', msg);
    throw new QueryError([d], msg);
  }
  const all = a.rel.columns;
  const visible = all.map((c, i) => ({ c, i })).filter(({ c }) => !c.name.startsWith('__bag|'));
  const bagIdx = all.findIndex((c) => c.name.startsWith('__bag|'));
  const limit = maxRows > 0 ? ` LIMIT ${maxRows + 1}` : '';
  const withClause = compiler.ctes.length ? `WITH ${compiler.ctes.join(', ')} ` : '';
  const nanos = holdsTicks(body.sql) || holdsTicks(withClause);
  const build = (keys: readonly string[]) => {
    const hb = bagIdx >= 0 ? parseHiddenBag(all[bagIdx]!.name)! : { prefix: '', conflict: 'keep' as const };
    const prefix = hb.prefix;
    const taken = new Set(visible.map(({ c }) => c.name));
    const clash = keys.filter((k) => taken.has(prefix + k));
    if (clash.length > 0 && hb.conflict === 'error') {
      const msg = `bag_unpack: the bag key ${prefix + clash[0]!} conflicts with an existing column (columnsConflict='error'; use 'keep_source' or 'replace_source')`;
      throw new QueryError([makeDiagnostic(text, 'EXECUTION', msg)], msg);
    }
    const replaced = new Set(hb.conflict === 'replace' ? clash.map((k) => prefix + k) : []);
    const extra = keys.filter((k) => !taken.has(prefix + k));
    const fromBag = (k: string) => hook(dialect, 'outputCast')(hook(dialect, 'jsonGet')(body.names[bagIdx]!, quoteString(k), false), 'dynamic', false);
    const parts = [
      ...visible.map(({ c, i }) => (replaced.has(c.name) ? fromBag(c.name.slice(prefix.length)) : hook(dialect, 'outputCast')(body.names[i]!, c.type, nanos))),
      ...extra.map(fromBag),
    ];
    return {
      sql: `${withClause}SELECT ${parts.join(', ') || '1'} FROM (${body.sql}) AS result${limit}`,
      columns: [...visible.map(({ c }) => ({ name: c.name, type: replaced.has(c.name) ? 'dynamic' as const : c.type })), ...extra.map((k) => ({ name: prefix + k, type: 'dynamic' as const }))],
    };
  };
  const plain = build([]);
  const bag = bagIdx < 0 ? undefined : {
    keysSql: `${withClause}${hook(dialect, 'bagKeys')(body.names[bagIdx]!, body.sql)}`,
    // Called after the key query ran, outside translate()'s quoting scope: the keys are quoted for this dialect.
    withKeys: (keys: readonly string[]) => withQuoting(dialect.quoting, () => build(keys)),
  };
  // A constant may read the query's CTEs (let-bound tables), so it is computed under the same WITH.
  const before = compiler.constants.map((c) => hook(dialect, 'setSessionConstant')(c.name, `${withClause}${c.sql}`));
  const after = compiler.constants.map((c) => hook(dialect, 'resetSessionConstant')(c.name));
  return {
    sql: plain.sql, columns: plain.columns, render: a.render, bag, before, after,
    parseMs: a.parseMs, translateMs: a.lowerMs + (performance.now() - t0), syntax: a.syntaxDump, ir: printRel(a.rel),
  };
}

