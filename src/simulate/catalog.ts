/**
 * The software catalog: every executable and DLL the simulator runs or loads, with version info,
 * signer and hashes that are stable per binary (derived from name and version), so the same binary
 * has the same SHA256 on every device. Folders may contain USER_PLACEHOLDER (the running account's name).
 */
import { hashesOf } from './ids.js';

/** Stands for the running account's name in a per-user install folder; replaced when events are written. */
export const USER_PLACEHOLDER = '{user}';

export interface Binary {
  readonly id: number;
  readonly key: string;
  readonly fileName: string;
  /** Full path including the file name; USER_PLACEHOLDER is replaced by the account name. */
  readonly path: string;
  readonly company: string;
  readonly product: string;
  readonly version: string;
  readonly description: string;
  readonly size: number;
  readonly signerType: string;
  readonly signatureStatus: string;
  readonly sha1: string;
  readonly sha256: string;
  readonly md5: string;
}

const MS = 'Microsoft Corporation';
const WIN = 'Microsoft® Windows® Operating System';
const OFFICE = 'Microsoft Office';
const WINVER = '10.0.22621.4317';
const OFFVER = '16.0.18129.20158';
const S32 = 'C:\\Windows\\System32\\';
const OFF = 'C:\\Program Files\\Microsoft Office\\root\\Office16\\';
const TEMP = `C:\\Users\\${USER_PLACEHOLDER}\\AppData\\Local\\Temp\\`;

type Row = [key: string, path: string, company: string, product: string, version: string, description: string, size: number, signer?: string];

