/**
 * Device resolution. Against Defender: a machine id (40 hex digits) is fetched with
 * `GET machines/{id}`; a name with `GET machines?$filter=computerDnsName eq '<name>'` (then, for a
 * short name, `startswith(computerDnsName,'<name>.')`). From a store (dry runs and hints): the latest
 * DeviceInfo row whose DeviceId or DeviceName matches (MDE's DeviceId is the API's machine id).
 */
import { existsSync } from 'node:fs';
import { openStore } from '../store/index.js';
import { quoteString } from '../sql/quote.js';
import type { MdeClient } from './client.js';
import { READ_PERMISSION } from './actions.js';
import { MdeHttpError, ResponseError, describeHttpError } from './errors.js';

export interface ResolvedDevice {
  readonly machineId: string;
  readonly name: string;
  readonly osPlatform: string;
  readonly source: 'api' | 'store' | 'argument';
}

export function isMachineId(s: string): boolean {
  return /^[0-9a-f]{40}$/i.test(s);
}

/** OData string literal: single quotes doubled. */
function odataString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/** The lookup path for a device name (lower-cased, as Defender stores computerDnsName). */
export function machineLookupPath(name: string, prefix = false): string {
  const n = name.toLowerCase();
  const filter = prefix ? `startswith(computerDnsName,${odataString(`${n}.`)})` : `computerDnsName eq ${odataString(n)}`;
  // `'` is percent-encoded too, as fetch (the WHATWG URL parser) sends it: the dry run shows the exact URL.
  return `machines?$filter=${encodeURIComponent(filter).replace(/'/g, '%27')}`;
}

interface MachineJson { id?: string; computerDnsName?: string; osPlatform?: string }

function toDevice(m: MachineJson): ResolvedDevice {
  return { machineId: String(m.id ?? ''), name: String(m.computerDnsName ?? ''), osPlatform: String(m.osPlatform ?? ''), source: 'api' };
}

export async function resolveDeviceViaApi(client: MdeClient, device: string): Promise<ResolvedDevice> {
  const doing = `looking up device '${device}'`;
  const wrap = (err: unknown): never => {
    if (err instanceof MdeHttpError) throw describeHttpError(err, { doing, permission: READ_PERMISSION, device });
    throw err;
  };
  if (isMachineId(device)) {
    const r = await client.request<MachineJson>('GET', `machines/${device.toLowerCase()}`).catch(wrap);
    return toDevice(r.body);
  }
  const list = async (prefix: boolean): Promise<MachineJson[]> => {
    try {
      const r = await client.request<{ value?: MachineJson[] }>('GET', machineLookupPath(device, prefix));
      return Array.isArray(r.body?.value) ? r.body.value : [];
    } catch (err) {
      if (err instanceof MdeHttpError && err.status === 404) return [];
      return wrap(err);
    }
  };
  let found = await list(false);
  if (found.length === 0 && !device.includes('.')) found = await list(true);
  if (found.length === 0) throw new ResponseError('not-found', `${doing}: Defender knows no device named '${device}' (pass its full DNS name as in DeviceName, or its machine id)`, 404);
  if (found.length > 1) {
    throw new ResponseError('arguments', `${doing}: ${found.length} devices match: ${found.map((m) => `${m.computerDnsName} (${m.id})`).join(', ')}; pass the machine id with --device`);
  }
  return toDevice(found[0]!);
}

/** Looks a device up in a store's DeviceInfo; undefined when there is no store or no match. */
export async function resolveDeviceViaStore(db: string | undefined, device: string): Promise<ResolvedDevice | undefined> {
  if (!db || db === ':memory:' || !existsSync(db)) return undefined;
  let store;
  try {
    store = await openStore(db, { readOnly: true });
  } catch {
    return undefined; // locked by a writer, or not a store: it was only a hint
  }
  try {
    const d = quoteString(device.toLowerCase());
    const where = isMachineId(device)
      ? `lower(DeviceId) = ${d}`
      : `lower(DeviceName) = ${d} OR starts_with(lower(DeviceName), ${d} || '.')`;
    const r = await store.connection.runAndReadAll(
      `SELECT DeviceId, DeviceName, OSPlatform FROM DeviceInfo WHERE ${where} ORDER BY Timestamp DESC LIMIT 50`);
    const rows = r.getRowObjectsJson() as { DeviceId: string; DeviceName: string; OSPlatform: string }[];
    const ids = new Set(rows.map((x) => x.DeviceId));
    if (rows.length === 0 || ids.size !== 1) return undefined;
    const row = rows[0]!;
    return { machineId: row.DeviceId, name: row.DeviceName, osPlatform: row.OSPlatform, source: 'store' };
  } catch {
    return undefined;
  } finally {
    store.close();
  }
}
