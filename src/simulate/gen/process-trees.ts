/**
 * Process trees as Windows builds them: a boot tree per device (System → smss → wininit → services
 * → svchost…, lsass, winlogon, Defender), a user session (winlogon → userinit → explorer) and
 * application launches under a chosen parent. Each launch also loads a few DLLs. Parent/child
 * consistency is structural: children reference their parent's process key.
 */
import { bin } from '../catalog.js';
import type { Rng } from '../prng.js';
import type { Proc, SimContext, SpawnSpec } from './context.js';
import { MINUTE_US } from '../clock/activity-shape.js';

const SVCHOST_CMDS = [
  'C:\\Windows\\system32\\svchost.exe -k DcomLaunch -p', 'C:\\Windows\\system32\\svchost.exe -k RPCSS -p',
  'C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s Schedule', 'C:\\Windows\\system32\\svchost.exe -k NetworkService -p -s Dnscache',
  'C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s wuauserv', 'C:\\Windows\\System32\\svchost.exe -k LocalServiceNetworkRestricted -p',
];

export interface BootTree {
  readonly dev: number;
  readonly system: Proc;
  readonly services: Proc;
  readonly lsass: Proc;
  readonly winlogon: Proc;
  readonly svchosts: readonly Proc[];
  /** svchost hosting the task scheduler (parent of scheduled tasks). */
  readonly scheduler: Proc;
  /** svchost hosting Windows Update. */
  readonly wuauserv: Proc;
  readonly dnscache: Proc;
  readonly msmpeng: Proc;
  readonly mssense: Proc;
}

const DLLS_COMMON = [bin('ntdll').id, bin('kernel32').id];

export function bootTree(ctx: SimContext, dev: number, ts: number, rng: Rng): BootTree {
  const e = ctx.estate;
  const sys = { usr: e.system, logon: 999, sess: 0, integ: 3, elev: 0 };
  const at = (min: number) => ts + min * 1_000_000;
  const system = ctx.spawn(dev, null, ts, { ...sys, bin: bin('system').id, cmd: '', pid: 4 }, rng);
  const smss = ctx.spawn(dev, system, at(1), { bin: bin('smss').id, cmd: '\\SystemRoot\\System32\\smss.exe' }, rng);
  const wininit = ctx.spawn(dev, smss, at(3), { bin: bin('wininit').id, cmd: 'wininit.exe' }, rng);
  const winlogon = ctx.spawn(dev, smss, at(3), { bin: bin('winlogon').id, cmd: 'winlogon.exe', sess: 1 }, rng);
  const services = ctx.spawn(dev, wininit, at(4), { bin: bin('services').id, cmd: 'C:\\Windows\\system32\\services.exe' }, rng);
  const lsass = ctx.spawn(dev, wininit, at(4), { bin: bin('lsass').id, cmd: 'C:\\Windows\\system32\\lsass.exe' }, rng);
  const svchosts = SVCHOST_CMDS.map((cmd, i) => ctx.spawn(dev, services, at(5 + i), {
    bin: bin('svchost').id, cmd, usr: cmd.includes('NetworkService') ? e.networkService : cmd.includes('LocalService') ? e.localService : e.system,
    logon: cmd.includes('NetworkService') ? 996 : cmd.includes('LocalService') ? 997 : 999,
  }, rng));
  const msmpeng = ctx.spawn(dev, services, at(12), { bin: bin('msmpeng').id, cmd: '"C:\\ProgramData\\Microsoft\\Windows Defender\\platform\\4.18.24090.11-0\\MsMpEng.exe"' }, rng);
  const mssense = ctx.spawn(dev, services, at(13), { bin: bin('mssense').id, cmd: '"MsSense.exe"' }, rng);
  return { dev, system, services, lsass, winlogon, svchosts, scheduler: svchosts[2]!, wuauserv: svchosts[4]!, dnscache: svchosts[3]!, msmpeng, mssense };
}

export function launch(ctx: SimContext, parent: Proc, ts: number, spec: SpawnSpec, rng: Rng, dlls: readonly number[] = DLLS_COMMON): Proc {
  const p = ctx.spawn(parent.dev, parent, ts, spec, rng);
  for (let i = 0; i < dlls.length; i++) ctx.imageLoad(p, ts + 20_000 + i * 3_000 + rng.int(2_000), dlls[i]!);
  return p;
}

export interface Session {
  readonly user: number;
  readonly logonId: number;
  readonly userinit: Proc;
  readonly explorer: Proc;
}

/** Interactive logon: winlogon → userinit → explorer in session 1, medium integrity, limited token. */
export function startSession(ctx: SimContext, boot: BootTree, user: number, ts: number, rng: Rng): Session {
  const logonId = rng.range(100_000, 90_000_000);
  const acc = ctx.estate.accounts[user]!;
  const admin = acc.isAdmin;
  const common = { usr: user, logon: logonId, sess: 1, integ: 1, elev: admin ? 2 : 0 };
  const userinit = ctx.spawn(boot.dev, boot.winlogon, ts + 2_000_000, { ...common, bin: bin('userinit').id, cmd: 'C:\\Windows\\system32\\userinit.exe' }, rng);
  const explorer = launch(ctx, userinit, ts + 3_500_000, { ...common, bin: bin('explorer').id, cmd: 'C:\\Windows\\Explorer.EXE' }, rng);
  return { user, logonId, userinit, explorer };
}

/** A console child (conhost) for command-line tools, as Windows creates one. */
export function withConsole(ctx: SimContext, proc: Proc, rng: Rng): void {
  ctx.spawn(proc.dev, proc, proc.ts + 15_000, { bin: bin('conhost').id, cmd: '\\??\\C:\\Windows\\system32\\conhost.exe 0xffffffff -ForceV1' }, rng);
}

export const minutes = (n: number) => n * MINUTE_US;
