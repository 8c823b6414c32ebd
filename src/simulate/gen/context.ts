/**
 * The generation context every behaviour writes through: it owns the id counters (process keys,
 * globally unique ReportIds), the dictionaries, the fact tables and the ground-truth list, and drops
 * events outside the simulated window. One method per kind of MDE record.
 */
import type { Estate } from '../estate.js';
import type { Facts } from '../writers/staging.js';
import { EndpointDict, FileDict, StringDict, StringList } from '../writers/dictionaries.js';
import type { TruthRecord } from '../truth.js';

export const NET_ACTIONS = ['ConnectionSuccess', 'ConnectionFailed', 'ConnectionRequest', 'InboundConnectionAccepted', 'ListeningConnectionCreated', 'ConnectionAttempt'] as const;
export const FILE_ACTIONS = ['FileCreated', 'FileModified', 'FileRenamed', 'FileDeleted'] as const;
export const LOGON_ACTIONS = ['LogonSuccess', 'LogonFailed'] as const;
export const LOGON_TYPES = ['Interactive', 'Network', 'RemoteInteractive', 'Unlock', 'Service', 'Batch', 'CachedInteractive'] as const;
export const LOGON_PROTOCOLS = ['', 'Negotiate', 'Kerberos', 'NTLM'] as const;
export const REG_ACTIONS = ['RegistryValueSet', 'RegistryKeyCreated'] as const;
export const REG_VALUE_TYPES = ['', 'String', 'Dword', 'Binary', 'ExpandString'] as const;
export const INTEGRITY = ['Low', 'Medium', 'High', 'System'] as const;
export const ELEVATION = ['TokenElevationTypeDefault', 'TokenElevationTypeFull', 'TokenElevationTypeLimited'] as const;

export type NetAction = (typeof NET_ACTIONS)[number];
export type FileAction = (typeof FILE_ACTIONS)[number];

export interface Proc {
  readonly pk: number;
  readonly dev: number;
  readonly pid: number;
  readonly ts: number;
  readonly bin: number;
  readonly usr: number;
  readonly logon: number;
  readonly sess: number;
  readonly integ: number;
  readonly elev: number;
  /** ReportId of its DeviceProcessEvents row, -1 when not emitted. */
  readonly rid: number;
}

export interface SpawnSpec {
  readonly bin: number;
  readonly cmd: string;
  /** Defaults: the parent's user, logon, session, integrity and elevation. */
  readonly usr?: number;
  readonly logon?: number;
  readonly sess?: number;
  readonly integ?: number;
  readonly elev?: number;
  /** Write a DeviceProcessEvents row (default true; false for processes older than the sensor's view). */
  readonly emit?: boolean;
  readonly pid?: number;
}

const idx = <T extends readonly string[]>(list: T, v: T[number]) => list.indexOf(v);

export class SimContext {
  /** Process command lines, one per process key (not interned: nothing to keep in JS). */
  readonly commands = new StringList();
  /** Every other string: URLs, JSON, registry values, logon fields (small). */
  readonly strings = new StringDict();
  /** Process keys below this belong to the boot trees (referenced from every batch). */
  bootPkEnd = 0;
  readonly endpoints = new EndpointDict();
  readonly files = new FileDict();
  readonly truth: TruthRecord[] = [];
  private nextPk = 0;
  private nextRid = 1000;

  constructor(readonly estate: Estate, readonly facts: Facts, readonly startUs: number, readonly endUs: number) {}

  /** Next process key and next ReportId (batch boundaries). */
  get pkNext(): number {
    return this.nextPk;
  }

  get ridNext(): number {
    return this.nextRid;
  }

  inWindow(ts: number): boolean {
    return ts >= this.startUs && ts < this.endUs;
  }

  get eventCount(): number {
    const f = this.facts;
    let n = f.f_net.total + f.f_file.total + f.f_evt.total + f.f_logon.total + f.f_reg.total + f.f_img.total;
    n += this.emittedProcs;
    return n;
  }

  private emittedProcs = 0;

  spawn(dev: number, parent: Proc | null, ts: number, s: SpawnSpec, rng: { next(): number }): Proc {
    const t = this.facts.f_proc;
    const emit = (s.emit ?? true) && this.inWindow(ts);
    const proc: Proc = {
      pk: this.nextPk++, dev, pid: s.pid ?? 4 * (100 + Math.floor(rng.next() * 16000)), ts, bin: s.bin,
      usr: s.usr ?? parent?.usr ?? this.estate.system, logon: s.logon ?? parent?.logon ?? 999, sess: s.sess ?? parent?.sess ?? 0,
      integ: s.integ ?? parent?.integ ?? 3, elev: s.elev ?? parent?.elev ?? 0, rid: emit ? this.nextRid++ : -1,
    };
    const i = t.row();
    const c = t.cols;
    c[0]![i] = proc.pk; c[1]![i] = dev; c[2]![i] = ts; c[3]![i] = s.bin; c[4]![i] = this.commands.push(s.cmd); c[5]![i] = proc.pid;
    c[6]![i] = proc.usr; c[7]![i] = proc.logon; c[8]![i] = proc.integ; c[9]![i] = proc.elev; c[10]![i] = parent ? parent.pk : -1;
    c[11]![i] = proc.sess; c[12]![i] = proc.rid; c[13]![i] = emit ? 1 : 0;
    if (emit) this.emittedProcs++;
    return proc;
  }

