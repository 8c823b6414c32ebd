/**
 * externaldata: reads CSV/TSV/JSON-lines files, only from OpenEngineOptions.externalDataDir (the
 * user-query connection itself has no file access). Files are read here, in TS, and their rows
 * become a literal Values table, so no path ever reaches SQL.
 */
import { readFileSync, realpathSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseCsv } from 'csv-parse/sync';
import { child, list, type KNode } from '../../bridge/syntax.js';
import * as R from '../../ir/relational.js';
import { lit, type Scalar } from '../../ir/scalar.js';
import type { KqlType } from '../../ir/types.js';
import { LowerError } from '../context.js';
import type { LowerContext } from '../context.js';
import { parseDatetimeText } from '../literals.js';
import { outputColumns } from './shared.js';

function resolveAllowed(uri: string, dir: string, node: KNode): string {
  let path = uri;
  if (/^file:/i.test(uri)) path = fileURLToPath(uri);
  else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(uri)) throw new LowerError(`externaldata: only local files under the allowed folder can be read, not '${uri}'`, node, 'EXTERNALDATA');
  const root = realpathSync(dir);
  const full = resolve(root, isAbsolute(path) ? path : join(root, path));
  let real: string;
  try { real = realpathSync(full); } catch { throw new LowerError(`externaldata: file not found: ${uri}`, node, 'EXTERNALDATA'); }
  const rel = relative(root, real);
  if (rel.startsWith('..') || isAbsolute(rel)) throw new LowerError(`externaldata: '${uri}' is outside the allowed folder`, node, 'EXTERNALDATA');
  return real;
}

function cell(text: string | undefined, t: KqlType): Scalar {
  const s = text ?? '';
  if (t === 'string') return lit(s, 'string');
  if (s.trim() === '') return lit(null, t);
  switch (t) {
    case 'long': case 'int': return /^-?\d+$/.test(s.trim()) ? lit(s.trim(), t) : lit(null, t);
    case 'real': case 'decimal': return Number.isFinite(Number(s)) ? lit(Number(s), t) : lit(null, t);
    case 'bool': return lit(/^(true|1)$/i.test(s.trim()), 'bool');
    case 'datetime': return lit(parseDatetimeText(s), 'datetime');
    case 'dynamic': { try { JSON.parse(s); return lit(s, 'dynamic'); } catch { return lit(JSON.stringify(s), 'dynamic'); } }
    case 'guid': return lit(s.trim(), 'guid');
    default: return lit(null, t);
  }
}

export function lowerExternalData(node: KNode, cx: LowerContext): R.Rel {
  if (!cx.externalDataDir) throw new LowerError('externaldata is disabled: no external data folder was configured (--external-data-dir)', node, 'EXTERNALDATA');
  const out = outputColumns(node);
  const props = new Map<string, string>();
  for (const p of list(child(node, 'WithClause'), 'Properties')) {
    const name = child(p, 'Name')?.SimpleName?.toLowerCase();
    const value = child(p, 'Expression');
    if (name && value) props.set(name, String(value.LiteralValue ?? value.ToString().trim()).toLowerCase());
  }
  const format = props.get('format') ?? 'csv';
  const skipFirst = props.get('ignorefirstrecord') === 'true';
  const rows: Scalar[][] = [];
  for (const u of list(node, 'URIs')) {
    const uri = String(u.LiteralValue ?? '');
    const path = resolveAllowed(uri, cx.externalDataDir, u);
    const content = readFileSync(path, 'utf8');
    let records: string[][];
    if (format === 'csv' || format === 'txt' || format === 'tsv' || format === 'psv') {
      const delimiter = format === 'tsv' ? '\t' : format === 'psv' ? '|' : format === 'txt' ? '\n' : ',';
      records = parseCsv(content, { delimiter, relax_column_count: true, skip_empty_lines: true }) as string[][];
    } else if (format === 'json' || format === 'multijson') {
      records = content.split('\n').filter((l) => l.trim()).map((l) => {
        const obj = JSON.parse(l) as Record<string, unknown>;
        return out.map((c) => { const v = obj[c.name]; return v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v); });
      });
    } else throw new LowerError(`not supported: externaldata format ${format}`, node);
    if (skipFirst) records = records.slice(1);
    for (const r of records) rows.push(out.map((c, i) => cell(r[i], c.type)));
  }
  return R.values({ rows, columns: out });
}
