/**
 * Turns the staging store into the MDE tables: each fact table is joined with the process table
 * (so every `InitiatingProcess*` field is, by construction, the initiating process's own
 * DeviceProcessEvents fields) and the small dimensions, in one INSERT … SELECT per MDE table.
 * Estate-level tables (DeviceInfo, DeviceNetworkInfo, DeviceFileCertificateInfo) come from SQL
 * over the dimensions. Every column is listed, strings never NULL.
 */
import { getTable } from '../../schema/index.js';
import { quoteIdent, quoteString } from '../../sql/quote.js';
import { USER_PLACEHOLDER } from '../catalog.js';
import { ELEVATION, FILE_ACTIONS, INTEGRITY, LOGON_ACTIONS, LOGON_PROTOCOLS, LOGON_TYPES, NET_ACTIONS, REG_ACTIONS, REG_VALUE_TYPES } from '../gen/context.js';
import { STG } from './staging.js';

const TS = (e: string) => `make_timestamp((${e})::BIGINT)`;
/**
 * A binary's folder path as run by account <u>: only binaries installed per user (`per_user`) hold
 * the placeholder, and a replace() of every event's path cost ~10 s of CPU over 20M events
 * (README, Benchmarks) to change nothing for all the others.
 */
const binaryPath = (b: string, u: string) => `CASE WHEN ${b}.per_user = 1 THEN replace(${b}.path, ${quoteString(USER_PLACEHOLDER)}, ${u}.name) ELSE ${b}.path END`;
/** 0-based code → string. */
const decode = (values: readonly string[], code: string) => `CASE ${code} ${values.map((v, i) => `WHEN ${i} THEN ${quoteString(v)}`).join(' ')} ELSE '' END`;

/** INSERT listing every column of `table` in schema order; unmapped columns get '' or NULL. */
export function insertSql(table: string, exprs: Readonly<Record<string, string>>, from: string): string {
  const def = getTable(table);
  for (const k of Object.keys(exprs)) if (!def.columnByLowerName.has(k.toLowerCase())) throw new Error(`materialize: ${table} has no column ${k}`);
  const cols = def.columns.map((c) => exprs[c.name] ?? (c.type === 'string' ? `''` : 'NULL'));
  return `INSERT INTO ${quoteIdent(table)} SELECT ${cols.join(',\n  ')}\n${from}`;
}

/**
 * Initiating-process columns of a process, from its t_init row (alias `p`) and the small
 * dimensions joined beside it: its binary, its account and its parent's binary. Evaluated per
 * event: the joins are to tables of a few thousand rows, and the build side of the process join
 * stays narrow (one string), which keeps the hash table small however many processes a batch has.
 */
function initiatorExprs(p: string): Record<string, string> {
  const b = `${p}b`;
  const u = `${p}u`;
  const pb = `${p}pb`;
  return {
    InitiatingProcessAccountDomain: `${u}.dom`, InitiatingProcessAccountName: `${u}.name`, InitiatingProcessAccountSid: `${u}.sid`,
    InitiatingProcessAccountUpn: `${u}.upn`, InitiatingProcessAccountObjectId: `${u}.oid`, InitiatingProcessLogonId: `${p}.logon::BIGINT`,
    InitiatingProcessIntegrityLevel: decode(INTEGRITY, `${p}.integ`), InitiatingProcessTokenElevation: decode(ELEVATION, `${p}.elev`),
    InitiatingProcessSHA1: `${b}.sha1`, InitiatingProcessSHA256: `${b}.sha256`, InitiatingProcessMD5: `${b}.md5`,
    InitiatingProcessFileName: `${b}.fname`, InitiatingProcessFileSize: `${b}.size::BIGINT`,
    InitiatingProcessVersionInfoCompanyName: `${b}.company`, InitiatingProcessVersionInfoProductName: `${b}.product`,
    InitiatingProcessVersionInfoProductVersion: `${b}.version`, InitiatingProcessVersionInfoInternalFileName: `${b}.internal`,
    InitiatingProcessVersionInfoOriginalFileName: `${b}.original`, InitiatingProcessVersionInfoFileDescription: `${b}.descr`,
    InitiatingProcessId: `${p}.pid::BIGINT`, InitiatingProcessCommandLine: `${p}.cmd`, InitiatingProcessCreationTime: TS(`${p}.ts`),
    InitiatingProcessFolderPath: binaryPath(b, u), InitiatingProcessParentId: `${p}.ppid::BIGINT`,
    InitiatingProcessParentFileName: `coalesce(${pb}.fname, '')`, InitiatingProcessParentCreationTime: TS(`${p}.pts`),
    InitiatingProcessSignerType: `${b}.signer`, InitiatingProcessSignatureStatus: `${b}.sigstat`, InitiatingProcessSessionId: `${p}.sess::BIGINT`,
  };
}
/** Initiator columns that are strings (coalesced to '' when the initiating process is absent). */
const INITIATOR_STRINGS = new Set(Object.keys(initiatorExprs('p')).filter((k) => !/(LogonId|FileSize|ProcessId|ParentId|Time|SessionId)$/.test(k)));

