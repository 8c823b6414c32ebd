/**
 * The results grid: ag-grid (row and column virtualisation, so 100,000 rows scroll smoothly), one
 * column per result column with a filter of its type, numbers right-aligned, `dynamic` cells shown
 * compact and expandable into a tree, CSV export of what is shown (filters and sort applied) and
 * copy as tab-separated text.
 */
import { AllCommunityModule, ModuleRegistry, createGrid, themeQuartz, type ColDef, type GridApi, type ICellRendererParams } from 'ag-grid-community';
import type { Column, Value } from './contract.js';
import { h } from './dom.js';
import { jsonTree } from './json-tree.js';

ModuleRegistry.registerModules([AllCommunityModule]);

type Row = readonly Value[];
const NUMERIC = new Set(['long', 'int', 'real', 'double', 'decimal']);

/** What a cell shows and what CSV/copy get: JSON for dynamic values, the text otherwise. */
export function cellText(v: Value | undefined): string {
  if (v === null || v === undefined) return '';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

function dynamicRenderer(p: ICellRendererParams<Row, Value>): HTMLElement {
  const v = p.value ?? null;
  const text = cellText(v);
  if (v === null || typeof v !== 'object') return h('span', {}, text);
  const toggle = h('button', { class: 'expand', title: 'Expand', 'aria-label': 'Expand' }, '▸');
  const cell = h('span', { class: 'dynamic-cell' }, toggle, h('span', { class: 'compact' }, text));
  toggle.addEventListener('click', (e) => {
    e.stopPropagation();
    const open = cell.classList.toggle('open');
    toggle.textContent = open ? '▾' : '▸';
    cell.querySelector('.json-tree')?.remove();
    if (open) cell.append(jsonTree(v));
    p.node.setRowHeight(open ? Math.min(400, 28 + cell.scrollHeight) : null);
    p.api.onRowHeightChanged();
  });
  return cell;
}

function columnDef(c: Column, i: number): ColDef<Row> {
  const numeric = NUMERIC.has(c.type);
  return {
    colId: `${i}`, headerName: c.name, headerTooltip: `${c.name}: ${c.type}`,
    valueGetter: (p) => p.data?.[i] ?? null,
    cellDataType: false,
    sortable: true, resizable: true,
    filter: numeric ? 'agNumberColumnFilter' : 'agTextColumnFilter',
    ...(numeric ? {
      type: 'rightAligned',
      filterValueGetter: (p) => { const v = p.data?.[i]; return v === null || v === undefined ? null : Number(v); },
      comparator: (a: Value, b: Value) => (a === null ? -1 : b === null ? 1 : Number(a) - Number(b)),
    } : {}),
    ...(c.type === 'dynamic' ? { cellRenderer: dynamicRenderer, autoHeight: false, filterValueGetter: (p) => cellText(p.data?.[i]) } : { valueFormatter: (p) => cellText(p.value) }),
    width: c.type === 'datetime' ? 230 : numeric ? 110 : c.type === 'dynamic' ? 320 : 180,
  };
}

export interface ResultsGrid {
  /** Shows a result; resolves once a frame with its rows has been painted. */
  show(columns: readonly Column[], rows: readonly Row[]): Promise<void>;
  exportCsv(fileName: string): void;
  /** The rows as shown (filter and sort applied), tab-separated with a header line. */
  asTsv(): string;
  shownRowCount(): number;
}

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

export function createResultsGrid(host: HTMLElement): ResultsGrid {
  let columns: readonly Column[] = [];
  const api: GridApi<Row> = createGrid<Row>(host, {
    theme: themeQuartz.withParams({ fontSize: 12, headerFontSize: 12, spacing: 5, rowHeight: 28 }),
    columnDefs: [], rowData: [],
    enableCellTextSelection: true, ensureDomOrder: false,
    animateRows: false, suppressFieldDotNotation: true,
    overlayNoRowsTemplate: '<span class="muted">No rows</span>',
  });
  const shown = (): Row[] => {
    const out: Row[] = [];
    api.forEachNodeAfterFilterAndSort((n) => { if (n.data) out.push(n.data); });
    return out;
  };
  return {
    show: async (cols, rows) => {
      columns = cols;
      api.setGridOption('columnDefs', cols.map(columnDef));
      api.setGridOption('rowData', rows as Row[]);
      // ag-grid renders rows on its own schedule: wait for them in the DOM, then for a painted frame.
      while (rows.length > 0 && !host.querySelector('.ag-row')) await nextFrame();
      await nextFrame();
    },
    exportCsv: (fileName) => api.exportDataAsCsv({ fileName, processCellCallback: (p) => cellText(p.value as Value) }),
    asTsv: () => [columns.map((c) => c.name).join('\t'), ...shown().map((r) => r.map((v) => cellText(v).replace(/[\t\r\n]+/g, ' ')).join('\t'))].join('\n'),
    shownRowCount: () => api.getDisplayedRowCount(),
  };
}
