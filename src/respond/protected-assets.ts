/**
 * Protected assets: devices (domain controllers, servers…) whose isolation or app restriction needs a
 * second person's `--approve-by`. A small YAML file lists exact names or machine ids, glob patterns
 * on the device name, and whether every server OS counts. Without a file the defaults protect names
 * like dc01 / *-dc-* and every Windows Server.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { ResponseError } from './errors.js';

export const PROTECTED_FILE_NAME = 'harrier-protected-assets.yaml';

const schema = z.object({
  devices: z.array(z.string().min(1)).default([]),
  patterns: z.array(z.string().min(1)).default([]),
  serverOs: z.boolean().default(true),
}).strict();

export interface ProtectedAssets {
  readonly source: string;
  readonly devices: readonly string[];
  readonly patterns: readonly string[];
  readonly serverOs: boolean;
}

export const DEFAULT_PROTECTED: ProtectedAssets = {
  source: 'built-in defaults',
  devices: [],
  patterns: ['dc*', '*-dc*', 'adfs*', 'pki*', 'ca0*'],
  serverOs: true,
};

/** `--protected FILE`, else harrier-protected-assets.yaml beside the store, else the defaults. */
export function protectedAssetsPath(explicit: string | undefined, db: string): string | undefined {
  if (explicit) return explicit;
  const dir = db === ':memory:' || db === '' ? process.cwd() : dirname(resolve(db));
  const p = join(dir, PROTECTED_FILE_NAME);
  return existsSync(p) ? p : undefined;
}

export function loadProtectedAssets(path: string | undefined): ProtectedAssets {
  if (path === undefined) return DEFAULT_PROTECTED;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ResponseError('config', `cannot read the protected-assets file ${path}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  let data: unknown;
  try {
    data = parse(text) ?? {};
  } catch (err) {
    throw new ResponseError('config', `${path}: not valid YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  const r = schema.safeParse(data);
  if (!r.success) {
    throw new ResponseError('config', `${path}: ${r.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`).join('; ')} (expected keys: devices, patterns, serverOs)`);
  }
  return { source: path, ...r.data };
}

function globToRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i');
}

export interface DeviceFacts {
  readonly name?: string;
  readonly machineId?: string;
  readonly osPlatform?: string;
}

/** Why a device is protected (e.g. "matches pattern dc*"), or undefined when it is not. */
export function protectionReason(assets: ProtectedAssets, d: DeviceFacts): string | undefined {
  const name = (d.name ?? '').toLowerCase();
  const short = name.split('.')[0] ?? '';
  const id = (d.machineId ?? '').toLowerCase();
  for (const entry of assets.devices) {
    const e = entry.toLowerCase();
    if ((id && e === id) || (name && (e === name || e === short))) return `listed in ${assets.source}`;
  }
  for (const p of assets.patterns) {
    const re = globToRegExp(p);
    if (name && (re.test(name) || re.test(short))) return `matches pattern '${p}' in ${assets.source}`;
  }
  if (assets.serverOs && /server/i.test(d.osPlatform ?? '')) return `runs ${d.osPlatform} (serverOs in ${assets.source})`;
  return undefined;
}