/** Initiating-process columns from alias <p> (see joinInitiator). `optional` wraps strings in coalesce for LEFT JOINs. */
function initiator(p: string, optional: boolean): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, e] of Object.entries(initiatorExprs(p))) out[k] = optional && INITIATOR_STRINGS.has(k) ? `coalesce(${e}, '')` : e;
  out['IsInitiatingProcessRemoteSession'] = optional ? `CASE WHEN ${p}.pk IS NULL THEN NULL ELSE false END` : 'false';
  return out;
}

/**
 * Joins the initiating process <p> on `${p}.pk = key`, with its binary, account and parent's
 * binary. Only the processes a batch can reference are read: the boot trees and its own.
 */
function joinInitiator(p: string, key: string, left: boolean, r: BatchRange): string {
  const join = left ? 'LEFT JOIN' : 'JOIN';
  return `${join} (${procsOfBatch(r)}) ${p} ON ${p}.pk = ${key}
  ${join} ${STG}.d_bin ${p}b ON ${p}b.id = ${p}.bin ${join} ${STG}.d_usr ${p}u ON ${p}u.id = ${p}.usr LEFT JOIN ${STG}.d_bin ${p}pb ON ${p}pb.id = ${p}.pbin`;
}

const procsOfBatch = (r: BatchRange) => `SELECT * FROM ${STG}.t_init WHERE pk < ${r.bootPkEnd} OR (pk >= ${r.pkLo} AND pk < ${r.pkHi})`;

function only(table: string, exprs: Record<string, string>): Record<string, string> {
  const def = getTable(table);
  return Object.fromEntries(Object.entries(exprs).filter(([k]) => def.columnByLowerName.has(k.toLowerCase())));
}

const dev = (a = 'd') => ({ DeviceId: `${a}.did`, DeviceName: `${a}.dname` });
const json = (strId: string, alias: string) => `CASE WHEN ${strId} = 0 THEN NULL ELSE ${alias}.s::JSON END`;
const ipType = (ip: string) => `CASE WHEN ${ip} = '' THEN '' WHEN ${ip} LIKE '10.%' OR ${ip} LIKE '192.168.%' THEN 'Private' WHEN ${ip} LIKE '127.%' THEN 'Loopback' ELSE 'Public' END`;

export interface MaterializeOptions {
  /** First ReportId free for SQL-generated rows. */
  readonly ridBase: number;
  readonly startUs: number;
  readonly endUs: number;
}

/** Half-open id ranges of one generated batch: process keys, ReportIds and file objects. */
export interface BatchRange {
  readonly pkLo: number;
  readonly pkHi: number;
  readonly ridLo: number;
  readonly ridHi: number;
  readonly fobjLo: number;
  readonly fobjHi: number;
  /** Boot-tree processes [0, bootPkEnd) may be referenced from any batch; others only from their own. */
  readonly bootPkEnd: number;
}

const T_INIT_SELECT = `SELECT p.pk, p.dev, p.bin, p.usr, p.pid, p.ts, s.s AS cmd, p.integ, p.elev, p.logon, p.sess, p.parent, p.rid, p.emit,
    pp.pid AS ppid, pp.bin AS pbin, pp.ts AS pts
  FROM ${STG}.f_proc p JOIN ${STG}.d_cmd s ON s.id = p.cmd LEFT JOIN ${STG}.f_proc pp ON pp.pk = p.parent`;
const T_FOBJ_SELECT = `SELECT id, path, name, size, label, sha1(ckey) AS sha1, sha256(ckey) AS sha256, md5(ckey) AS md5 FROM ${STG}.d_fobj`;

/** Empty resolved-process and file-object tables, filled batch by batch. */
export function setupStatements(): string[] {
  return [`CREATE TABLE ${STG}.t_init AS ${T_INIT_SELECT} WHERE false`, `CREATE TABLE ${STG}.t_fobj AS ${T_FOBJ_SELECT} WHERE false`];
}

