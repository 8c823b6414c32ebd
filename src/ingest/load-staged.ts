/**
 * The one conversion path for sources whose values arrive as text or JSON (API JSON, streaming JSON
 * lines, Parquet): converts a staged relation into one table with TRY_CAST in SQL, inserts the good
 * rows and writes each bad row to _harrier_rejects with its record/line number and reason.
 * Runs inside the caller's transaction; read = stored + rejected by construction.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { TableDef } from '../schema/index.js';
import { quoteIdent, quoteString } from '../sql/quote.js';
import { convertJson, convertText, failureReason, mergeExtras, reasonExpr } from './convert.js';
import { ADDITIONAL_FIELDS, mapColumns, type ColumnMapping } from './column-map.js';
import { rejectsInsert, type RejectContext } from './bookkeeping.js';

export interface StagedField {
  readonly name: string;
  /** SQL over the relation: the value as VARCHAR (NULL when absent). */
  readonly text: string;
  /** SQL over the relation: the value as JSON, when the source is JSON (else undefined). */
  readonly json?: string;
}

export interface StagedSource {
  /** SQL relation with columns _rec (BIGINT), _line (BIGINT or NULL), _src, and whatever fields use. */
  readonly relation: string;
  readonly fields: readonly StagedField[];
  /** SQL over column _src giving the raw text stored with a reject. */
  readonly rawText: string;
}

export interface StagedResult {
  readonly stored: number;
  readonly rejected: number;
  readonly mapping: ColumnMapping;
}

export async function loadStaged(conn: DuckDBConnection, table: TableDef, source: StagedSource, ctx: RejectContext): Promise<StagedResult> {
  const mapping = mapColumns(table, source.fields.map((f) => f.name));
  const byName = new Map(source.fields.map((f, k) => [f.name, { ...f, t: `t${k}`, j: `j${k}` }]));
  const l1 = [`_rec`, `_line`, `_src`];
  for (const f of byName.values()) {
    l1.push(`${f.text} AS ${f.t}`);
    if (f.json) l1.push(`${f.json} AS ${f.j}`);
  }
  const targets: string[] = [];
  const values: string[] = [];
  const checks: { failed: string; reason: string }[] = [];
  let afIndex = -1;
  for (const m of mapping.mapped) {
    const f = byName.get(m.source)!;
    const conv = f.json ? convertJson(m.column, f.j, f.t) : convertText(m.column, f.t);
    if (m.column.name === ADDITIONAL_FIELDS) afIndex = values.length;
    targets.push(m.column.name);
    values.push(conv.value);
    if (conv.failed) checks.push({ failed: conv.failed(`v${values.length - 1}`), reason: failureReason(m.column, f.t) });
  }
  if (mapping.canKeepExtras && mapping.extras.length > 0) {
    const extras = mapping.extras.map((name) => {
      const f = byName.get(name)!;
      return { name, value: f.json ? f.j : f.t };
    });
    if (afIndex >= 0) values[afIndex] = mergeExtras(values[afIndex]!, extras);
    else {
      targets.push(ADDITIONAL_FIELDS);
      values.push(mergeExtras('CAST(NULL AS JSON)', extras));
    }
  }
  // l2 computes each converted value once; l3 checks them and builds the reject reason.
  const l2 = `SELECT *, ${values.map((v, i) => `${v} AS v${i}`).join(', ')} FROM (SELECT ${l1.join(', ')} FROM (${source.relation}))`;
  if (targets.length === 0) {
    // No column of the table is present: every record still becomes a row (all defaults).
    const first = table.columns[0]!;
    targets.push(first.name);
    values.push(first.type === 'string' ? `''` : `NULL`);
  }
  const reason = reasonExpr(checks);
  const vcols = values.map((_, i) => `v${i}`);
  await conn.run(`CREATE OR REPLACE TEMP TABLE _h_conv AS SELECT _rec, _line, _src, ${[...vcols, `${reason} AS _reason`].join(', ')} FROM (${l2})`);
  try {
    const stored = (await conn.run(
      `INSERT INTO ${quoteIdent(table.name)} (${targets.map(quoteIdent).join(', ')}) SELECT ${vcols.join(', ')} FROM _h_conv WHERE _reason IS NULL ORDER BY _line, _rec`,
    )).rowsChanged;
    const rej = await conn.run(
      `${rejectsInsert(ctx, quoteString(table.name), '_rec', '_line', '_reason', source.rawText)} FROM _h_conv WHERE _reason IS NOT NULL ORDER BY _line, _rec`,
    );
    return { stored, rejected: rej.rowsChanged, mapping };
  } finally {
    await conn.run(`DROP TABLE IF EXISTS _h_conv`).catch(() => undefined);
  }
}
