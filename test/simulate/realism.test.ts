/**
 * Realism rules of the simulator, checked on the output of a small seed: estate, process-tree
 * consistency, signed binaries with stable hashes, file and network shapes, working-hours shape,
 * benign look-alikes, and ground truth for every planted step.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { DuckDBConnection } from '@duckdb/node-api';
import { openReadOnly, rows, scalar, simulateSmall } from './helpers.js';
import type { SimulateSummary } from '../../src/simulate/simulate.js';

let c: DuckDBConnection;
let close: () => void;
let summary: SimulateSummary;
// 96 h ending Wednesday noon UTC: Saturday noon → Wednesday noon, so a weekend is included.
const START = `TIMESTAMP '2026-11-21 12:00:00'`;

before(async () => {
  summary = await simulateSmall({ devices: 30, hours: 96 });
  ({ c, close } = await openReadOnly(summary.files[0]!));
});
after(() => close?.());

test('estate: workstations and servers, DeviceInfo per device, interactive and network logons', async () => {
  const types = await rows(c, `SELECT DeviceType, count(DISTINCT DeviceId) FROM DeviceInfo GROUP BY 1 ORDER BY 1`);
  assert.deepEqual(types.map((r) => r[0]), ['Server', 'Workstation']);
  assert.equal(await scalar(c, `SELECT count(DISTINCT DeviceId) FROM DeviceInfo`), 30);
  assert.ok(await scalar(c, `SELECT count(*) FROM DeviceLogonEvents WHERE LogonType = 'Interactive' AND ActionType = 'LogonSuccess'`) > 40);
  assert.ok(await scalar(c, `SELECT count(*) FROM DeviceLogonEvents WHERE LogonType = 'Network'`) > 40);
  assert.ok(await scalar(c, `SELECT count(*) FROM DeviceLogonEvents WHERE ActionType = 'LogonFailed'`) > 0);
  assert.equal(await scalar(c, `SELECT count(*) FROM DeviceInfo WHERE json_array_length(LoggedOnUsers) = 1 AND DeviceType = 'Workstation'`),
    await scalar(c, `SELECT count(*) FROM DeviceInfo WHERE DeviceType = 'Workstation'`));
});

test('ReportIds are globally unique', async () => {
  const tables = ['DeviceProcessEvents', 'DeviceNetworkEvents', 'DeviceFileEvents', 'DeviceEvents', 'DeviceLogonEvents', 'DeviceRegistryEvents', 'DeviceImageLoadEvents', 'DeviceInfo', 'DeviceNetworkInfo', 'DeviceFileCertificateInfo'];
  const all = tables.map((t) => `SELECT ReportId FROM ${t}`).join(' UNION ALL ');
  const [n, d] = (await rows(c, `SELECT count(*), count(DISTINCT ReportId) FROM (${all})`))[0]!;
  assert.equal(Number(n), Number(d));
  assert.equal(Number(n), summary.events - 0);
});

test('events are stored device by device in generation order (what keeps the bulk INSERTs fast)', async () => {
  // ReportIds are handed out in generation order, device after device. Stored in that order, the
  // wide MDE rows compress quickly; a hash join built on the facts would interleave them.
  for (const t of ['DeviceNetworkEvents', 'DeviceFileEvents', 'DeviceImageLoadEvents']) {
    const [n, back, deviceChanges, devices] = (await rows(c, `SELECT count(*), count(*) FILTER (WHERE r < pr), count(*) FILTER (WHERE d <> pd), count(DISTINCT d)
      FROM (SELECT ReportId r, lag(ReportId) OVER (ORDER BY rowid) pr, DeviceId d, lag(DeviceId) OVER (ORDER BY rowid) pd FROM ${t})`))[0]!.map(Number) as [number, number, number, number];
    assert.ok(n > 10_000, `${t}: ${n} rows`);
    assert.ok(back < n / 100, `${t}: ReportId goes backwards ${back} times in ${n} rows`);
    assert.ok(deviceChanges < devices * 6, `${t}: ${deviceChanges} device changes for ${devices} devices`);
  }
});

test('process trees: InitiatingProcess* of every child equals its parent\'s own process event', async () => {
  // Parent event present → every field matches; absent → the parent started before the window.
  const [total, matched, olderParents] = (await rows(c, `
    SELECT count(*), count(p.ReportId), count(*) FILTER (WHERE p.ReportId IS NULL AND c.InitiatingProcessCreationTime < ${START})
    FROM DeviceProcessEvents c LEFT JOIN DeviceProcessEvents p ON p.DeviceId = c.DeviceId AND p.ProcessId = c.InitiatingProcessId
      AND p.ProcessCreationTime = c.InitiatingProcessCreationTime
    WHERE c.FileName <> 'smss.exe'`))[0]!.map(Number);
  assert.ok(total! > 1000);
  assert.equal(matched! + olderParents!, total, 'a child whose parent is neither in the table nor older than the window');
  const mismatches = await scalar(c, `
    SELECT count(*) FROM DeviceProcessEvents c JOIN DeviceProcessEvents p ON p.DeviceId = c.DeviceId AND p.ProcessId = c.InitiatingProcessId
      AND p.ProcessCreationTime = c.InitiatingProcessCreationTime
    WHERE c.InitiatingProcessCommandLine <> p.ProcessCommandLine OR c.InitiatingProcessFileName <> p.FileName OR c.InitiatingProcessFolderPath <> p.FolderPath
      OR c.InitiatingProcessSHA256 <> p.SHA256 OR c.InitiatingProcessAccountName <> p.AccountName OR c.InitiatingProcessParentId <> p.InitiatingProcessId
      OR c.InitiatingProcessParentFileName <> p.InitiatingProcessFileName OR c.InitiatingProcessParentCreationTime <> p.InitiatingProcessCreationTime
      OR c.InitiatingProcessIntegrityLevel <> p.ProcessIntegrityLevel OR c.InitiatingProcessLogonId <> p.LogonId`);
  assert.equal(mismatches, 0);
  for (const t of ['DeviceNetworkEvents', 'DeviceFileEvents', 'DeviceImageLoadEvents']) {
    const bad = await scalar(c, `SELECT count(*) FROM ${t} e JOIN DeviceProcessEvents p ON p.DeviceId = e.DeviceId AND p.ProcessId = e.InitiatingProcessId
      AND p.ProcessCreationTime = e.InitiatingProcessCreationTime WHERE e.InitiatingProcessCommandLine <> p.ProcessCommandLine OR e.InitiatingProcessSHA256 <> p.SHA256`);
    assert.equal(bad, 0, t);
  }
});

test('binaries: one SHA256 per binary everywhere, signed, with certificate info', async () => {
  const multi = await rows(c, `SELECT FolderPath FROM DeviceProcessEvents WHERE FolderPath NOT LIKE 'C:\\Users\\%' GROUP BY FolderPath HAVING count(DISTINCT SHA256) > 1`);
  assert.deepEqual(multi, []);
  for (const f of ['WINWORD.EXE', 'msedge.exe', 'cmd.exe', 'OUTLOOK.EXE', 'explorer.exe']) {
    assert.equal(await scalar(c, `SELECT count(DISTINCT SHA256) FROM DeviceProcessEvents WHERE FileName = '${f}'`), 1, f);
  }
  assert.equal(await scalar(c, `SELECT count(*) FROM DeviceProcessEvents WHERE InitiatingProcessSignatureStatus NOT IN ('Valid', '')`), 0);
  assert.ok(await scalar(c, `SELECT count(*) FROM DeviceFileCertificateInfo f JOIN (SELECT DISTINCT SHA1 FROM DeviceProcessEvents WHERE FileName = 'WINWORD.EXE') p USING (SHA1) WHERE f.IsSigned AND f.Signer = 'Microsoft Corporation'`) > 0);
});

test('files in user folders and OneDrive; network to M365/CDNs/updates with DNS names, ports and IP types', async () => {
  assert.ok(await scalar(c, `SELECT count(*) FROM DeviceFileEvents WHERE FolderPath LIKE 'C:\\Users\\%\\OneDrive - Contoso\\%'`) > 100);
  assert.ok(await scalar(c, `SELECT count(*) FROM DeviceFileEvents WHERE FolderPath LIKE 'C:\\Users\\%\\Downloads\\%' AND FileOriginUrl LIKE 'https://%'`) > 10);
  const urls = (await rows(c, `SELECT DISTINCT RemoteUrl FROM DeviceNetworkEvents WHERE RemoteUrl <> ''`)).map((r) => String(r[0]));
  assert.ok(urls.length > 20);
  for (const u of urls) assert.match(u, /^[a-z0-9-]+(\.[a-z0-9-]+)+$/, u);
  for (const host of ['outlook.office365.com', 'teams.microsoft.com', 'ctldl.windowsupdate.com', 'winatp-gw-eus.microsoft.com']) assert.ok(urls.includes(host), host);
  assert.equal(await scalar(c, `SELECT count(*) FROM DeviceNetworkEvents WHERE RemoteUrl <> '' AND (RemoteIPType <> 'Public' OR RemotePort NOT IN (80, 443))`), 0);
  assert.equal(await scalar(c, `SELECT count(*) FROM DeviceNetworkEvents WHERE RemoteIP LIKE '10.%' AND RemoteIPType <> 'Private'`), 0);
  assert.equal(await scalar(c, `SELECT count(*) FROM DeviceNetworkEvents WHERE LocalIP NOT LIKE '10.0.%' OR LocalPort < 49152`), 0);
});

test('time-of-day shape: working hours, lunch dip, quiet nights and weekends', async () => {
  const userApps = `InitiatingProcessAccountDomain = 'contoso' AND InitiatingProcessFileName IN ('msedge.exe', 'OUTLOOK.EXE', 'ms-teams.exe', 'WINWORD.EXE', 'EXCEL.EXE', 'POWERPNT.EXE')`;
  const byHour = new Map((await rows(c, `SELECT hour(Timestamp), count(*) FROM DeviceNetworkEvents WHERE ${userApps} AND dayofweek(Timestamp) BETWEEN 1 AND 5 GROUP BY 1`)).map((r) => [Number(r[0]), Number(r[1])]));
  const h = (x: number) => byHour.get(x) ?? 0;
  const night = h(1) + h(2) + h(3) + h(4);
  assert.ok(h(10) > 10 * Math.max(1, night), `10:00 ${h(10)} vs night ${night}`);
  assert.ok(h(12) < 0.8 * h(10), `lunch ${h(12)} vs 10:00 ${h(10)}`);
  const perDay = new Map((await rows(c, `SELECT dayofweek(Timestamp), count(*) FROM DeviceNetworkEvents WHERE ${userApps} AND Timestamp >= TIMESTAMP '2026-11-22 00:00' AND Timestamp < TIMESTAMP '2026-11-25 00:00' GROUP BY 1`)).map((r) => [Number(r[0]), Number(r[1])]));
  assert.ok((perDay.get(1) ?? 0) > 5 * (perDay.get(0) ?? 0), `Monday ${perDay.get(1)} vs Sunday ${perDay.get(0)}`);
  // Background telemetry never stops.
  assert.ok(await scalar(c, `SELECT count(*) FROM DeviceNetworkEvents WHERE hour(Timestamp) = 3 AND InitiatingProcessFileName = 'MsSense.exe'`) > 30);
});

test('benign look-alikes of every malicious step are present', async () => {
  assert.ok(await scalar(c, `SELECT count(*) FROM DeviceProcessEvents WHERE FileName = '7z.exe' AND AccountName = 'svc_backup' AND hour(Timestamp) BETWEEN 1 AND 2`) >= 4, 'nightly 7-Zip backup');
  assert.ok(await scalar(c, `SELECT count(*) FROM DeviceProcessEvents WHERE FileName = '7zFM.exe' AND ProcessCommandLine LIKE '%\\Downloads\\%.zip%'`) > 0, 'developers extracting archives');
  assert.ok(await scalar(c, `SELECT count(DISTINCT RemoteIP) FROM DeviceNetworkEvents WHERE InitiatingProcessFileName = 'nessusd.exe' AND ActionType = 'ConnectionFailed'`) > 30, 'sanctioned scanner sweep');
  assert.ok(await scalar(c, `SELECT count(*) FROM DeviceEvents WHERE ActionType = 'PnpDeviceConnected' AND json_extract_string(AdditionalFields, '$.ClassName') IN ('Mouse', 'Keyboard')`) > 10, 'USB mice/keyboards');
  assert.ok(await scalar(c, `SELECT count(*) FROM DeviceEvents e WHERE ActionType = 'UsbDriveMounted' AND e.ReportId NOT IN (SELECT ReportId FROM _harrier_truth)`) > 0, 'personal USB sticks');
  assert.ok(await scalar(c, `SELECT count(*) FROM DeviceFileEvents WHERE FolderPath LIKE 'E:\\%' AND ReportId NOT IN (SELECT ReportId FROM _harrier_truth)`) > 0, 'benign writes to USB');
  assert.ok(await scalar(c, `SELECT count(*) FROM DeviceNetworkEvents WHERE InitiatingProcessFileName = 'Dropbox.exe' AND hour(Timestamp) BETWEEN 8 AND 18`) > 0, 'Dropbox desktop sync by day');
  assert.ok(await scalar(c, `SELECT count(*) FROM DeviceNetworkEvents WHERE InitiatingProcessFileName = 'OneDrive.exe'`) > 50, 'OneDrive sync');
});

const EXPECTED: readonly [string, string, string][] = [
  ['pip-exfil', 'after-hours-logon', 'T1078'], ['pip-exfil', 'usb-connected', 'T1052.001'], ['pip-exfil', 'usb-mounted', 'T1052.001'],
  ['pip-exfil', 'sensitive-file-access', 'T1005'], ['pip-exfil', 'batch-script', 'T1059.003'], ['pip-exfil', 'staging-copy', 'T1074.001'],
  ['pip-exfil', 'archive', 'T1560.001'], ['pip-exfil', 'usb-write', 'T1052.001'], ['pip-exfil', 'cloud-upload', 'T1567.002'],
  ['pip-exfil', 'staging-deleted', 'T1070.004'], ['port-scan', 'download-script', 'T1105'], ['port-scan', 'run-script', 'T1059.001'], ['port-scan', 'port-scan', 'T1046'],
];

test('ground truth: every planted step with its technique, each pointing at a real event', async () => {
  const got = (await rows(c, `SELECT DISTINCT Scenario, Step, Technique FROM _harrier_truth`)).map((r) => r.join('|')).sort();
  assert.deepEqual(got, EXPECTED.map((e) => e.join('|')).sort());
  for (const t of (await rows(c, `SELECT DISTINCT TableName FROM _harrier_truth`)).map((r) => String(r[0]))) {
    const missing = await scalar(c, `SELECT count(*) FROM _harrier_truth h LEFT JOIN ${t} e ON e.ReportId = h.ReportId AND e.DeviceId = h.DeviceId AND e.Timestamp = h.Timestamp WHERE h.TableName = '${t}' AND e.ReportId IS NULL`);
    assert.equal(missing, 0, t);
  }
  const opens = await scalar(c, `SELECT count(*) FROM _harrier_truth WHERE Step = 'sensitive-file-access' AND TableName = 'DeviceProcessEvents' AND strftime(Timestamp, '%H:%M') BETWEEN '22:27' AND '22:29'`);
  assert.ok(opens > 12);
  assert.ok(await scalar(c, `SELECT count(*) FROM _harrier_truth WHERE Step = 'cloud-upload' AND strftime(Timestamp, '%H:%M') BETWEEN '22:33' AND '22:35'`) > 10);
  assert.ok(await scalar(c, `SELECT count(*) FROM _harrier_truth WHERE Step = 'port-scan'`) > 500);
});