/** Materializes the events of one batch (all processes and files of earlier batches are already resolved). */
export function batchStatements(r: BatchRange): string[] {
  const S = STG;
  const out: string[] = [];
  const rid = (a: string) => `${a}.rid >= ${r.ridLo} AND ${a}.rid < ${r.ridHi}`;
  out.push(`INSERT INTO ${S}.t_fobj ${T_FOBJ_SELECT} WHERE id >= ${r.fobjLo} AND id < ${r.fobjHi}`);
  out.push(`INSERT INTO ${S}.t_init ${T_INIT_SELECT} WHERE p.pk >= ${r.pkLo} AND p.pk < ${r.pkHi}`);
  // DeviceProcessEvents: c = the created process (one of the batch's own), i = its parent (the
  // initiating process: a boot-tree process or one of the batch's own).
  out.push(insertSql('DeviceProcessEvents', {
    Timestamp: TS('c.ts'), ...dev(), ActionType: `'ProcessCreated'`, FileName: 'cb.fname', FolderPath: binaryPath('cb', 'cu'),
    SHA1: 'cb.sha1', SHA256: 'cb.sha256', MD5: 'cb.md5', FileSize: 'cb.size::BIGINT',
    ProcessVersionInfoCompanyName: 'cb.company', ProcessVersionInfoProductName: 'cb.product', ProcessVersionInfoProductVersion: 'cb.version',
    ProcessVersionInfoInternalFileName: 'cb.internal', ProcessVersionInfoOriginalFileName: 'cb.original', ProcessVersionInfoFileDescription: 'cb.descr',
    ProcessId: 'c.pid::BIGINT', ProcessCommandLine: 'c.cmd', ProcessIntegrityLevel: decode(INTEGRITY, 'c.integ'), ProcessTokenElevation: decode(ELEVATION, 'c.elev'),
    ProcessCreationTime: TS('c.ts'), AccountDomain: 'cu.dom', AccountName: 'cu.name', AccountSid: 'cu.sid', AccountUpn: 'cu.upn', AccountObjectId: 'cu.oid',
    LogonId: 'c.logon::BIGINT', ...initiator('i', true), ReportId: 'c.rid::BIGINT', CreatedProcessSessionId: 'c.sess::BIGINT', IsProcessRemoteSession: 'false',
  }, `FROM ${S}.t_init c JOIN ${S}.d_bin cb ON cb.id = c.bin JOIN ${S}.d_usr cu ON cu.id = c.usr JOIN ${S}.d_dev d ON d.id = c.dev
  ${joinInitiator('i', 'c.parent', true, r)}
  WHERE c.emit = 1 AND c.pk >= ${r.pkLo} AND c.pk < ${r.pkHi}`));

  const withInit = (fact: string) => `FROM ${S}.${fact} x ${joinInitiator('i', 'x.proc', false, r)} JOIN ${S}.d_dev d ON d.id = i.dev`;
  const where = ` WHERE ${rid('x')}`;

  out.push(insertSql('DeviceNetworkEvents', {
    Timestamp: TS('x.ts'), ...dev(), ActionType: decode(NET_ACTIONS, 'x.act'), RemoteIP: 'e.ip', RemotePort: 'e.port', RemoteUrl: 'e.url',
    LocalIP: 'd.ip', LocalPort: 'x.lport', Protocol: 'e.proto', LocalIPType: `'Private'`, RemoteIPType: ipType('e.ip'),
    ...only('DeviceNetworkEvents', initiator('i', false)), ReportId: 'x.rid::BIGINT',
  }, `${withInit('f_net')} JOIN ${S}.d_ep e ON e.id = x.ep${where}`));

  out.push(insertSql('DeviceFileEvents', {
    Timestamp: TS('x.ts'), ...dev(), ActionType: decode(FILE_ACTIONS, 'x.act'), FileName: 'f.name', FolderPath: 'f.path',
    SHA1: `CASE WHEN x.act = 3 THEN '' ELSE f.sha1 END`, SHA256: `CASE WHEN x.act = 3 THEN '' ELSE f.sha256 END`, MD5: `CASE WHEN x.act = 3 THEN '' ELSE f.md5 END`,
    FileOriginUrl: 'o.s', PreviousFolderPath: `coalesce(pf.path, '')`, PreviousFileName: `coalesce(pf.name, '')`, FileSize: 'f.size::BIGINT',
    ...only('DeviceFileEvents', initiator('i', false)), SensitivityLabel: 'f.label', IsAzureInfoProtectionApplied: `f.label <> ''`,
    ReportId: 'x.rid::BIGINT', AdditionalFields: json('x.af', 'af'),
  }, `${withInit('f_file')} JOIN ${S}.t_fobj f ON f.id = x.fobj LEFT JOIN ${S}.t_fobj pf ON pf.id = x.prev
  JOIN ${S}.d_str o ON o.id = x.origin JOIN ${S}.d_str af ON af.id = x.af${where}`));

  out.push(insertSql('DeviceEvents', {
    Timestamp: TS('x.ts'), ...dev(), ActionType: 'a.s', FileName: `coalesce(f.name, '')`, FolderPath: `coalesce(f.path, '')`,
    SHA1: `coalesce(f.sha1, '')`, SHA256: `coalesce(f.sha256, '')`, MD5: `coalesce(f.md5, '')`, FileSize: 'f.size::BIGINT',
    AccountDomain: `coalesce(iu.dom, '')`, AccountName: `coalesce(iu.name, '')`, AccountSid: `coalesce(iu.sid, '')`,
    RemoteUrl: `coalesce(e.url, '')`, RemoteIP: `coalesce(e.ip, '')`, RemotePort: 'e.port', LocalIP: `CASE WHEN e.id IS NULL THEN '' ELSE d.ip END`,
    ProcessCommandLine: 'pc.s', ...only('DeviceEvents', initiator('i', true)), ReportId: 'x.rid::BIGINT', AdditionalFields: json('x.af', 'af'),
  }, `FROM ${S}.f_evt x ${joinInitiator('i', 'x.proc', true, r)} JOIN ${S}.d_dev d ON d.id = x.dev
  LEFT JOIN ${S}.t_fobj f ON f.id = x.fobj LEFT JOIN ${S}.d_ep e ON e.id = x.ep
  JOIN ${S}.d_str a ON a.id = x.act JOIN ${S}.d_str pc ON pc.id = x.cmd JOIN ${S}.d_str af ON af.id = x.af${where}`));

  out.push(insertSql('DeviceLogonEvents', {
    Timestamp: TS('x.ts'), ...dev(), ActionType: decode(LOGON_ACTIONS, 'x.act'), LogonType: decode(LOGON_TYPES, 'x.ltype'),
    AccountDomain: 'u.dom', AccountName: 'u.name', AccountSid: 'u.sid', Protocol: decode(LOGON_PROTOCOLS, 'x.proto'), FailureReason: 'fr.s',
    IsLocalAdmin: 'x.admin = 1', LogonId: 'x.logon::BIGINT', RemoteDeviceName: 'rd.s', RemoteIP: 'ri.s', RemoteIPType: ipType('ri.s'),
    RemotePort: 'CASE WHEN x.rport < 0 THEN NULL ELSE x.rport END', ...only('DeviceLogonEvents', initiator('i', true)), ReportId: 'x.rid::BIGINT',
  }, `FROM ${S}.f_logon x ${joinInitiator('i', 'x.proc', true, r)} JOIN ${S}.d_dev d ON d.id = x.dev JOIN ${S}.d_usr u ON u.id = x.usr
  JOIN ${S}.d_str fr ON fr.id = x.fail JOIN ${S}.d_str rd ON rd.id = x.rdev JOIN ${S}.d_str ri ON ri.id = x.rip${where}`));

  out.push(insertSql('DeviceRegistryEvents', {
    Timestamp: TS('x.ts'), ...dev(), ActionType: decode(REG_ACTIONS, 'x.act'), RegistryKey: 'k.s', RegistryValueType: decode(REG_VALUE_TYPES, 'x.vtype'),
    RegistryValueName: 'vn.s', RegistryValueData: 'vd.s', ...only('DeviceRegistryEvents', initiator('i', false)), ReportId: 'x.rid::BIGINT',
  }, `${withInit('f_reg')} JOIN ${S}.d_str k ON k.id = x.rkey JOIN ${S}.d_str vn ON vn.id = x.vname JOIN ${S}.d_str vd ON vd.id = x.vdata${where}`));

  out.push(insertSql('DeviceImageLoadEvents', {
    Timestamp: TS('x.ts'), ...dev(), ActionType: `'ImageLoaded'`, FileName: 'm.fname', FolderPath: 'm.path', SHA1: 'm.sha1', SHA256: 'm.sha256', MD5: 'm.md5',
    FileSize: 'm.size::BIGINT', ...only('DeviceImageLoadEvents', initiator('i', false)), ReportId: 'x.rid::BIGINT',
  }, `${withInit('f_img')} JOIN ${S}.d_bin m ON m.id = x.bin${where}`));

  return out;
}

