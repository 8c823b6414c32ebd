/**
 * The web app's files from one folder (dist/web): `/` is index.html, known extensions get their
 * content type, and a path can never leave the folder (decoded, normalised and checked).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import { HttpError } from './http-io.js';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png', '.ttf': 'font/ttf',
  '.woff': 'font/woff', '.woff2': 'font/woff2', '.map': 'application/json; charset=utf-8', '.ico': 'image/x-icon',
};

export interface StaticFile { readonly type: string; readonly body: Buffer }

export function staticFile(root: string, urlPath: string): StaticFile {
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath);
  } catch {
    throw new HttpError(400, 'bad path encoding');
  }
  if (rel.includes('\0')) throw new HttpError(400, 'bad path');
  if (rel === '/' || rel === '') rel = '/index.html';
  const base = resolve(root);
  const file = resolve(join(base, rel));
  if (file !== base && !file.startsWith(base + sep)) throw new HttpError(403, 'path outside the web folder');
  if (!existsSync(base)) throw new HttpError(404, `the web app is not built (${base} is missing): run npm run build`);
  if (!existsSync(file) || !statSync(file).isFile()) throw new HttpError(404, `not found: ${urlPath}`);
  return { type: TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream', body: readFileSync(file) };
}
