/**
 * Scenario pip-exfil, step by step from the founding document: John Doe, on the evening before the
 * morning HR places him on a performance improvement plan, logs on after hours, plugs in a USB
 * stick, opens over a dozen Project_Hermes .docx/.pdf/.pptx files at about 10:27 PM (visible in
 * process command lines, plus SensitiveFileRead for labelled files), stages copies in Temp with a
 * batch script, archives them with a 7-Zip copied to Temp, writes to the USB drive, uploads to
 * Dropbox at about 10:33 PM and deletes the staging folder. Every planted event is in the truth.
 */
import { bin } from '../catalog.js';
import type { Rng } from '../prng.js';
import { MINUTE_US, tzOffsetMinutes } from '../clock/activity-shape.js';
import type { Proc, SimContext } from '../gen/context.js';
import { type EndpointCatalog, ephemeralPort } from '../gen/endpoints.js';
import { type BootTree, launch, startSession, withConsole } from '../gen/process-trees.js';
import { connectStick } from '../gen/usb.js';
import { ONEDRIVE } from '../gen/user-files.js';
import { guidFrom } from '../ids.js';

export const PIP_SCENARIO = 'pip-exfil';

const HERMES_FILES: readonly [string, string][] = [
  ['Hermes_Design_Specification_v3.docx', 'Highly Confidential'], ['Hermes_Prototype_Test_Results.pdf', 'Highly Confidential'],
  ['Hermes_Roadmap_2027.pptx', 'Confidential'], ['Hermes_Patent_Draft_Claims.docx', 'Highly Confidential'], ['Hermes_Cost_Model.pdf', 'Confidential'],
  ['Hermes_Supplier_Shortlist.docx', 'Confidential'], ['Hermes_Board_Briefing.pptx', 'Highly Confidential'], ['Hermes_Lab_Notebook_Q3.pdf', ''],
  ['Hermes_Firmware_Architecture.docx', 'Confidential'], ['Hermes_Market_Analysis.pptx', ''], ['Hermes_Competitive_Teardown.pdf', 'Confidential'],
  ['Hermes_Customer_Pilots.docx', ''], ['Hermes_Risk_Assessment.pdf', 'Confidential'], ['Hermes_Launch_Plan.pptx', 'Highly Confidential'],
];

export interface PipTimes {
  /** UTC µs of 22:27 local on the evening before the PIP. */
  readonly accessUs: number;
  /** UTC µs of 09:00 local on the PIP morning. */
  readonly pipUs: number;
}

/** The PIP morning is the last local day whose 09:00 is at or before the window end. */
export function pipTimes(zone: string, endUs: number): PipTimes {
  const endMs = endUs / 1000;
  const off = tzOffsetMinutes(zone, endMs);
  let localDay = Math.floor((endMs + off * 60000) / 86_400_000) * 86_400_000;
  if (endMs + off * 60000 < localDay + 9 * 3_600_000) localDay -= 86_400_000;
  const toUtc = (localMs: number) => (localMs - tzOffsetMinutes(zone, localMs - off * 60000) * 60000) * 1000;
  return { pipUs: toUtc(localDay + 9 * 3_600_000), accessUs: toUtc(localDay - 86_400_000 + (22 * 60 + 27) * 60000) };
}

