/**
 * The planted pip-exfil (and port-scan) events, found with the KQL an analyst would write from the
 * founding document, run by Harrier's KQL engine on a small simulated store.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openEngine, type KqlEngine, type QueryResult } from '../../src/engine/index.js';
import { simulateSmall } from './helpers.js';

let engine: KqlEngine;
const NOW = new Date('2026-11-25T12:00:00Z'); // the simulator's default window end
const run = (q: string): Promise<QueryResult> => engine.query(q, { now: NOW });
const col = (r: QueryResult, name: string) => {
  const i = r.columns.findIndex((c) => c.name === name);
  assert.ok(i >= 0, `column ${name} in ${r.columns.map((c) => c.name).join(', ')}`);
  return r.rows.map((row) => row[i]);
};

before(async () => {
  const s = await simulateSmall({ devices: 30, hours: 72 });
  engine = await openEngine({ db: s.files[0]! });
});
after(() => engine?.close());

test('09:30 — John Doe\'s corporate device', async () => {
  const r = await run(`DeviceInfo
| where LoggedOnUsers has "jdoe"
| distinct DeviceName`);
  assert.equal(r.rows.length, 1);
  assert.match(String(r.rows[0]![0]), /^ws-\d{4}\.corp\.contoso\.com$/);
});

test('10:05 — over a dozen Project_Hermes documents opened at about 10:27 PM', async () => {
  const r = await run(`DeviceProcessEvents
| where Timestamp > ago(72h)
| where AccountName == "jdoe"
| where ProcessCommandLine has "Project_Hermes"
| where ProcessCommandLine has_any (".docx", ".pdf", ".pptx")
| project Timestamp, DeviceName, FileName, ProcessCommandLine
| order by Timestamp asc`);
  assert.ok(r.rows.length > 12, `${r.rows.length} opens`);
  for (const ts of col(r, 'Timestamp')) assert.match(String(ts), /T22:2[789]:/);
  // The viewers opening each file, plus the robocopy that stages the folder right after.
  const names = col(r, 'FileName').map(String);
  assert.ok(names.filter((n) => ['Acrobat.exe', 'POWERPNT.EXE', 'WINWORD.EXE'].includes(n)).length > 12);
  assert.deepEqual([...new Set(names)].sort(), ['Acrobat.exe', 'POWERPNT.EXE', 'Robocopy.exe', 'WINWORD.EXE']);
  const labelled = await run(`DeviceEvents
| where ActionType == "SensitiveFileRead" and InitiatingProcessAccountName == "jdoe"
| extend Label = tostring(parse_json(AdditionalFields).SensitivityLabel)
| summarize Files = dcount(FileName) by Label`);
  assert.ok(labelled.rows.length >= 2);
});

test('10:22 — USB mass storage connected in the same session, files staged in Temp', async () => {
  const usb = await run(`DeviceEvents
| where ActionType == "UsbDriveMounted"
| extend Fields = parse_json(AdditionalFields)
| project Timestamp, DeviceName, DriveLetter = tostring(Fields.DriveLetter), ProductName = tostring(Fields.ProductName), SerialNumber = tostring(Fields.SerialNumber)
| where SerialNumber == "4C530001230815113042"`);
  assert.equal(usb.rows.length, 1);
  assert.equal(col(usb, 'DriveLetter')[0], 'E:');
  assert.match(String(col(usb, 'Timestamp')[0]), /T22:2[0-9]:/);
  const pnp = await run(`DeviceEvents
| where ActionType == "PnpDeviceConnected"
| extend parsed = parse_json(AdditionalFields)
| where tostring(parsed.ClassName) == "USB" and tostring(parsed.DeviceDescription) == "USB Mass Storage Device"
| where Timestamp between (datetime(2026-11-24 22:00) .. datetime(2026-11-24 23:00))`);
  assert.equal(pnp.rows.length, 1);
  const staged = await run(`DeviceFileEvents
| where InitiatingProcessAccountName == "jdoe" and ActionType == "FileCreated"
| where FolderPath has @"\\AppData\\Local\\Temp\\"
| where FileName endswith ".docx" or FileName endswith ".pdf" or FileName endswith ".pptx"
| summarize Files = count(), First = min(Timestamp) by InitiatingProcessFileName`);
  assert.equal(staged.rows.length, 1);
  assert.equal(col(staged, 'InitiatingProcessFileName')[0], 'Robocopy.exe');
  assert.ok(Number(col(staged, 'Files')[0]) > 12);
  const toUsb = await run(`DeviceFileEvents
| where ActionType == "FileCreated" and FolderPath startswith "E:\\\\" and InitiatingProcessAccountName == "jdoe"
| project Timestamp, FileName, FolderPath, SHA256`);
  assert.ok(toUsb.rows.length >= 2);
});

test('10:40 — burst of outbound traffic to Dropbox at about 10:33 PM', async () => {
  const r = await run(`DeviceNetworkEvents
| where InitiatingProcessAccountName == "jdoe"
| where RemoteUrl contains "dropbox"
| summarize Connections = count() by bin(Timestamp, 5m), InitiatingProcessFileName
| where Connections > 10`);
  assert.equal(r.rows.length, 1);
  assert.match(String(col(r, 'Timestamp')[0]), /T22:30:00/);
  assert.equal(col(r, 'InitiatingProcessFileName')[0], 'msedge.exe');
});

test('11:20 — 7-Zip and batch scripts run from the Temp directory', async () => {
  const r = await run(`DeviceProcessEvents
| where AccountName == "jdoe"
| where FolderPath has @"\\Temp\\" or ProcessCommandLine has ".bat"
| project Timestamp, FileName, FolderPath, ProcessCommandLine
| order by Timestamp asc`);
  const files = col(r, 'FileName').map(String);
  assert.ok(files.includes('7z.exe'));
  assert.ok(files.filter((f) => f === 'cmd.exe').length >= 2);
  const deleted = await run(`DeviceFileEvents
| where ActionType == "FileDeleted" and FolderPath has "~hr_stage"
| count`);
  assert.ok(Number(deleted.rows[0]![0]) >= 14);
});

test('port-scan — a host with excessive failed connections, then the PowerShell script behind it', async () => {
  const r = await run(`DeviceNetworkEvents
| where ActionType == "ConnectionFailed"
| summarize FailedConnections = count(), Hosts = dcount(RemoteIP), Ports = dcount(RemotePort) by DeviceName, LocalIP, InitiatingProcessFileName
| where FailedConnections >= 100
| order by FailedConnections desc`);
  const procs = col(r, 'InitiatingProcessFileName').map(String);
  assert.ok(procs.includes('powershell.exe'));
  const host = String(col(r, 'DeviceName')[procs.indexOf('powershell.exe')]);
  const ps = await run(`DeviceProcessEvents
| where DeviceName == "${host}"
| where ProcessCommandLine contains "portscan"
| project Timestamp, FileName, ProcessCommandLine`);
  assert.equal(ps.rows.length, 2);
});
