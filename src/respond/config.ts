/**
 * Reads the Defender API settings from the environment: the app registration's tenant, client id
 * and secret (or certificate), the token endpoint and the API base URL. Endpoints must be https,
 * except plain http to the loopback address for local testing. Every secret value is listed so
 * that output can be scrubbed of it.
 */
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ResponseError } from './errors.js';

export const DEFAULT_API_BASE = 'https://api.securitycenter.microsoft.com/api';
export const DEFAULT_TOKEN_URL = 'https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token';
export const MDE_SCOPE = 'https://api.securitycenter.microsoft.com/.default';

export type Credential =
  | { readonly kind: 'secret'; readonly secret: string }
  | { readonly kind: 'certificate'; readonly privateKey: string; readonly thumbprintSha256: string; readonly x5c: string };

export interface MdeConfig {
  readonly tenantId: string;
  readonly clientId: string;
  readonly credential: Credential;
  readonly tokenUrl: string;
  readonly apiBase: string;
  /** Values that must never appear in output, logs or files. */
  readonly secrets: readonly string[];
}

type Env = Readonly<Record<string, string | undefined>>;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Validates an endpoint URL: https anywhere, or http to the loopback address only. */
export function checkEndpoint(name: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ResponseError('config', `${name} is not a URL: '${value}'`);
  }
  if (url.protocol === 'https:') return value;
  if (url.protocol === 'http:' && LOOPBACK.has(url.hostname)) return value;
  throw new ResponseError('config', `${name} must be an https:// URL (plain http is allowed only to 127.0.0.1 / localhost for testing), not '${value}'`);
}

/** The API base URL, without a trailing slash (for dry runs too: needs no credentials). */
export function apiBaseFromEnv(env: Env): string {
  return checkEndpoint('HARRIER_MDE_API', env['HARRIER_MDE_API'] || DEFAULT_API_BASE).replace(/\/+$/, '');
}

export function tokenUrlFromEnv(env: Env, tenantId: string): string {
  const raw = env['HARRIER_TOKEN_URL'] || DEFAULT_TOKEN_URL;
  return checkEndpoint('HARRIER_TOKEN_URL', raw.replace(/\{tenant\}/g, encodeURIComponent(tenantId)));
}

function loadCertificate(path: string): Credential & { kind: 'certificate' } {
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ResponseError('config', `cannot read HARRIER_CLIENT_CERTIFICATE file ${path}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  const keyMatch = /-----BEGIN (?:RSA |EC )?PRIVATE KEY-----[\s\S]+?-----END (?:RSA |EC )?PRIVATE KEY-----/.exec(pem);
  const certMatch = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(pem);
  if (!keyMatch || !certMatch) throw new ResponseError('config', `HARRIER_CLIENT_CERTIFICATE ${path} must be a PEM file holding an unencrypted private key and its certificate`);
  let cert: X509Certificate;
  let privateKey: string;
  try {
    cert = new X509Certificate(certMatch[0]);
    privateKey = createPrivateKey(keyMatch[0]).export({ format: 'pem', type: 'pkcs8' }).toString();
  } catch {
    throw new ResponseError('config', `HARRIER_CLIENT_CERTIFICATE ${path}: the certificate or private key cannot be read`);
  }
  return { kind: 'certificate', privateKey, thumbprintSha256: cert.fingerprint256.replace(/:/g, '').toLowerCase(), x5c: certMatch[0] };
}

/** The settings needed to call Defender; throws a ResponseError naming every missing variable. */
export function loadMdeConfig(env: Env): MdeConfig {
  const tenantId = env['HARRIER_TENANT_ID'] ?? '';
  const clientId = env['HARRIER_CLIENT_ID'] ?? '';
  const secret = env['HARRIER_CLIENT_SECRET'] ?? '';
  const certPath = env['HARRIER_CLIENT_CERTIFICATE'] ?? '';
  const missing = [!tenantId && 'HARRIER_TENANT_ID', !clientId && 'HARRIER_CLIENT_ID', !secret && !certPath && 'HARRIER_CLIENT_SECRET (or HARRIER_CLIENT_CERTIFICATE)'].filter(Boolean);
  if (missing.length > 0) throw new ResponseError('config', `--execute needs the app registration's credentials in the environment: set ${missing.join(', ')}`);
  const credential: Credential = secret ? { kind: 'secret', secret } : loadCertificate(certPath);
  const secrets = credential.kind === 'secret' ? [credential.secret] : [credential.privateKey];
  return { tenantId, clientId, credential, tokenUrl: tokenUrlFromEnv(env, tenantId), apiBase: apiBaseFromEnv(env), secrets };
}

/** Replaces every occurrence of a secret (and its URL-encoded form) in text. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) {
    if (s.length < 4) continue;
    for (const form of new Set([s, encodeURIComponent(s)])) out = out.split(form).join('<redacted>');
  }
  return out;
}
