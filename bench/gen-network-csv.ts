/**
 * Writes a DeviceNetworkEvents CSV in the Defender portal's export shape (header of all 44 columns,
 * ISO-8601 timestamps with 7 fractional digits, JSON text in AdditionalFields) with realistic,
 * deterministic values. Used by bench/ingest-csv.ts; never part of npm test.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { getTable } from '../src/schema/index.js';

const COLUMNS = getTable('DeviceNetworkEvents').columns.map((c) => c.name);

let seed = 42;
function rnd(n: number): number {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed % n;
}
const pick = <T>(xs: readonly T[]): T => xs[rnd(xs.length)]!;
const hex = (len: number) => { let s = ''; while (s.length < len) s += (rnd(0x7fffffff)).toString(16).padStart(8, '0'); return s.slice(0, len); };

const DEVICES = Array.from({ length: 200 }, (_, i) => ({ id: hex(40), name: `wks-${String(i).padStart(4, '0')}.contoso.com`, ip: `10.${i % 250}.${rnd(250)}.${rnd(250)}` }));
const PROCS_BASE = [
  { file: 'chrome.exe', folder: 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe', company: 'Google LLC', product: 'Google Chrome', version: '119.0.6045.160', desc: 'Google Chrome', size: 3112448 },
  { file: 'msedge.exe', folder: 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe', company: 'Microsoft Corporation', product: 'Microsoft Edge', version: '119.0.2151.72', desc: 'Microsoft Edge', size: 4012840 },
  { file: 'svchost.exe', folder: 'C:\\Windows\\System32\\svchost.exe', company: 'Microsoft Corporation', product: 'Microsoft® Windows® Operating System', version: '10.0.19041.1806', desc: 'Host Process for Windows Services', size: 55320 },
  { file: 'powershell.exe', folder: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', company: 'Microsoft Corporation', product: 'Microsoft® Windows® Operating System', version: '10.0.19041.3570', desc: 'Windows PowerShell', size: 452608 },
  { file: 'teams.exe', folder: 'C:\\Users\\jdoe\\AppData\\Local\\Microsoft\\Teams\\current\\Teams.exe', company: 'Microsoft Corporation', product: 'Microsoft Teams', version: '1.6.00.29964', desc: 'Microsoft Teams', size: 130219424 },
];
// A binary has one set of hashes; an account one SID and object id (as in real telemetry).
const PROCS = PROCS_BASE.map((p) => ({ ...p, sha1: hex(40), sha256: hex(64), md5: hex(32) }));
const ACTIONS = ['ConnectionSuccess', 'ConnectionSuccess', 'ConnectionSuccess', 'ConnectionFailed', 'InboundConnectionAccepted', 'ListeningConnectionCreated', 'ConnectionAttempt'];
const URLS = ['', 'www.bing.com', 'login.microsoftonline.com', 'teams.microsoft.com', 'github.com', 'outlook.office365.com', 'update.googleapis.com'];
const USERS = ['jdoe', 'asmith', 'bwayne', 'ckent', 'system', 'network service'];
const ACCOUNTS = new Map(USERS.map((u) => [u, { sid: `S-1-5-21-${rnd(999999999)}-${rnd(999999999)}-${rnd(99999999)}-${1000 + rnd(9000)}`, objectId: `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}` }]));

function csvField(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

function iso(ms: number, ticks: number): string {
  return new Date(ms).toISOString().slice(0, 19) + '.' + String(ticks).padStart(7, '0') + 'Z';
}

function row(i: number, base: number): string {
  const d = pick(DEVICES);
  const p = pick(PROCS);
  const user = pick(USERS);
  const ts = base + i * 37;
  const created = base - rnd(86_400_000);
  const remoteIp = `${20 + rnd(200)}.${rnd(256)}.${rnd(256)}.${rnd(256)}`;
  const pid = 1000 + rnd(60000);
  const values: Record<string, string> = {
    Timestamp: iso(ts, rnd(10_000_000)),
    DeviceId: d.id,
    DeviceName: d.name,
    ActionType: pick(ACTIONS),
    RemoteIP: remoteIp,
    RemotePort: String(pick([443, 443, 80, 53, 445, 3389, 8080])),
    RemoteUrl: pick(URLS),
    LocalIP: d.ip,
    LocalPort: String(49152 + rnd(16000)),
    Protocol: pick(['Tcp', 'Tcp', 'Udp']),
    LocalIPType: 'Private',
    RemoteIPType: 'Public',
    InitiatingProcessSHA1: p.sha1,
    InitiatingProcessSHA256: p.sha256,
    InitiatingProcessMD5: p.md5,
    InitiatingProcessFileName: p.file,
    InitiatingProcessFileSize: String(p.size),
    InitiatingProcessVersionInfoCompanyName: p.company,
    InitiatingProcessVersionInfoProductName: p.product,
    InitiatingProcessVersionInfoProductVersion: p.version,
    InitiatingProcessVersionInfoInternalFileName: p.file,
    InitiatingProcessVersionInfoOriginalFileName: p.file,
    InitiatingProcessVersionInfoFileDescription: p.desc,
    InitiatingProcessId: String(pid),
    InitiatingProcessCommandLine: `"${p.file}" --type=utility --field-trial-handle=${rnd(9999)},i,${hex(16)} /prefetch:${rnd(9)}`,
    InitiatingProcessCreationTime: iso(created, rnd(10_000_000)),
    InitiatingProcessFolderPath: p.folder,
    InitiatingProcessParentFileName: pick(['explorer.exe', 'services.exe', 'userinit.exe']),
    InitiatingProcessParentId: String(500 + rnd(10000)),
    InitiatingProcessParentCreationTime: iso(created - 60_000, rnd(10_000_000)),
    InitiatingProcessAccountDomain: user === 'system' || user === 'network service' ? 'nt authority' : 'contoso',
    InitiatingProcessAccountName: user,
    InitiatingProcessAccountSid: ACCOUNTS.get(user)!.sid,
    InitiatingProcessAccountUpn: user.includes(' ') || user === 'system' ? '' : `${user}@contoso.com`,
    InitiatingProcessAccountObjectId: ACCOUNTS.get(user)!.objectId,
    InitiatingProcessIntegrityLevel: pick(['Medium', 'High', 'System']),
    InitiatingProcessTokenElevation: pick(['TokenElevationTypeDefault', 'TokenElevationTypeLimited', 'TokenElevationTypeFull']),
    ReportId: String(10_000 + i),
    AppGuardContainerId: '',
    AdditionalFields: rnd(4) === 0 ? JSON.stringify({ direction: 'Outbound', server: pick(URLS), Tags: ['a', 'b'] }) : '',
    InitiatingProcessSessionId: String(rnd(5)),
    IsInitiatingProcessRemoteSession: rnd(20) === 0 ? 'true' : 'false',
    InitiatingProcessRemoteSessionDeviceName: '',
    InitiatingProcessRemoteSessionIP: '',
  };
  return COLUMNS.map((c) => csvField(values[c] ?? '')).join(',');
}

/** Writes `rows` data rows (plus the header) to `path`; returns the file's size in bytes. */
export async function writeNetworkCsv(path: string, rows: number): Promise<number> {
  const out = createWriteStream(path);
  let bytes = 0;
  const write = async (s: string) => {
    bytes += Buffer.byteLength(s);
    if (!out.write(s)) await once(out, 'drain');
  };
  await write('\ufeff' + COLUMNS.join(',') + '\r\n');
  const base = Date.UTC(2026, 10, 18, 8, 0, 0);
  const batch: string[] = [];
  for (let i = 0; i < rows; i++) {
    batch.push(row(i, base));
    if (batch.length === 5000) { await write(batch.join('\r\n') + '\r\n'); batch.length = 0; }
  }
  if (batch.length) await write(batch.join('\r\n') + '\r\n');
  out.end();
  await once(out, 'finish');
  return bytes;
}
