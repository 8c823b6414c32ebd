#!/usr/bin/env node
// Bundles the web console (web/) into dist/web/ with esbuild: the app, Monaco's editor worker and
// monaco-kusto's language worker (the Kusto.Language parser/binder, run in the browser for
// completions), CSS and the codicon font. Offline: everything comes from node_modules.
//   node scripts/build-web.mjs [--dev]   (--dev: no minification, inline source maps)
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = `${root}dist/web`;
const dev = process.argv.includes('--dev');
const started = Date.now();

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
await build({
  entryPoints: {
    app: `${root}web/src/main.ts`,
    'editor.worker': `${root}node_modules/monaco-editor/esm/vs/editor/editor.worker.js`,
    'kusto.worker': `${root}node_modules/@kusto/monaco-kusto/release/esm/kusto.worker.js`,
  },
  outdir: out,
  bundle: true,
  format: 'iife',
  target: 'es2022',
  minify: !dev,
  sourcemap: dev ? 'inline' : false,
  legalComments: 'linked',
  loader: { '.ttf': 'file' },
  // The Kusto worker's Bridge.NET code reads `global`; its Node-only branches import Node modules
  // that a browser never reaches.
  define: { global: 'globalThis', 'process.env.NODE_ENV': dev ? '"development"' : '"production"' },
  external: ['fs', 'path', 'os', 'crypto'],
  logLevel: 'warning',
});
copyFileSync(`${root}web/index.html`, `${out}/index.html`);
copyFileSync(`${root}web/favicon.svg`, `${out}/favicon.svg`);
process.stdout.write(`web console built into dist/web in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
