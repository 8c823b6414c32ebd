/**
 * The simulated enterprise: workstations (one primary user each) and servers with roles, human
 * users with a department and time zone, service and built-in accounts. Everything derives from the
 * seed; John Doe (the pip-exfil subject) always exists and owns one workstation.
 */
import { Rng } from './prng.js';
import { domainSid, guidFrom, hexDigest } from './ids.js';

export const DOMAIN = 'contoso';
export const DNS_SUFFIX = 'corp.contoso.com';
export const EMAIL_DOMAIN = 'contoso.com';
export const PUBLIC_IP = '203.0.113.24';

export type Role = 'workstation' | 'dc' | 'file' | 'backup' | 'scanner' | 'sql' | 'web';
export type Persona = 'office' | 'developer' | 'admin' | 'service' | 'builtin';

export interface Account {
  readonly id: number;
  readonly domain: string;
  readonly name: string;
  readonly sid: string;
  readonly upn: string;
  readonly objectId: string;
  readonly displayName: string;
  readonly persona: Persona;
  readonly timeZone: string;
  readonly isAdmin: boolean;
}

export interface Device {
  readonly id: number;
  readonly deviceId: string;
  readonly name: string;
  readonly role: Role;
  readonly ip: string;
  readonly mac: string;
  readonly primaryUser: number;
  readonly osPlatform: string;
  readonly osBuild: number;
  readonly osVersion: string;
  readonly vendor: string;
  readonly model: string;
  readonly aadDeviceId: string;
}

export interface Estate {
  readonly seed: number;
  readonly accounts: readonly Account[];
  readonly devices: readonly Device[];
  readonly johnDoe: Account;
  readonly johnDevice: Device;
  /** Built-in account ids. */
  readonly system: number;
  readonly localService: number;
  readonly networkService: number;
  readonly svcBackup: number;
  readonly svcScanner: number;
  readonly svcSql: number;
}

const FIRST = ['Alex', 'Maria', 'Wei', 'Priya', 'Liam', 'Sofia', 'Noah', 'Emma', 'Omar', 'Chloe', 'Mateo', 'Aisha', 'Lucas', 'Hana', 'Ethan', 'Zara', 'Daniel', 'Ingrid', 'Kenji', 'Fatima', 'Oliver', 'Elena', 'Samuel', 'Nadia', 'Tom', 'Grace', 'Diego', 'Mei', 'Jonas', 'Leila'];
const LAST = ['Smith', 'Garcia', 'Chen', 'Patel', 'Murphy', 'Rossi', 'Kim', 'Novak', 'Haddad', 'Dubois', 'Silva', 'Khan', 'Muller', 'Sato', 'Brown', 'Ahmed', 'Larsen', 'Costa', 'Nguyen', 'Okafor', 'Walsh', 'Ivanova', 'Berg', 'Lopez', 'Schmidt', 'Tanaka', 'Moreau', 'Kowalski', 'Jensen', 'Rahman'];

const SERVERS: readonly [Role, string][] = [
  ['dc', 'dc01'], ['file', 'fs01'], ['backup', 'bkp01'], ['scanner', 'vulnscan01'], ['dc', 'dc02'], ['sql', 'sql01'], ['web', 'web01'], ['file', 'fs02'],
];

export interface EstateOptions {
  readonly seed: number;
  readonly devices: number;
  /** IANA time zones assigned to users in turn (default ['UTC']). */
  readonly timeZones?: readonly string[];
}

