/**
 * `render` → an ECharts option, following Kusto's rules for which columns are the x axis, the
 * y values and the series: `xcolumn`/`ycolumns`/`series` from `with (...)` when given; otherwise
 * the first column (for a timechart, the first datetime column) is x, numeric columns are y and
 * string columns split the series. Visualizations the console does not draw are named, not faked.
 * Pure (no DOM), so it is tested in Node.
 */
import type { Column, QueryAnswer, Value } from './contract.js';

export const DRAWN = ['timechart', 'linechart', 'areachart', 'scatterchart', 'columnchart', 'barchart', 'piechart'] as const;
const NUMERIC = new Set(['long', 'int', 'real', 'double', 'decimal']);
const isNumeric = (c: Column) => NUMERIC.has(c.type);
const isCategory = (c: Column) => c.type === 'string' || c.type === 'bool' || c.type === 'guid';

/** `with (ycolumns=a, b)` may arrive as "a, b" or "(a, b)". */
function columnList(v: string | undefined): string[] {
  return v === undefined ? [] : v.replace(/[()]/g, '').split(',').map((s) => s.trim()).filter(Boolean);
}

export type ChartPlan = { ok: true; option: Record<string, unknown> } | { ok: false; reason: string };

function toNumber(v: Value): number | null {
  if (v === null || v === undefined) return null;
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? n : null;
}

function xValue(v: Value): number {
  if (typeof v === 'number') return v;
  const t = typeof v === 'string' ? Date.parse(v) : NaN;
  return Number.isNaN(t) ? Number(v) : t;
}

export function chartOption(answer: QueryAnswer): ChartPlan {
  const render = answer.render;
  if (!render) return { ok: false, reason: 'the query has no render operator' };
  const kind = render.visualization.toLowerCase();
  if (!(DRAWN as readonly string[]).includes(kind)) return { ok: false, reason: `render ${kind} is not drawn by the console (it draws ${DRAWN.join(', ')}); the results are in the table` };
  const p = render.properties;
  const cols = answer.columns;
  const index = (name: string) => cols.findIndex((c) => c.name === name);
  const missing = [p['xcolumn'], ...columnList(p['ycolumns']), ...columnList(p['series'])].filter((n): n is string => n !== undefined && index(n) < 0);
  if (missing.length) return { ok: false, reason: `render names column(s) the result does not have: ${missing.join(', ')}` };

  const xName = p['xcolumn'] ?? (kind === 'timechart' ? cols.find((c) => c.type === 'datetime')?.name : undefined) ?? cols[0]?.name;
  if (xName === undefined) return { ok: false, reason: 'the result has no columns' };
  const x = index(xName);
  const ys = columnList(p['ycolumns']).map(index);
  const yCols = ys.length ? ys : cols.map((c, i) => (i !== x && isNumeric(c) ? i : -1)).filter((i) => i >= 0);
  if (yCols.length === 0) return { ok: false, reason: `render ${kind} needs a numeric column to draw` };
  const seriesCols = p['series'] !== undefined ? columnList(p['series']).map(index)
    : cols.map((c, i) => (i !== x && !yCols.includes(i) && isCategory(c) ? i : -1)).filter((i) => i >= 0);
  const title = p['title'] ? { text: p['title'], left: 'center', textStyle: { fontSize: 14 } } : undefined;
  const legend = p['legend'] === 'hidden' ? { show: false } : { type: 'scroll', bottom: 0 };

  if (kind === 'piechart') {
    const label = seriesCols[0] ?? x;
    const data = answer.rows.map((r) => ({ name: String(r[label] ?? ''), value: toNumber(r[yCols[0]!] ?? null) ?? 0 }));
    return { ok: true, option: { title, legend, tooltip: { trigger: 'item' }, series: [{ type: 'pie', radius: '60%', data }] } };
  }

  // One series per (series key, y column).
  const groups = new Map<string, { y: number; points: [Value, number | null][] }>();
  for (const r of answer.rows) {
    const key = seriesCols.map((i) => String(r[i] ?? '')).join(', ');
    for (const y of yCols) {
      const name = [key, yCols.length > 1 || key === '' ? cols[y]!.name : ''].filter(Boolean).join(':');
      const g = groups.get(name) ?? { y, points: [] };
      groups.set(name, g);
      g.points.push([r[x] ?? null, toNumber(r[y] ?? null)]);
    }
  }
  const xType = cols[x]!.type === 'datetime' ? 'time' : isNumeric(cols[x]!) && kind !== 'columnchart' && kind !== 'barchart' ? 'value' : 'category';
  const stacked = p['kind'] === 'stacked' || p['kind'] === 'stacked100' || (kind === 'areachart' && p['kind'] !== 'unstacked');
  const seriesType = kind === 'scatterchart' ? 'scatter' : kind === 'columnchart' || kind === 'barchart' ? 'bar' : 'line';
  // Kusto draws a time or numeric x axis in x order, whatever the rows' order.
  if (xType !== 'category') for (const g of groups.values()) g.points.sort((a, b) => xValue(a[0]) - xValue(b[0]));
  const series = [...groups.entries()].map(([name, g]) => ({
    name, type: seriesType, showSymbol: seriesType === 'scatter', data: xType === 'category' ? g.points.map((pt) => pt[1]) : g.points,
    ...(kind === 'areachart' ? { areaStyle: {} } : {}), ...(stacked && seriesType !== 'scatter' ? { stack: 'all' } : {}),
  }));
  const categories = xType === 'category' ? [...new Set(answer.rows.map((r) => String(r[x] ?? '')))] : undefined;
  if (categories && groups.size > 1) {
    // Align each series on the shared categories (a series may lack some).
    for (const [i, [, g]] of [...groups.entries()].entries()) {
      const byCat = new Map(g.points.map((pt) => [String(pt[0] ?? ''), pt[1]]));
      series[i]!.data = categories.map((c) => byCat.get(c) ?? null);
    }
  }
  const valueAxis = { type: 'value', name: p['ytitle'] ?? '', ...(p['ymin'] ? { min: Number(p['ymin']) } : {}), ...(p['ymax'] ? { max: Number(p['ymax']) } : {}) };
  const categoryAxis = { type: xType, name: p['xtitle'] ?? xName, ...(categories ? { data: categories } : {}) };
  const horizontal = kind === 'barchart';
  return {
    ok: true,
    option: {
      title, legend, tooltip: { trigger: seriesType === 'scatter' ? 'item' : 'axis' },
      grid: { left: 60, right: 30, top: title ? 40 : 20, bottom: 60, containLabel: true },
      xAxis: horizontal ? valueAxis : categoryAxis,
      yAxis: horizontal ? { ...categoryAxis, inverse: true } : valueAxis,
      dataZoom: [{ type: 'inside' }],
      series,
    },
  };
}