/** Tables derived from the estate once all events exist. */
export function estateStatements(o: MaterializeOptions): string[] {
  return estateTables(o);
}

const SLOT_US = 6 * 3600 * 1_000_000;

function estateTables(o: MaterializeOptions): string[] {
  const S = STG;
  const slots = Math.max(1, Math.ceil((o.endUs - o.startUs) / SLOT_US));
  const slotTs = `${o.startUs} + k * ${SLOT_US} + (d.id * 7919 % 3600)::BIGINT * 1000000`;
  const from = `FROM ${S}.d_dev d CROSS JOIN range(0, ${slots}) r(k) WHERE ${slotTs} < ${o.endUs}`;
  const base1 = o.ridBase;
  const base2 = base1 + 1_000_000_000;
  const base3 = base2 + 1_000_000_000;
  return [
    insertSql('DeviceInfo', {
      Timestamp: TS(slotTs), ...dev(), ClientVersion: `'10.8760.22621.1011'`, PublicIP: 'd.public_ip', OSArchitecture: `'64-bit'`, OSPlatform: 'd.os_platform',
      OSBuild: 'd.os_build::BIGINT', IsAzureADJoined: 'true', JoinType: `'Hybrid Azure AD Join'`, AadDeviceId: 'd.aad_id', LoggedOnUsers: 'd.logged_on::JSON',
      OSVersion: 'd.os_version', MachineGroup: 'd.machine_group', ReportId: `(${base1} + d.id * ${slots} + k)::BIGINT`, OnboardingStatus: `'Onboarded'`,
      DeviceCategory: `'Endpoint'`, DeviceType: 'd.device_type', Model: 'd.model', Vendor: 'd.vendor', IsInternetFacing: 'false', SensorHealthState: `'Active'`,
      IsExcluded: 'false', ExposureLevel: 'd.exposure', AssetValue: 'd.asset_value', DeviceManualTags: `'[]'::JSON`, DeviceDynamicTags: `'[]'::JSON`,
      ConnectivityType: `'Streamlined'`,
    }, from),
    insertSql('DeviceNetworkInfo', {
      Timestamp: TS(slotTs), ...dev(), NetworkAdapterName: `'Ethernet'`, MacAddress: 'd.mac', NetworkAdapterType: `'Ethernet'`, NetworkAdapterStatus: `'Up'`,
      TunnelType: `'None'`, ConnectedNetworks: `'[{"Name":"corp.contoso.com","Description":"corp.contoso.com","IsConnectedToInternet":true,"Category":"Domain"}]'::JSON`,
      DnsAddresses: `'["10.0.1.10","10.0.1.11"]'::JSON`, IPv4Dhcp: `'10.0.1.10'`, DefaultGateways: `'["10.0.0.1"]'::JSON`,
      IPAddresses: `('[{"IPAddress":"' || d.ip || '","SubnetPrefix":16,"AddressType":"Private"}]')::JSON`, ReportId: `(${base2} + d.id * ${slots} + k)::BIGINT`,
      NetworkAdapterVendor: `'Intel Corporation'`,
    }, from),
    insertSql('DeviceFileCertificateInfo', {
      Timestamp: TS('c.first_ts + 60000000'), ...dev(), SHA1: 'b.sha1', IsSigned: 'true', SignatureType: `'Embedded'`, Signer: 'b.company', SignerHash: 'sha1(b.company)',
      Issuer: `CASE WHEN b.company = 'Microsoft Corporation' THEN 'Microsoft Windows Production PCA 2011' ELSE 'DigiCert Trusted G4 Code Signing RSA4096 SHA384 2021 CA1' END`,
      IssuerHash: `sha1(CASE WHEN b.company = 'Microsoft Corporation' THEN 'MSPCA2011' ELSE 'DigiCertG4' END)`, CertificateSerialNumber: `upper(md5(b.company || b.version))`,
      CertificateCreationTime: `TIMESTAMP '2024-01-15 00:00:00'`, CertificateExpirationTime: `TIMESTAMP '2027-01-15 00:00:00'`, IsTrusted: 'true',
      IsRootSignerMicrosoft: `b.company = 'Microsoft Corporation'`, ReportId: `(${base3} + c.n)::BIGINT`,
    }, `FROM (SELECT dev, bin, min(ts) AS first_ts, row_number() OVER (ORDER BY dev, bin) AS n FROM ${S}.f_proc WHERE emit = 1 GROUP BY dev, bin) c
  JOIN ${S}.d_bin b ON b.id = c.bin JOIN ${S}.d_dev d ON d.id = c.dev WHERE b.fname <> 'System' AND c.first_ts + 60000000 < ${o.endUs}`),
  ];
}