export function buildEstate(opts: EstateOptions): Estate {
  const rng = new Rng(`estate:${opts.seed}`);
  const zones = opts.timeZones && opts.timeZones.length > 0 ? opts.timeZones : ['UTC'];
  const sidBase = domainSid(opts.seed);
  const accounts: Account[] = [];
  const add = (a: Omit<Account, 'id'>) => {
    const acc = { ...a, id: accounts.length };
    accounts.push(acc);
    return acc.id;
  };
  const builtin = (name: string, sid: string) => add({ domain: 'nt authority', name, sid, upn: '', objectId: '', displayName: name, persona: 'builtin', timeZone: 'UTC', isAdmin: true });
  const system = builtin('system', 'S-1-5-18');
  const localService = builtin('local service', 'S-1-5-19');
  const networkService = builtin('network service', 'S-1-5-20');
  let rid = 1100;
  const domainAccount = (name: string, display: string, persona: Persona, tz: string, isAdmin: boolean) => add({
    domain: DOMAIN, name, sid: `${sidBase}-${rid++}`, upn: `${name}@${EMAIL_DOMAIN}`, objectId: guidFrom(`aad-user:${opts.seed}:${name}`),
    displayName: display, persona, timeZone: tz, isAdmin,
  });
  const svcBackup = domainAccount('svc_backup', 'Backup Service', 'service', 'UTC', true);
  const svcScanner = domainAccount('svc_nessus', 'Vulnerability Scanner', 'service', 'UTC', true);
  const svcSql = domainAccount('svc_sql', 'SQL Service', 'service', 'UTC', false);

  const serverCount = Math.min(SERVERS.length, Math.max(Math.min(5, opts.devices - 1), Math.round(opts.devices * 0.06)));
  const wsCount = Math.max(1, opts.devices - serverCount);
  const johnIndex = Math.min(wsCount - 1, 6 + rng.int(Math.max(1, Math.min(20, wsCount - 6))));
  const used = new Set<string>();
  const devices: Device[] = [];
  const osWs = { osPlatform: 'Windows11', osBuild: 22631, osVersion: '23H2' };
  const osSrv = { osPlatform: 'WindowsServer2022', osBuild: 20348, osVersion: '21H2' };
  let johnDoe = -1;
  for (let i = 0; i < wsCount; i++) {
    let userId: number;
    if (i === johnIndex) {
      userId = johnDoe = domainAccount('jdoe', 'John Doe', 'developer', zones[i % zones.length]!, false);
    } else {
      let first = '';
      let last = '';
      let login = '';
      do {
        first = rng.pick(FIRST);
        last = rng.pick(LAST);
        login = `${first[0]!.toLowerCase()}${last.toLowerCase()}`;
        if (used.has(login)) login = `${login}${rng.range(2, 99)}`;
      } while (used.has(login) || login === 'jdoe');
      used.add(login);
      const persona: Persona = rng.chance(0.18) ? 'developer' : rng.chance(0.05) ? 'admin' : 'office';
      userId = domainAccount(login, `${first} ${last}`, persona, zones[i % zones.length]!, persona === 'admin');
    }
    const name = `ws-${String(1001 + i).padStart(4, '0')}.${DNS_SUFFIX}`;
    devices.push(makeDevice(opts.seed, devices.length, name, 'workstation', `10.0.${10 + Math.floor(i / 250)}.${10 + (i % 250)}`, userId, osWs, rng));
  }
  for (let s = 0; s < serverCount; s++) {
    const [role, host] = SERVERS[s]!;
    const owner = role === 'backup' ? svcBackup : role === 'scanner' ? svcScanner : role === 'sql' ? svcSql : system;
    devices.push(makeDevice(opts.seed, devices.length, `${host}.${DNS_SUFFIX}`, role, `10.0.1.${10 + s}`, owner, osSrv, rng));
  }
  const johnDevice = devices.find((d) => d.primaryUser === johnDoe)!;
  return { seed: opts.seed, accounts, devices, johnDoe: accounts[johnDoe]!, johnDevice, system, localService, networkService, svcBackup, svcScanner, svcSql };
}

function makeDevice(seed: number, id: number, name: string, role: Role, ip: string, primaryUser: number,
  os: { osPlatform: string; osBuild: number; osVersion: string }, rng: Rng): Device {
  const hw = role === 'workstation' ? rng.pick([['Dell Inc.', 'Latitude 7440'], ['LENOVO', 'ThinkPad T14 Gen 4'], ['HP', 'EliteBook 840 G10']]) : ['VMware, Inc.', 'VMware7,1'];
  const mac = hexDigest('md5', `mac:${seed}:${name}`).slice(0, 12).toUpperCase().replace(/(..)(?!$)/g, '$1-');
  return {
    id, deviceId: hexDigest('sha1', `device:${seed}:${name}`), name, role, ip, mac, primaryUser, ...os,
    vendor: hw[0]!, model: hw[1]!, aadDeviceId: guidFrom(`aad-device:${seed}:${name}`),
  };
}