const ROWS: Row[] = [
  ['system', 'System', MS, WIN, WINVER, 'NT Kernel & System', 0, 'OsVendor'],
  ['smss', `${S32}smss.exe`, MS, WIN, WINVER, 'Windows Session Manager', 181248, 'OsVendor'],
  ['wininit', `${S32}wininit.exe`, MS, WIN, WINVER, 'Windows Start-Up Application', 468992, 'OsVendor'],
  ['services', `${S32}services.exe`, MS, WIN, WINVER, 'Services and Controller app', 742456, 'OsVendor'],
  ['lsass', `${S32}lsass.exe`, MS, WIN, WINVER, 'Local Security Authority Process', 84112, 'OsVendor'],
  ['svchost', `${S32}svchost.exe`, MS, WIN, WINVER, 'Host Process for Windows Services', 57360, 'OsVendor'],
  ['winlogon', `${S32}winlogon.exe`, MS, WIN, WINVER, 'Windows Logon Application', 911360, 'OsVendor'],
  ['userinit', `${S32}userinit.exe`, MS, WIN, WINVER, 'Userinit Logon Application', 33280, 'OsVendor'],
  ['explorer', 'C:\\Windows\\explorer.exe', MS, WIN, WINVER, 'Windows Explorer', 5517624, 'OsVendor'],
  ['taskhostw', `${S32}taskhostw.exe`, MS, WIN, WINVER, 'Host Process for Windows Tasks', 101680, 'OsVendor'],
  ['cmd', `${S32}cmd.exe`, MS, WIN, WINVER, 'Windows Command Processor', 323584, 'OsVendor'],
  ['conhost', `${S32}conhost.exe`, MS, WIN, WINVER, 'Console Window Host', 1040384, 'OsVendor'],
  ['powershell', `${S32}WindowsPowerShell\\v1.0\\powershell.exe`, MS, WIN, WINVER, 'Windows PowerShell', 450560, 'OsVendor'],
  ['robocopy', `${S32}Robocopy.exe`, MS, WIN, WINVER, 'Microsoft Robocopy', 131072, 'OsVendor'],
  ['notepad', `${S32}notepad.exe`, MS, WIN, WINVER, 'Notepad', 360448, 'OsVendor'],
  ['wuauclt', `${S32}wuauclt.exe`, MS, WIN, WINVER, 'Windows Update', 121856, 'OsVendor'],
  ['backgroundtaskhost', `${S32}backgroundTaskHost.exe`, MS, WIN, WINVER, 'Background Task Host', 24880, 'OsVendor'],
  ['wbengine', `${S32}wbengine.exe`, MS, WIN, WINVER, 'Block Level Backup Engine Service', 1585152, 'OsVendor'],
  ['msmpeng', 'C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\4.18.24090.11-0\\MsMpEng.exe', MS, 'Microsoft® Windows® Operating System', '4.18.24090.11', 'Antimalware Service Executable', 133432, 'OsVendor'],
  ['mssense', 'C:\\Program Files\\Windows Defender Advanced Threat Protection\\MsSense.exe', MS, WIN, '10.8760.22621.1011', 'Windows Defender Advanced Threat Protection Service Executable', 4651648, 'OsVendor'],
  ['msedge', 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe', MS, 'Microsoft Edge', '131.0.2903.70', 'Microsoft Edge', 4136488, 'Publisher'],
  ['chrome', 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe', 'Google LLC', 'Google Chrome', '131.0.6778.86', 'Google Chrome', 2778136, 'Publisher'],
  ['outlook', `${OFF}OUTLOOK.EXE`, MS, OFFICE, OFFVER, 'Microsoft Outlook', 43719064, 'Publisher'],
  ['winword', `${OFF}WINWORD.EXE`, MS, OFFICE, OFFVER, 'Microsoft Word', 2092920, 'Publisher'],
  ['excel', `${OFF}EXCEL.EXE`, MS, OFFICE, OFFVER, 'Microsoft Excel', 69612928, 'Publisher'],
  ['powerpnt', `${OFF}POWERPNT.EXE`, MS, OFFICE, OFFVER, 'Microsoft PowerPoint', 1915256, 'Publisher'],
  ['teams', 'C:\\Program Files\\WindowsApps\\MSTeams_24295.605.3225.8804_x64__8wekyb3d8bbwe\\ms-teams.exe', MS, 'Microsoft Teams', '24295.605.3225.8804', 'Microsoft Teams', 1353024, 'Publisher'],
  ['onedrive', 'C:\\Program Files\\Microsoft OneDrive\\OneDrive.exe', MS, 'Microsoft OneDrive', '24.211.1020.0002', 'Microsoft OneDrive', 3476808, 'Publisher'],
  ['acrobat', 'C:\\Program Files\\Adobe\\Acrobat DC\\Acrobat\\Acrobat.exe', 'Adobe Inc.', 'Adobe Acrobat', '24.4.20272.0', 'Adobe Acrobat', 6812016, 'Publisher'],
  ['dropbox', 'C:\\Program Files (x86)\\Dropbox\\Client\\Dropbox.exe', 'Dropbox, Inc.', 'Dropbox', '213.4.6105.0', 'Dropbox', 9180648, 'Publisher'],
  ['7zfm', 'C:\\Program Files\\7-Zip\\7zFM.exe', 'Igor Pavlov', '7-Zip', '24.08', '7-Zip File Manager', 1008128, 'Publisher'],
  ['7z', 'C:\\Program Files\\7-Zip\\7z.exe', 'Igor Pavlov', '7-Zip', '24.08', '7-Zip Console', 571392, 'Publisher'],
  ['7z-temp', `${TEMP}7z.exe`, 'Igor Pavlov', '7-Zip', '24.08', '7-Zip Console', 571392, 'Publisher'],
  ['code', `C:\\Users\\${USER_PLACEHOLDER}\\AppData\\Local\\Programs\\Microsoft VS Code\\Code.exe`, MS, 'Visual Studio Code', '1.95.3', 'Visual Studio Code', 183463808, 'Publisher'],
  ['git', 'C:\\Program Files\\Git\\cmd\\git.exe', 'The Git Development Community', 'Git', '2.47.0.2', 'Git for Windows', 45160, 'Publisher'],
  ['nessusd', 'C:\\Program Files\\Tenable\\Nessus\\nessusd.exe', 'Tenable, Inc.', 'Nessus', '10.8.3', 'Nessus Scanner Daemon', 10948096, 'Publisher'],
  ['sqlservr', 'C:\\Program Files\\Microsoft SQL Server\\MSSQL16.MSSQLSERVER\\MSSQL\\Binn\\sqlservr.exe', MS, 'Microsoft SQL Server', '2022.160.4135.4', 'SQL Server Windows NT - 64 Bit', 522832, 'Publisher'],
  ['w3wp', `${S32}inetsrv\\w3wp.exe`, MS, 'Internet Information Services', WINVER, 'IIS Worker Process', 31232, 'OsVendor'],
  ['dfsr', `${S32}dfsrs.exe`, MS, WIN, WINVER, 'Distributed File System Replication', 3452416, 'OsVendor'],
  // DLLs for DeviceImageLoadEvents
  ['ntdll', `${S32}ntdll.dll`, MS, WIN, WINVER, 'NT Layer DLL', 2162688, 'OsVendor'],
  ['kernel32', `${S32}kernel32.dll`, MS, WIN, WINVER, 'Windows NT BASE API Client DLL', 774144, 'OsVendor'],
  ['amsi', `${S32}amsi.dll`, MS, WIN, WINVER, 'Anti-Malware Scan Interface', 94208, 'OsVendor'],
  ['clr', 'C:\\Windows\\Microsoft.NET\\Framework64\\v4.0.30319\\clr.dll', MS, 'Microsoft® .NET Framework', '4.8.9282.0', 'Microsoft .NET Runtime Common Language Runtime', 10563584, 'OsVendor'],
  ['mso', 'C:\\Program Files\\Common Files\\microsoft shared\\Office16\\mso20win32client.dll', MS, OFFICE, OFFVER, 'Microsoft Office 2016 component', 5230480, 'Publisher'],
  ['winhttp', `${S32}winhttp.dll`, MS, WIN, WINVER, 'Windows HTTP Services', 1032192, 'OsVendor'],
];

function build(row: Row, id: number): Binary {
  const [key, path, company, product, version, description, size, signer] = row;
  const fileName = path.includes('\\') ? path.slice(path.lastIndexOf('\\') + 1) : path;
  const h = hashesOf(`harrier-binary|${fileName.toLowerCase()}|${version}`);
  return Object.freeze({
    id, key, fileName, path, company, product, version, description, size,
    signerType: signer ?? 'Publisher', signatureStatus: 'Valid', sha1: h.sha1, sha256: h.sha256, md5: h.md5,
  });
}

export const BINARIES: readonly Binary[] = Object.freeze(ROWS.map(build));
const byKey = new Map(BINARIES.map((b) => [b.key, b]));

export function bin(key: string): Binary {
  const b = byKey.get(key);
  if (!b) throw new Error(`catalog: unknown binary '${key}'`);
  return b;
}

