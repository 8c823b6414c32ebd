/**
 * Benign look-alikes of every malicious step, so hunts must discriminate: a nightly backup job that
 * runs 7-Zip under a service account, a sanctioned vulnerability scanner sweeping the subnet every
 * night, docking-station mice and keyboards, a few personal USB sticks (with files copied to them),
 * and network logons on the domain controllers and file servers when users start work. Developer
 * archive extraction and Dropbox/OneDrive sync live with the workstation day (gen/workstation.ts).
 */
import { bin } from './catalog.js';
import type { Device, Estate } from './estate.js';
import type { Rng } from './prng.js';
import { HOUR_US, MINUTE_US, localMidnights, type DayPlan } from './clock/activity-shape.js';
import type { SimContext } from './gen/context.js';
import { type EndpointCatalog, ephemeralPort } from './gen/endpoints.js';
import { type BootTree, launch, withConsole } from './gen/process-trees.js';
import { batchLogon, networkLogon } from './gen/logons.js';
import type { RunningSession } from './gen/workstation.js';
import { connectHid, connectStick, randomStick } from './gen/usb.js';

const ymd = (us: number) => new Date(us / 1000).toISOString().slice(0, 10).replaceAll('-', '');

/** 01:30 UTC every night on the backup server: cmd → 7z.exe a … under svc_backup, then robocopy to a mirror. */
export function nightlyBackup(ctx: SimContext, eps: EndpointCatalog, boot: BootTree, mirrorIp: string, rng: Rng): void {
  for (const midnight of localMidnights('UTC', ctx.startUs - 86_400_000_000, ctx.endUs)) {
    const t = midnight + 90 * MINUTE_US + rng.int(5 * MINUTE_US);
    const user = ctx.estate.svcBackup;
    const logonId = rng.range(100_000, 90_000_000);
    batchLogon(ctx, boot, user, t - 1_000_000, logonId);
    const common = { usr: user, logon: logonId, sess: 0, integ: 2, elev: 1 };
    const cmd = launch(ctx, boot.scheduler, t, { ...common, bin: bin('cmd').id, cmd: 'C:\\Windows\\system32\\cmd.exe /c "D:\\Scripts\\nightly_backup.bat"' }, rng);
    withConsole(ctx, cmd, rng);
    for (const share of ['Finance', 'HR', 'Engineering', 'Projects']) {
      const archive = `E:\\Backups\\${ymd(t)}\\fs01_${share}_${ymd(t)}.7z`;
      const z = launch(ctx, cmd, t + 5_000_000, { bin: bin('7z').id, cmd: `"C:\\Program Files\\7-Zip\\7z.exe" a -t7z -mx=5 -ssw "${archive}" "\\\\fs01\\Shares\\${share}\\*"` }, rng);
      ctx.file(z, z.ts + 40 * MINUTE_US * rng.next(), 'FileCreated', ctx.files.id(archive, rng.range(200_000_000, 2_000_000_000), `backup:${archive}`));
    }
    const rc = launch(ctx, cmd, t + 50 * MINUTE_US, { bin: bin('robocopy').id, cmd: `robocopy E:\\Backups\\${ymd(t)} \\\\fs02\\BackupMirror\\${ymd(t)} /MIR /R:2 /W:5 /NP` }, rng);
    ctx.net(rc, rc.ts + 1_000_000, 'ConnectionSuccess', eps.internal(mirrorIp, 445), ephemeralPort(rng.next()));
  }
}

const SCAN_PORTS = [21, 22, 23, 25, 53, 80, 88, 135, 139, 389, 443, 445, 1433, 3389, 5985, 8080];

function openPorts(d: Device | undefined): ReadonlySet<number> {
  if (!d) return new Set();
  switch (d.role) {
    case 'workstation': return new Set([135, 139, 445]);
    case 'dc': return new Set([53, 88, 135, 139, 389, 445, 3389, 5985]);
    case 'sql': return new Set([135, 445, 1433, 3389, 5985]);
    case 'web': return new Set([80, 443, 135, 445, 3389]);
    default: return new Set([135, 139, 445, 3389, 5985]);
  }
}