  net(proc: Proc, ts: number, action: NetAction, ep: number, localPort: number): number {
    if (!this.inWindow(ts)) return -1;
    const t = this.facts.f_net;
    const i = t.row();
    const c = t.cols;
    const rid = this.nextRid++;
    c[0]![i] = ts; c[1]![i] = proc.pk; c[2]![i] = idx(NET_ACTIONS, action); c[3]![i] = ep; c[4]![i] = localPort; c[5]![i] = rid;
    return rid;
  }

  file(proc: Proc, ts: number, action: FileAction, fobj: number, opts: { prev?: number; origin?: string; af?: string } = {}): number {
    if (!this.inWindow(ts)) return -1;
    const t = this.facts.f_file;
    const i = t.row();
    const c = t.cols;
    const rid = this.nextRid++;
    c[0]![i] = ts; c[1]![i] = proc.pk; c[2]![i] = idx(FILE_ACTIONS, action); c[3]![i] = fobj; c[4]![i] = opts.prev ?? -1;
    c[5]![i] = opts.origin ? this.strings.id(opts.origin) : 0; c[6]![i] = opts.af ? this.strings.id(opts.af) : 0; c[7]![i] = rid;
    return rid;
  }

  /** DeviceEvents row; `proc` null for events without an initiating process (PnP). */
  event(dev: number, proc: Proc | null, ts: number, actionType: string, opts: { fobj?: number; ep?: number; cmd?: string; af?: object } = {}): number {
    if (!this.inWindow(ts)) return -1;
    const t = this.facts.f_evt;
    const i = t.row();
    const c = t.cols;
    const rid = this.nextRid++;
    c[0]![i] = ts; c[1]![i] = dev; c[2]![i] = proc ? proc.pk : -1; c[3]![i] = this.strings.id(actionType); c[4]![i] = opts.fobj ?? -1;
    c[5]![i] = opts.ep ?? -1; c[6]![i] = opts.cmd ? this.strings.id(opts.cmd) : 0; c[7]![i] = opts.af ? this.strings.id(JSON.stringify(opts.af)) : 0; c[8]![i] = rid;
    return rid;
  }

  logon(dev: number, proc: Proc | null, ts: number, l: {
    usr: number; success: boolean; type: (typeof LOGON_TYPES)[number]; protocol?: (typeof LOGON_PROTOCOLS)[number];
    remoteIp?: string; remotePort?: number; remoteDevice?: string; logonId: number; failure?: string; admin: boolean;
  }): number {
    if (!this.inWindow(ts)) return -1;
    const t = this.facts.f_logon;
    const i = t.row();
    const c = t.cols;
    const rid = this.nextRid++;
    c[0]![i] = ts; c[1]![i] = dev; c[2]![i] = l.usr; c[3]![i] = l.success ? 0 : 1; c[4]![i] = idx(LOGON_TYPES, l.type);
    c[5]![i] = idx(LOGON_PROTOCOLS, l.protocol ?? ''); c[6]![i] = this.strings.id(l.remoteIp ?? ''); c[7]![i] = l.remotePort ?? -1;
    c[8]![i] = this.strings.id(l.remoteDevice ?? ''); c[9]![i] = l.logonId; c[10]![i] = proc ? proc.pk : -1;
    c[11]![i] = this.strings.id(l.failure ?? ''); c[12]![i] = l.admin ? 1 : 0; c[13]![i] = rid;
    return rid;
  }

  registry(proc: Proc, ts: number, created: boolean, key: string, valueName: string, valueType: (typeof REG_VALUE_TYPES)[number], valueData: string): number {
    if (!this.inWindow(ts)) return -1;
    const t = this.facts.f_reg;
    const i = t.row();
    const c = t.cols;
    const rid = this.nextRid++;
    c[0]![i] = ts; c[1]![i] = proc.pk; c[2]![i] = created ? 1 : 0; c[3]![i] = this.strings.id(key); c[4]![i] = this.strings.id(valueName);
    c[5]![i] = idx(REG_VALUE_TYPES, valueType); c[6]![i] = this.strings.id(valueData); c[7]![i] = rid;
    return rid;
  }

  imageLoad(proc: Proc, ts: number, dll: number): number {
    if (!this.inWindow(ts)) return -1;
    const t = this.facts.f_img;
    const i = t.row();
    const c = t.cols;
    const rid = this.nextRid++;
    c[0]![i] = ts; c[1]![i] = proc.pk; c[2]![i] = dll; c[3]![i] = rid;
    return rid;
  }

  /** Record ground truth for a planted event (ignored when the event fell outside the window). */
  plant(rid: number, table: string, dev: number, ts: number, scenario: string, step: string, technique: string, detail = ''): void {
    if (rid < 0) return;
    this.truth.push({ reportId: rid, table, dev, ts, scenario, step, technique, detail });
  }
}
