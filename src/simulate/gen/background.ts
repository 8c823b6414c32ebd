/**
 * What every device does around the clock, users or not: the Defender sensor and antivirus calling
 * home, Windows Update and telemetry from svchost, DNS to the domain controllers, scheduled tasks
 * (taskhostw) with their registry writes, and daily signature updates. This is what makes nights
 * and weekends quiet but never empty.
 */
import { bin } from '../catalog.js';
import type { Rng } from '../prng.js';
import { HOUR_US, MINUTE_US } from '../clock/activity-shape.js';
import type { SimContext } from './context.js';
import { type EndpointCatalog, ephemeralPort } from './endpoints.js';
import { type BootTree, launch } from './process-trees.js';

export function simulateBackground(ctx: SimContext, eps: EndpointCatalog, boot: BootTree, rng: Rng, dcIps: readonly string[]): void {
  const { startUs, endUs } = ctx;
  const sense = eps.app('sense');
  const defender = eps.app('defender');
  const wu = eps.app('windowsupdate');
  const dns = dcIps.map((ip) => eps.internal(ip, 53, 'Udp'));
  const ldap = dcIps.map((ip) => eps.internal(ip, 389));
  const kerberos = dcIps.map((ip) => eps.internal(ip, 88));
  for (let t = startUs + rng.int(10 * MINUTE_US); t < endUs; t += 8 * MINUTE_US + rng.int(10 * MINUTE_US)) {
    ctx.net(boot.mssense, t, 'ConnectionSuccess', rng.pick(sense), ephemeralPort(rng.next()));
    if (rng.chance(0.4)) ctx.net(boot.msmpeng, t + rng.int(MINUTE_US), 'ConnectionSuccess', rng.pick(defender), ephemeralPort(rng.next()));
    if (rng.chance(0.5)) ctx.net(boot.dnscache, t + rng.int(MINUTE_US), 'ConnectionSuccess', rng.pick(dns), ephemeralPort(rng.next()));
    if (rng.chance(0.25)) ctx.net(boot.lsass, t + rng.int(MINUTE_US), 'ConnectionSuccess', rng.pick(rng.chance(0.5) ? ldap : kerberos), ephemeralPort(rng.next()));
  }
  for (let t = startUs + rng.int(HOUR_US); t < endUs; t += HOUR_US + rng.int(20 * MINUTE_US)) {
    ctx.net(boot.wuauserv, t, 'ConnectionSuccess', rng.pick(wu), ephemeralPort(rng.next()));
    if (rng.chance(0.3)) ctx.registry(boot.wuauserv, t + 2_000_000, false, 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WindowsUpdate\\Auto Update', 'LastOnlineScanTimeForAppCategory', 'String', `{${['5C9A7C4A', '8B2F1E07', 'D03E6A91'][rng.int(3)]}-${rng.int(60)}}`);
  }
  // Scheduled maintenance tasks a few times a day, and a daily signature update.
  for (let t = startUs + rng.int(6 * HOUR_US); t < endUs; t += 5 * HOUR_US + rng.int(4 * HOUR_US)) {
    const task = launch(ctx, boot.scheduler, t, { bin: bin('taskhostw').id, cmd: 'taskhostw.exe Install $(Arg0)', usr: ctx.estate.system, logon: 999 }, rng);
    ctx.registry(task, t + 1_000_000, false, 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Schedule\\TaskCache\\Tree\\Microsoft\\Windows\\UpdateOrchestrator', 'Index', 'Dword', String(rng.range(1, 9)));
    if (rng.chance(0.5)) {
      const bg = launch(ctx, boot.svchosts[0]!, t + 30_000_000, { bin: bin('backgroundtaskhost').id, cmd: '"C:\\Windows\\system32\\backgroundTaskHost.exe" -ServerName:BackgroundTaskHost.WebAccountBackgroundTask' }, rng);
      ctx.net(bg, t + 31_000_000, 'ConnectionSuccess', rng.pick(wu), ephemeralPort(rng.next()));
    }
  }
  for (let t = startUs + rng.int(24 * HOUR_US); t < endUs; t += 24 * HOUR_US) {
    const dir = `C:\\ProgramData\\Microsoft\\Windows Defender\\Definition Updates\\{${rng.hex(8).toUpperCase()}-${rng.hex(4).toUpperCase()}}`;
    for (const f of ['mpavbase.vdm', 'mpasdlta.vdm', 'mpavdlta.vdm']) ctx.file(boot.msmpeng, t + rng.int(MINUTE_US), 'FileCreated', ctx.files.id(`${dir}\\${f}`, rng.range(100_000, 40_000_000), `sig:${f}:${t}`));
  }
}
