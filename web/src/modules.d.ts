// esbuild bundles CSS imports into app.css; TypeScript only needs to know they exist.
declare module '*.css';
// The full editor (editor.api plus its contributions: suggest widget, hover, …) has the API's types.
declare module 'monaco-editor/esm/vs/editor/editor.main.js' {
  export * from 'monaco-editor/esm/vs/editor/editor.api';
}
