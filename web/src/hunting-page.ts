/**
 * Advanced hunting: schema browser, the KQL editor, Run (Shift+Enter) / Cancel, the results grid
 * and the chart of a `render`, the query's timings, history and saved queries (kept by the server
 * beside the store). A new run or Cancel aborts the request, and the server interrupts DuckDB.
 */
import { api, ApiError } from './api.js';
import type { QueryAnswer, SchemaTable } from './contract.js';
import { clear, h, setStatus } from './dom.js';
import { createEditor, type QueryEditor } from './editor.js';
import { createResultsGrid } from './results-grid.js';
import { createChart } from './chart.js';
import { schemaBrowser } from './schema-browser.js';

const START_QUERY = `// Shift+Enter runs the query under the cursor
DeviceProcessEvents
| where Timestamp > ago(1d)
| summarize Processes = count() by DeviceName
| top 10 by Processes`;

export interface HuntingPage {
  readonly element: HTMLElement;
  /** Puts a query in the editor and runs it (links from incidents and the timeline). */
  open(query: string, run?: boolean): void;
  shown(): void;
}

export async function huntingPage(tables: readonly SchemaTable[]): Promise<HuntingPage> {
  const editorHost = h('div', { class: 'editor', 'data-testid': 'editor' });
  const gridHost = h('div', { class: 'grid', 'data-testid': 'grid' });
  const chartHost = h('div', { class: 'chart', 'data-testid': 'chart' });
  const message = h('div', { class: 'message', 'data-testid': 'query-message' });
  const summary = h('span', { class: 'summary', 'data-testid': 'result-summary' });
  const runButton = h('button', { class: 'primary', title: 'Run the query under the cursor (Shift+Enter)' }, 'Run query');
  const cancelButton = h('button', { disabled: true }, 'Cancel');
  const limit = h('select', { 'aria-label': 'Row limit', title: 'Most rows returned' },
    ...[1_000, 10_000, 100_000].map((n) => h('option', { value: n, ...(n === 10_000 ? { selected: true } : {}) }, `${n.toLocaleString('en-US')} rows`)));
  const historySelect = h('select', { 'aria-label': 'History' }, h('option', { value: '' }, 'History…'));
  const savedSelect = h('select', { 'aria-label': 'Saved queries' }, h('option', { value: '' }, 'Saved…'));
  const saveButton = h('button', { title: 'Save the editor under a name' }, 'Save');
  const deleteButton = h('button', { title: 'Delete the chosen saved query' }, 'Delete');
  const csvButton = h('button', { disabled: true }, 'Export CSV');
  const copyButton = h('button', { disabled: true }, 'Copy');
  const tabTable = h('button', { class: 'tab active', 'data-view': 'table' }, 'Table');
  const tabChart = h('button', { class: 'tab', 'data-view': 'chart', disabled: true }, 'Chart');

  let editor: QueryEditor | undefined;
  const grid = createResultsGrid(gridHost);
  const chart = createChart(chartHost);
  let running: AbortController | undefined;

  const showView = (view: 'table' | 'chart') => {
    tabTable.classList.toggle('active', view === 'table');
    tabChart.classList.toggle('active', view === 'chart');
    gridHost.hidden = view !== 'table';
    chartHost.hidden = view !== 'chart';
    if (view === 'chart') chart.resize();
  };
  tabTable.addEventListener('click', () => showView('table'));
  tabChart.addEventListener('click', () => showView('chart'));

  const refreshLists = async () => {
    const [history, saved] = await Promise.all([api.history(), api.saved()]);
    clear(historySelect);
    historySelect.append(h('option', { value: '' }, `History (${history.history.length})…`), ...history.history.map((e, i) =>
      h('option', { value: String(i), title: e.query }, `${e.at.slice(0, 16).replace('T', ' ')}  ${e.query.replace(/\s+/g, ' ').slice(0, 70)}`)));
    historySelect.onchange = () => { const e = history.history[Number(historySelect.value)]; if (e && historySelect.value !== '') editor?.setText(e.query); historySelect.value = ''; };
    clear(savedSelect);
    savedSelect.append(h('option', { value: '' }, `Saved (${saved.saved.length})…`), ...saved.saved.map((s) => h('option', { value: s.name, title: s.query }, s.name)));
    savedSelect.onchange = () => { const s = saved.saved.find((x) => x.name === savedSelect.value); if (s) editor?.setText(s.query); };
  };

  const showAnswer = (answer: QueryAnswer) => {
    const rendered = grid.show(answer.columns, answer.rows);
    const t = answer.timings;
    summary.textContent = `${answer.rows.length.toLocaleString('en-US')} row(s)${answer.truncated ? ` (truncated at the ${Number(limit.value).toLocaleString('en-US')}-row limit)` : ''} · ${Math.round(t.totalMs)} ms (parse ${Math.round(t.parseMs)}, translate ${Math.round(t.translateMs)}, execute ${Math.round(t.executeMs)})`;
    message.textContent = answer.warnings.map((w) => `${w.severity}: ${w.message}`).join('\n');
    csvButton.disabled = copyButton.disabled = answer.columns.length === 0;
    tabChart.disabled = !answer.render;
    if (answer.render) {
      showView('chart');
      const why = chart.draw(answer);
      if (why) { message.textContent = why; showView('table'); }
    } else showView('table');
    // The console's own measure of "rows visible" (bench/console-grid.ts reads it).
    void rendered.then(() => performance.mark('harrier:grid-rendered'));
  };

  const run = async () => {
    if (!editor) return;
    const { text, offset } = editor.currentQuery();
    editor.monaco.trigger('run', 'hideSuggestWidget', {});
    if (text.trim() === '') { setStatus('Nothing to run: the editor is empty at the cursor', 'error'); return; }
    running?.abort();
    const abort = new AbortController();
    running = abort;
    cancelButton.disabled = false;
    runButton.disabled = true;
    message.textContent = '';
    summary.textContent = 'Running…';
    setStatus('Running query…');
    performance.clearMarks();
    try {
      const answer = await api.query(text, Number(limit.value), abort.signal, () => performance.mark('harrier:api-answered'));
      performance.mark('harrier:answer-parsed');
      editor.showDiagnostics([], offset, text.length);
      showAnswer(answer);
      setStatus('');
      void api.addHistory(text).then(refreshLists, () => undefined);
    } catch (err) {
      if (abort.signal.aborted) { summary.textContent = 'Cancelled'; setStatus('Query cancelled'); return; }
      const diagnostics = err instanceof ApiError ? err.diagnostics : [];
      editor.showDiagnostics(diagnostics, offset, text.length);
      summary.textContent = '';
      message.textContent = diagnostics.length
        ? diagnostics.map((d) => `${d.severity} ${d.code}${d.line ? ` at line ${d.line}, column ${d.column}` : ''}: ${d.message}`).join('\n')
        : (err as Error).message;
      message.classList.add('error');
      setStatus('Query failed', 'error');
      return;
    } finally {
      if (running === abort) { running = undefined; cancelButton.disabled = true; runButton.disabled = false; }
    }
    message.classList.remove('error');
  };

  runButton.addEventListener('click', () => void run());
  cancelButton.addEventListener('click', () => running?.abort());
  csvButton.addEventListener('click', () => grid.exportCsv(`harrier-results-${new Date().toISOString().replace(/[:.]/g, '-')}.csv`));
  copyButton.addEventListener('click', async () => {
    await navigator.clipboard.writeText(grid.asTsv());
    setStatus(`Copied ${grid.shownRowCount().toLocaleString('en-US')} row(s) as tab-separated text`);
  });
  saveButton.addEventListener('click', async () => {
    const name = window.prompt('Save the query as:');
    if (!name || !editor) return;
    try { await api.save(name.trim(), editor.getText()); await refreshLists(); setStatus(`Saved "${name.trim()}"`); } catch (err) { setStatus((err as Error).message, 'error'); }
  });
  deleteButton.addEventListener('click', async () => {
    if (!savedSelect.value) { setStatus('Choose a saved query to delete', 'error'); return; }
    try { await api.removeSaved(savedSelect.value); await refreshLists(); } catch (err) { setStatus((err as Error).message, 'error'); }
  });

  const element = h('section', { class: 'page hunting', 'data-page': 'hunting' },
    schemaBrowser(tables, (text) => { editor?.monaco.trigger('schema', 'type', { text }); editor?.focus(); }),
    h('div', { class: 'workspace' },
      h('div', { class: 'toolbar' }, runButton, cancelButton, limit, h('span', { class: 'spacer' }), historySelect, savedSelect, saveButton, deleteButton),
      editorHost,
      h('div', { class: 'toolbar results-bar' }, tabTable, tabChart, summary, h('span', { class: 'spacer' }), copyButton, csvButton),
      message,
      h('div', { class: 'results' }, gridHost, chartHost)));
  chartHost.hidden = true;

  editor = await createEditor(editorHost, tables, {
    run: () => void run(),
    check: async (text, signal) => (await api.check(text, signal)).diagnostics,
  });
  editor.setText(START_QUERY);
  void refreshLists().catch(() => undefined);

  return {
    element,
    open: (query, andRun = true) => { editor?.setText(query); if (andRun) void run(); },
    shown: () => { editor?.layout(); chart.resize(); },
  };
}
