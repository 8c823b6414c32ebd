/**
 * DeviceLogonEvents: interactive logons and unlocks on workstations (initiated by lsass, as MDE
 * shows them), Kerberos network logons on servers from workstations, service-account batch logons,
 * and a trickle of failed logons (mistyped passwords).
 */
import type { Device } from '../estate.js';
import type { Rng } from '../prng.js';
import type { SimContext } from './context.js';
import type { BootTree, Session } from './process-trees.js';

export function sessionLogon(ctx: SimContext, boot: BootTree, s: Session, ts: number, rng: Rng): void {
  const acc = ctx.estate.accounts[s.user]!;
  if (rng.chance(0.04)) {
    ctx.logon(boot.dev, boot.lsass, ts - 20_000_000, { usr: s.user, success: false, type: 'Interactive', protocol: 'Negotiate', logonId: 0, failure: 'InvalidUserNameOrPassword', admin: acc.isAdmin });
  }
  ctx.logon(boot.dev, boot.lsass, ts, { usr: s.user, success: true, type: 'Interactive', protocol: 'Negotiate', logonId: s.logonId, admin: acc.isAdmin });
}

export function unlock(ctx: SimContext, boot: BootTree, s: Session, ts: number, rng: Rng): void {
  const acc = ctx.estate.accounts[s.user]!;
  ctx.logon(boot.dev, boot.lsass, ts, { usr: s.user, success: true, type: 'Unlock', protocol: 'Negotiate', logonId: rng.range(100_000, 90_000_000), admin: acc.isAdmin });
}

/** A network logon on `server` by the user of `client` (file share access, LDAP, etc.). */
export function networkLogon(ctx: SimContext, server: BootTree, client: Device, user: number, ts: number, rng: Rng): void {
  const failed = rng.chance(0.01);
  ctx.logon(server.dev, server.lsass, ts, {
    usr: user, success: !failed, type: 'Network', protocol: rng.chance(0.9) ? 'Kerberos' : 'NTLM', remoteIp: client.ip,
    remotePort: 0, remoteDevice: client.name.split('.')[0]!.toUpperCase(), logonId: failed ? 0 : rng.range(100_000, 90_000_000),
    failure: failed ? 'InvalidUserNameOrPassword' : '', admin: false,
  });
}

/** A scheduled-task batch logon of a service account. */
export function batchLogon(ctx: SimContext, boot: BootTree, user: number, ts: number, logonId: number): void {
  ctx.logon(boot.dev, boot.lsass, ts, { usr: user, success: true, type: 'Batch', protocol: 'Kerberos', logonId, admin: ctx.estate.accounts[user]!.isAdmin });
}
