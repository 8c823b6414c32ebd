/**
 * The KQL editor: Monaco with monaco-kusto (Kusto.Language in a worker) fed the MDE schema, so
 * tables, columns, operators and functions complete as in the portal. The squiggles come from the
 * server's POST /api/check — the same parser, binder and "not supported" checks as `harrier query`
 * — so monaco-kusto's own markers (owner 'kusto') are cleared in favour of ours. Shift+Enter runs
 * the query under the cursor (queries are separated by blank lines, as in the portal) or the selection.
 */
import * as monaco from 'monaco-editor/esm/vs/editor/editor.main.js';
import '@kusto/monaco-kusto/release/esm/monaco.contribution.js';
import type { Diagnostic, SchemaTable } from './contract.js';

declare global {
  interface Window { MonacoEnvironment?: monaco.Environment }
}

// Monaco's and Kusto's language services run in workers built next to app.js (scripts/build-web.mjs).
self.MonacoEnvironment = {
  getWorker: (_id: string, label: string) => new Worker(label === 'kusto' ? './kusto.worker.js' : './editor.worker.js'),
};


/** CLR names .show schema uses for each KQL scalar type. */
const CLR_TYPE: Readonly<Record<string, string>> = {
  string: 'System.String', long: 'System.Int64', int: 'System.Int32', real: 'System.Double', double: 'System.Double',
  bool: 'System.SByte', boolean: 'System.SByte', datetime: 'System.DateTime', timespan: 'System.TimeSpan',
  dynamic: 'System.Object', guid: 'System.Guid', decimal: 'System.Data.SqlTypes.SqlDecimal',
};

function showSchema(tables: readonly SchemaTable[]): unknown {
  const Tables: Record<string, unknown> = {};
  for (const t of tables) {
    Tables[t.name] = {
      Name: t.name, DocString: t.description,
      OrderedColumns: t.columns.map((c) => ({ Name: c.name, Type: CLR_TYPE[c.type] ?? 'System.Object', CslType: c.type, DocString: c.description })),
    };
  }
  return {
    Plugins: [],
    Databases: { harrier: { Name: 'harrier', Tables, ExternalTables: {}, MaterializedViews: {}, EntityGroups: {}, Functions: {}, MajorVersion: 1, MinorVersion: 0, DatabaseAccessMode: 'ReadOnly' } },
  };
}

export interface QueryEditor {
  readonly monaco: monaco.editor.IStandaloneCodeEditor;
  getText(): string;
  setText(text: string): void;
  /** The selection, else the blank-line-separated query under the cursor, with its offset in the document. */
  currentQuery(): { text: string; offset: number };
  /** Shows diagnostics of a query that starts at `offset` in the document (replacing earlier ones). */
  showDiagnostics(diagnostics: readonly Diagnostic[], offset: number, queryLength: number): void;
  layout(): void;
  focus(): void;
}

interface KustoApi {
  getKustoWorker(): Promise<(uri: monaco.Uri) => Promise<{
    setSchemaFromShowSchema(schema: unknown, cluster: string, database: string): Promise<void>;
    getCommandsInDocument(uri: string): Promise<{ absoluteStart: number; absoluteEnd: number; text: string }[]>;
  }>>;
  getCurrentCommandRange(editor: monaco.editor.ICodeEditor, position: monaco.Position): monaco.Range;
}
const kusto = () => (monaco.languages as unknown as { kusto: KustoApi }).kusto;

