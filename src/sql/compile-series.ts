/**
 * make-series' last step: per key group, the per-bin rows become JSON arrays over all
 * ceil((end - start) / step) bins (at most 2^20, Kusto's limit); a bin without a row takes the
 * item's default. Bins are matched by their axis value (bin_at gives exactly start + i * step).
 */
import type { Series } from '../kql/ir/relational.js';
import { compileScalar } from './compile-scalar.js';
import type { Compiled, SqlCompiler } from './compile.js';
import { hook } from './dialect.js';

export function compileSeries(rel: Series, c: SqlCompiler): Compiled {
  const input = c.compile(rel.input);
  const env = c.env(rel.input, input.names);
  const at = (name: string) => {
    const i = rel.input.columns.findIndex((x) => x.name === name);
    if (i < 0) throw new Error(`internal: make-series column ${name} not found`);
    return { sql: input.names[i]!, type: rel.input.columns[i]!.type };
  };
  const toJson = hook(c.dialect, 'toJson');
  const { start, step, end, type } = rel.axis;
  const s = compileScalar(start, env);
  const st = compileScalar(step, env);
  const e = compileScalar(end, env);
  const h = <K extends Parameters<typeof hook>[1]>(name: K) => hook(c.dialect, name);
  const count = type === 'datetime'
    ? `ceil((${h('epochMicros')(e)} - ${h('epochMicros')(s)}) / (${st} / 10))`
    : `ceil((${e} - ${s}) / (${st}))`;
  const n = `least(greatest(coalesce(CAST(${count} AS ${c.sqlType('long')}), 0), 0), 1048576)`;
  const axisAt = (i: string) => (type === 'datetime'
    ? `(${h('addMicros')(s, `CAST(${i} * ${h('intDiv')(st, '10')} AS ${c.sqlType('long')})`)})`
    : `CAST(${s} + ${i} * (${st}) AS ${c.sqlType(type)})`);
  const keys = rel.keys.map((k) => at(k).sql);
  const bin = at(rel.bin).sql;
  const lists = rel.values.map((v, j) => `${h('aggListOrdered')(at(v.from).sql, bin)} AS __l${j}`);
  const having = rel.keys.length === 0 && !rel.nonempty ? ' HAVING count(*) > 0' : '';
  const inner = `SELECT ${[...keys, `${h('aggListOrdered')(bin, bin)} AS __bins`, ...lists].join(', ')} FROM (${input.sql}) AS ${c.nextAlias()}${keys.length ? ` GROUP BY ${keys.join(', ')}` : ''}${having}`;
  const names = c.columnNames(rel.columns);
  const pos = h('listPosition')('__bins', axisAt('__i'));
  const overBins = (body: string) => h('jsonTextsToArray')(h('listTransform')(h('rangeList')('__n'), '__i', body));
  const cols = rel.columns.map((col, i) => {
    if (rel.keys.includes(col.name)) return `${at(col.name).sql} AS ${names[i]}`;
    const j = rel.values.findIndex((v) => v.name === col.name);
    if (j >= 0) {
      const v = rel.values[j]!;
      const fill = toJson(compileScalar(v.fill, env), v.fill.type);
      const value = toJson(`__l${j}[${pos}]`, at(v.from).type);
      return `${overBins(`CASE WHEN ${pos} IS NULL THEN ${fill} ELSE ${value} END`)} AS ${names[i]}`;
    }
    if (col.name === rel.axis.name) return `${overBins(toJson(axisAt('__i'), type))} AS ${names[i]}`;
    throw new Error(`internal: make-series output ${col.name}`);
  });
  return { sql: `SELECT ${cols.join(', ')} FROM (${inner}) AS ${c.nextAlias()}, (SELECT ${n} AS __n) AS ${c.nextAlias()}`, names };
}