/** 02:00 UTC every night: the sanctioned Nessus scanner sweeps the server subnet and the workstations. */
export function nightlyVulnScan(ctx: SimContext, eps: EndpointCatalog, boot: BootTree, estate: Estate, rng: Rng): void {
  const nessus = ctx.spawn(boot.dev, boot.services, boot.services.ts + 20_000_000, { bin: bin('nessusd').id, cmd: '"C:\\Program Files\\Tenable\\Nessus\\nessus-service.exe" --nessusd' }, rng);
  const byIp = new Map(estate.devices.map((d) => [d.ip, d]));
  const targets = [...Array.from({ length: 40 }, (_, i) => `10.0.1.${i + 1}`), ...estate.devices.filter((d) => d.role === 'workstation').map((d) => d.ip)];
  for (const midnight of localMidnights('UTC', ctx.startUs, ctx.endUs)) {
    let t = midnight + 2 * HOUR_US + rng.int(3 * MINUTE_US);
    ctx.net(nessus, t - 60_000_000, 'ConnectionSuccess', rng.pick(eps.app('nessus')), ephemeralPort(rng.next()));
    for (const ip of targets) {
      const open = openPorts(byIp.get(ip));
      if (byIp.get(ip)?.role === 'scanner') continue;
      for (const port of SCAN_PORTS) {
        t += 20_000 + rng.int(60_000);
        ctx.net(nessus, t, open.has(port) ? 'ConnectionSuccess' : 'ConnectionFailed', eps.internal(ip, port), ephemeralPort(rng.next()));
      }
    }
  }
}

/** Per-session look-alikes on workstations: docking mice/keyboards, personal USB sticks, share logons. */
/** `personalStick`: this session is the one where the user brings a personal USB stick. */
export function sessionLookalikes(ctx: SimContext, s: RunningSession, plan: DayPlan, rng: Rng, servers: { dc: BootTree[]; file: BootTree[] }, personalStick: boolean): void {
  const t0 = s.session.userinit.ts - 2_000_000;
  const dev = s.device.id;
  if (rng.chance(0.35)) {
    const dock = t0 - 20_000_000 - rng.int(40_000_000);
    connectHid(ctx, dev, dock, rng);
    if (rng.chance(0.7)) connectHid(ctx, dev, dock + 300_000 + rng.int(900_000), rng);
  }
  for (const dc of servers.dc.slice(0, 1 + rng.int(2))) networkLogon(ctx, dc, s.device, s.session.user, t0 + rng.int(20_000_000), rng);
  const fs = servers.file[0];
  if (fs) for (let i = 0, n = rng.int(4); i < n; i++) networkLogon(ctx, fs, s.device, s.session.user, t0 + rng.int(Math.max(1, (plan.end - plan.start)) * MINUTE_US), rng);
  if (personalStick) {
    // A personal stick during the day: photos copied off it, a presentation copied onto it.
    const t = t0 + rng.int(Math.max(1, plan.end - plan.start - 30)) * MINUTE_US;
    const stick = randomStick(rng);
    connectStick(ctx, dev, t, stick, rng);
    const ex = s.session.explorer;
    for (let i = 0; i < 4; i++) ctx.file(ex, t + 30_000_000 + i * 2_000_000, 'FileCreated', ctx.files.id(`${s.files.home}\\Pictures\\IMG_${rng.range(1000, 9999)}.jpg`, rng.range(900_000, 4_000_000)));
    const doc = s.files.docs.find((d) => d.ext === 'pptx') ?? s.files.docs[0]!;
    ctx.file(ex, t + 60_000_000, 'FileCreated', ctx.files.id(`${stick.letter}\\${doc.path.slice(doc.path.lastIndexOf('\\') + 1)}`, 2_000_000, doc.path));
  }
}