export function plantPipExfil(ctx: SimContext, eps: EndpointCatalog, boot: BootTree, rng: Rng): PipTimes {
  const john = ctx.estate.johnDoe;
  const dev = ctx.estate.johnDevice.id;
  const times = pipTimes(john.timeZone, ctx.endUs);
  const T = times.accessUs;
  const at = (min: number, sec = 0) => T + min * MINUTE_US + sec * 1_000_000 + rng.int(400_000);
  const plant = (rid: number, table: string, ts: number, step: string, technique: string, detail: string) => ctx.plant(rid, table, dev, ts, PIP_SCENARIO, step, technique, detail);
  const pe = (p: Proc, step: string, technique: string, detail: string) => plant(p.rid, 'DeviceProcessEvents', p.ts, step, technique, detail);

  // 22:21 — after-hours interactive logon.
  const tLogon = at(-6, 10);
  const session = startSession(ctx, boot, john.id, tLogon, rng);
  plant(ctx.logon(dev, boot.lsass, tLogon, { usr: john.id, success: true, type: 'Interactive', protocol: 'Negotiate', logonId: session.logonId, admin: false }),
    'DeviceLogonEvents', tLogon, 'after-hours-logon', 'T1078', 'John Doe logs on to his workstation at 22:21, outside working hours');
  const ex = session.explorer;
  const home = `C:\\Users\\${john.name}`;
  const temp = `${home}\\AppData\\Local\\Temp`;
  const hermes = `${home}\\${ONEDRIVE}\\R&D\\Project_Hermes`;
  const stage = `${temp}\\~hr_stage`;

  // 22:24 — USB mass storage connected and mounted as E:.
  const stick = { manufacturer: 'SanDisk', product: 'Ultra', vid: '0781', pid: '5581', revision: '1.00', serial: '4C530001230815113042', letter: 'E:' };
  const tUsb = at(-3, 30);
  const usb = connectStick(ctx, dev, tUsb, stick, rng);
  plant(usb.pnpUsb, 'DeviceEvents', tUsb, 'usb-connected', 'T1052.001', 'PnpDeviceConnected: USB Mass Storage Device (SanDisk Ultra)');
  plant(usb.pnpDisk, 'DeviceEvents', tUsb + 400_000, 'usb-connected', 'T1052.001', 'PnpDeviceConnected: SanDisk Ultra USB Device disk drive');
  plant(usb.mounted, 'DeviceEvents', tUsb + 1_900_000, 'usb-mounted', 'T1052.001', `UsbDriveMounted E: serial ${stick.serial}`);

  // 22:27 — burst of opens of Project_Hermes documents.
  const originals = HERMES_FILES.map(([name, label]) => ({ name, label, path: `${hermes}\\${name}`, fobj: ctx.files.id(`${hermes}\\${name}`, 200_000 + rng.int(6_000_000), `${hermes}\\${name}`, label) }));
  originals.forEach((f, i) => {
    const ts = T + i * 6_500_000 + rng.int(1_500_000);
    const ext = f.name.slice(f.name.lastIndexOf('.') + 1);
    const key = ext === 'docx' ? 'winword' : ext === 'pptx' ? 'powerpnt' : 'acrobat';
    const b = bin(key);
    const cmd = key === 'acrobat' ? `"${b.path}" "${f.path}"` : `"${b.path}" /n "${f.path}" /o ""`;
    const p = launch(ctx, ex, ts, { bin: b.id, cmd }, rng);
    pe(p, 'sensitive-file-access', 'T1005', `opened ${f.name}`);
    if (f.label) {
      const ets = ts + 1_200_000;
      plant(ctx.event(dev, p, ets, 'SensitiveFileRead', { fobj: f.fobj, af: { SensitivityLabel: f.label, SensitivityLabelId: guidFrom(`label:${f.label}`), FileType: ext } }),
        'DeviceEvents', ets, 'sensitive-file-access', 'T1005', `SensitiveFileRead ${f.name} (${f.label})`);
    }
  });

  // 22:29 — a batch script in Temp stages copies with robocopy.
  const bat = ctx.files.id(`${temp}\\stage.bat`, 412, 'pip:stage.bat');
  const tBat = at(2, 5);
  plant(ctx.file(ex, tBat, 'FileCreated', bat), 'DeviceFileEvents', tBat, 'batch-script', 'T1059.003', 'stage.bat written to Temp');
  const cmd1 = launch(ctx, ex, at(2, 30), { bin: bin('cmd').id, cmd: `C:\\Windows\\system32\\cmd.exe /c ""${temp}\\stage.bat""` }, rng);
  withConsole(ctx, cmd1, rng);
  pe(cmd1, 'batch-script', 'T1059.003', 'cmd.exe runs stage.bat from Temp');
  const rc = launch(ctx, cmd1, cmd1.ts + 600_000, { bin: bin('robocopy').id, cmd: `robocopy "${hermes}" "${stage}" *.docx *.pdf *.pptx /R:0 /NFL /NDL` }, rng);
  pe(rc, 'staging-copy', 'T1074.001', 'robocopy copies Project_Hermes into Temp\\~hr_stage');
  const staged = originals.map((f, i) => {
    const fobj = ctx.files.id(`${stage}\\${f.name}`, 0, f.path, f.label);
    const ts = rc.ts + 1_000_000 + i * 250_000;
    plant(ctx.file(rc, ts, 'FileCreated', fobj), 'DeviceFileEvents', ts, 'staging-copy', 'T1074.001', `staged ${f.name}`);
    return fobj;
  });

  // 22:31 — 7-Zip copied to Temp and run by a second batch script.
  const tTool = at(3, 40);
  plant(ctx.file(ex, tTool, 'FileCreated', ctx.files.id(`${temp}\\7z.exe`, bin('7z-temp').size, 'harrier-binary|7z.exe|24.08')), 'DeviceFileEvents', tTool, 'archive', 'T1560.001', '7z.exe dropped in Temp');
  const tPack = at(3, 55);
  plant(ctx.file(ex, tPack, 'FileCreated', ctx.files.id(`${temp}\\pack.bat`, 236, 'pip:pack.bat')), 'DeviceFileEvents', tPack, 'batch-script', 'T1059.003', 'pack.bat written to Temp');
  const cmd2 = launch(ctx, ex, at(4, 10), { bin: bin('cmd').id, cmd: `C:\\Windows\\system32\\cmd.exe /c ""${temp}\\pack.bat""` }, rng);
  withConsole(ctx, cmd2, rng);
  pe(cmd2, 'batch-script', 'T1059.003', 'cmd.exe runs pack.bat from Temp');
  const zip = `${stage}\\hermes_docs.zip`;
  const z = launch(ctx, cmd2, cmd2.ts + 500_000, { bin: bin('7z-temp').id, cmd: `"${temp}\\7z.exe" a -tzip -mx=9 -p******** "${zip}" "${stage}\\*"` }, rng);
  pe(z, 'archive', 'T1560.001', '7z.exe (from Temp) archives the staged files with a password');
  const zipObj = ctx.files.id(zip, 38_500_000, 'pip:hermes_docs.zip');
  plant(ctx.file(z, z.ts + 9_000_000, 'FileCreated', zipObj), 'DeviceFileEvents', z.ts + 9_000_000, 'archive', 'T1560.001', 'hermes_docs.zip created');

  // 22:32 — copies written to the USB drive.
  const cp = launch(ctx, cmd2, z.ts + 12_000_000, { bin: bin('robocopy').id, cmd: `robocopy "${stage}" E:\\Backup hermes_docs.zip *.pptx /R:0` }, rng);
  pe(cp, 'usb-write', 'T1052.001', 'robocopy copies the archive to E:');
  const usbFiles = [{ name: 'hermes_docs.zip', content: 'pip:hermes_docs.zip', size: 38_500_000 }, ...originals.filter((f) => f.name.endsWith('.pptx')).map((f) => ({ name: f.name, content: f.path, size: 0 }))];
  usbFiles.forEach((f, i) => {
    const ts = cp.ts + 2_000_000 + i * 3_000_000;
    plant(ctx.file(cp, ts, 'FileCreated', ctx.files.id(`E:\\Backup\\${f.name}`, f.size || 2_500_000, f.content)), 'DeviceFileEvents', ts, 'usb-write', 'T1052.001', `${f.name} written to E:`);
  });

  // 22:33 — upload burst to Dropbox from the browser.
  const edge = launch(ctx, ex, at(5, 40), { bin: bin('msedge').id, cmd: '"C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe" --single-argument https://www.dropbox.com/home' }, rng);
  const hosts = eps.app('dropboxweb');
  for (let i = 0; i < 26; i++) {
    const ts = T + 6 * MINUTE_US + i * 3_400_000 + rng.int(1_000_000);
    const ep = i < 3 ? hosts[0]! : hosts[1 + (i % 3)]!;
    plant(ctx.net(edge, ts, 'ConnectionSuccess', ep, ephemeralPort(rng.next())), 'DeviceNetworkEvents', ts, 'cloud-upload', 'T1567.002', 'HTTPS to Dropbox during upload');
  }

  // 22:35 — the staging folder and tools are deleted.
  const del = launch(ctx, ex, at(8, 20), { bin: bin('cmd').id, cmd: `C:\\Windows\\system32\\cmd.exe /c rmdir /s /q "${stage}" & del /f /q "${temp}\\7z.exe" "${temp}\\stage.bat" "${temp}\\pack.bat"` }, rng);
  pe(del, 'staging-deleted', 'T1070.004', 'cmd.exe removes the staging folder and tools');
  [...staged, zipObj].forEach((fobj, i) => {
    const ts = del.ts + 300_000 + i * 40_000;
    plant(ctx.file(del, ts, 'FileDeleted', fobj), 'DeviceFileEvents', ts, 'staging-deleted', 'T1070.004', 'staged file deleted');
  });
  return times;
}