export async function createEditor(host: HTMLElement, tables: readonly SchemaTable[], handlers: {
  run: () => void;
  check: (text: string, signal: AbortSignal) => Promise<readonly Diagnostic[]>;
}): Promise<QueryEditor> {
  // The editor first: creating it starts Monaco's services (the one that draws squiggles from
  // markers among them), and a model made before that never gets its squiggles.
  const editor = monaco.editor.create(host, {
    theme: 'kusto-light', automaticLayout: true, minimap: { enabled: false }, fontSize: 13,
    scrollBeyondLastLine: false, wordWrap: 'on', fixedOverflowWidgets: true, 'semanticHighlighting.enabled': true,
  });
  const model = monaco.editor.createModel('', 'kusto', monaco.Uri.parse('inmemory://harrier/query.kql'));
  editor.setModel(model);
  const workerOf = await kusto().getKustoWorker();
  const worker = await workerOf(model.uri);
  await worker.setSchemaFromShowSchema(showSchema(tables), 'https://harrier.local', 'harrier');

  editor.addCommand(monaco.KeyMod.Shift | monaco.KeyCode.Enter, handlers.run);

  // monaco-kusto validates too; one source of truth for the squiggles: ours. Its validation also
  // deletes every decoration whose class is exactly 'squiggly-error' (markers' squiggles among
  // them), so ours are decorations of their own with Monaco's squiggle look, not markers.
  monaco.editor.onDidChangeMarkers((uris) => {
    if (!uris.some((u) => u.toString() === model.uri.toString())) return;
    if (monaco.editor.getModelMarkers({ resource: model.uri, owner: 'kusto' }).length > 0) monaco.editor.setModelMarkers(model, 'kusto', []);
  });
  const squiggles = editor.createDecorationsCollection();
  const toDecoration = (d: Diagnostic, offset: number, queryLength: number): monaco.editor.IModelDeltaDecoration => {
    // A diagnostic without a position (some "not supported" ones) marks its whole query.
    const from = offset + (d.start ?? 0);
    const to = d.start === undefined ? offset + queryLength : from + Math.max(d.length ?? 0, 1);
    const error = d.severity === 'error';
    return {
      range: monaco.Range.fromPositions(model.getPositionAt(from), model.getPositionAt(to)),
      options: {
        className: `${error ? 'squiggly-error' : 'squiggly-warning'} harrier-diagnostic`,
        hoverMessage: { value: `**${d.code}** ${d.message}`, isTrusted: false, supportHtml: false },
        overviewRuler: { color: error ? '#e51400' : '#bf8803', position: monaco.editor.OverviewRulerLane.Right },
        stickiness: monaco.editor.TrackedRangeStickiness.NeverGrowsWhenTypingAtEdges,
      },
    };
  };
  const showDiagnostics = (diagnostics: readonly Diagnostic[], offset: number, queryLength: number) =>
    squiggles.set(diagnostics.map((d) => toDecoration(d, offset, queryLength)));

  // Live checks, debounced; each query of the document is checked on its own.
  let pending: AbortController | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  model.onDidChangeContent(() => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      pending?.abort();
      const abort = new AbortController();
      pending = abort;
      try {
        const commands = await worker.getCommandsInDocument(model.uri.toString());
        const all: monaco.editor.IModelDeltaDecoration[] = [];
        for (const c of commands) {
          if (c.text.trim() === '') continue;
          for (const d of await handlers.check(c.text, abort.signal)) all.push(toDecoration(d, c.absoluteStart, c.text.length));
        }
        if (!abort.signal.aborted) squiggles.set(all);
      } catch {
        // A check that failed (server gone, aborted) leaves the last squiggles; a run reports errors loudly.
      }
    }, 400);
  });

  return {
    monaco: editor,
    getText: () => model.getValue(),
    setText: (text) => { model.setValue(text); editor.setPosition({ lineNumber: 1, column: 1 }); },
    currentQuery: () => {
      const selection = editor.getSelection();
      if (selection && !selection.isEmpty()) return { text: model.getValueInRange(selection), offset: model.getOffsetAt(selection.getStartPosition()) };
      const range = kusto().getCurrentCommandRange(editor, editor.getPosition() ?? new monaco.Position(1, 1));
      return { text: model.getValueInRange(range), offset: model.getOffsetAt(range.getStartPosition()) };
    },
    showDiagnostics,
    layout: () => editor.layout(),
    focus: () => editor.focus(),
  };
}
