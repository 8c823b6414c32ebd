/**
 * Who may call the console's API. Bound to a loopback address, the machine's own users may; bound
 * anywhere else, every /api call needs `Authorization: Bearer <HARRIER_TOKEN>` (compared in
 * constant time). Browsers' cross-site requests are refused by an Origin check, and state-changing
 * calls must be JSON (a plain HTML form cannot send that without a CORS preflight we never grant).
 */
import { timingSafeEqual, createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { HttpError } from './http-io.js';

export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Throws 401 unless the request carries the token (when one is required). */
export function checkToken(req: IncomingMessage, token: string | undefined): void {
  if (token === undefined) return;
  const m = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
  // Hashing first gives equal-length buffers, so the comparison time does not depend on the input.
  if (!m || !timingSafeEqual(digest(m[1]!), digest(token))) throw new HttpError(401, 'missing or wrong bearer token (HARRIER_TOKEN)');
}

/**
 * Throws 421 when a loopback-bound server is reached under a name that is not a loopback address:
 * the signature of DNS rebinding, where a web page's own host name is re-pointed at 127.0.0.1 so
 * that the browser treats the API as same-origin.
 */
export function checkLoopbackHost(req: IncomingMessage): void {
  const host = req.headers.host ?? '';
  const name = host.startsWith('[') ? host.slice(1, host.indexOf(']')) : host.replace(/:\d+$/, '');
  if (!isLoopbackHost(name.toLowerCase())) throw new HttpError(421, `this server answers only to a loopback host name, not ${JSON.stringify(host)}`);
}

/** Throws 403 when a browser sends an Origin other than the server's own. */
export function checkOrigin(req: IncomingMessage): void {
  const origin = req.headers.origin;
  if (origin === undefined) return;
  const host = req.headers.host;
  if (!host || (origin !== `http://${host}` && origin !== `https://${host}`)) throw new HttpError(403, `cross-origin request from ${origin} refused`);
}

/** Throws 415 unless a request with a body declares JSON. */
export function checkJson(req: IncomingMessage): void {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') throw new HttpError(415, 'the API accepts application/json only');
}
