/**
 * What evidence rows say about files, folders and processes: file names (FileName, or document and
 * archive paths on command lines), folders (a file's folder, or folder arguments such as robocopy's
 * source and destination), the process lineage of each row (process, initiating process, its
 * parent, by name and pid) and sensitivity labels. Used to link sequence steps and to find
 * priority content. Pure.
 */
import { text, type EvidenceRow } from './evidence.js';

export interface Artifacts {
  /** Lower-cased file name → as first seen. */
  readonly files: Map<string, string>;
  /** Lower-cased folder path (no trailing backslash) → as first seen. */
  readonly folders: Map<string, string>;
  /** `name#pid` (lower-cased name) → display text. */
  readonly processes: Map<string, string>;
  /** Sensitivity label → count of rows. */
  readonly labels: Map<string, number>;
}

/** Extensions of files worth linking: documents, data, archives, scripts. */
const FILE_EXT = 'docx?|docm|xlsx?|xlsm|pptx?|pdf|rtf|odt|ods|odp|vsdx?|csv|txt|zip|7z|rar|tar|gz|tgz|cab|iso|bak|pst|ps1|bat|cmd|vbs|js';
const FILE_RE = new RegExp(`(?:^|[\\\\/"'\\s=])([^\\\\/"'\\s*?<>|:]+\\.(?:${FILE_EXT}))(?=$|["'\\s])`, 'gi');
/** Absolute Windows paths on a command line: quoted, or unquoted up to a space. */
const PATH_RE = /"([A-Za-z]:\\[^"]*)"|(?:^|\s)([A-Za-z]:\\[^\s"]*)/g;

const stripSlash = (p: string) => p.replace(/[\\/]+$/, '');
const dirOf = (p: string) => { const i = p.lastIndexOf('\\'); return i > 2 ? p.slice(0, i) : p; };

function add<K>(m: Map<K, string>, k: K, v: string): void { if (!m.has(k)) m.set(k, v); }

/** Document/archive file names on a command line (not the executable itself). */
export function filesOnCommandLine(cmd: string, executable = ''): string[] {
  const out: string[] = [];
  for (const m of cmd.matchAll(FILE_RE)) {
    const name = m[1]!;
    if (executable && name.toLowerCase() === executable.toLowerCase()) continue;
    out.push(name);
  }
  return out;
}

/** Folders named on a command line: the folder of each file path, and each path without an extension (not the executable's own folder). */
export function foldersOnCommandLine(cmd: string, executable = ''): string[] {
  const out: string[] = [];
  for (const m of cmd.matchAll(PATH_RE)) {
    const p = stripSlash((m[1] ?? m[2] ?? '').replace(/\\\*(\.\*)?$/, ''));
    if (p.length < 3) continue;
    const last = p.slice(p.lastIndexOf('\\') + 1);
    if (executable && last.toLowerCase() === executable.toLowerCase()) continue;
    out.push(/\.[A-Za-z0-9]{1,5}$/.test(last) || last.includes('*') ? dirOf(p) : p);
  }
  return out;
}

/** The folder of a file event: FolderPath without the file name when it ends with it. */
function folderOfFileRow(row: EvidenceRow): string {
  const folder = stripSlash(text(row, 'FolderPath'));
  const name = text(row, 'FileName');
  if (name && folder.toLowerCase().endsWith(`\\${name.toLowerCase()}`)) return folder.slice(0, folder.length - name.length - 1);
  return folder;
}

function labelOf(row: EvidenceRow): string {
  const direct = text(row, 'SensitivityLabel');
  if (direct) return direct;
  const af = row.values['AdditionalFields'];
  if (af && typeof af === 'object' && !Array.isArray(af)) {
    const l = af['SensitivityLabel'];
    if (typeof l === 'string' && l) return l;
  }
  return '';
}

export function artifactsOf(rows: readonly EvidenceRow[]): Artifacts {
  const a: Artifacts = { files: new Map(), folders: new Map(), processes: new Map(), labels: new Map() };
  const proc = (name: string, pid: string) => {
    if (!name || !pid || pid === '0' || pid === '4') return;
    add(a.processes, `${name.toLowerCase()}#${pid}`, `${name} (pid ${pid})`);
  };
  for (const row of rows) {
    const fileName = text(row, 'FileName');
    const isProcess = row.table === 'DeviceProcessEvents';
    if (fileName && !isProcess && row.table !== 'DeviceImageLoadEvents') {
      add(a.files, fileName.toLowerCase(), fileName);
      const folder = folderOfFileRow(row);
      if (folder) add(a.folders, folder.toLowerCase(), folder);
    }
    const prev = text(row, 'PreviousFileName');
    if (prev) add(a.files, prev.toLowerCase(), prev);
    const cmd = isProcess ? text(row, 'ProcessCommandLine') : '';
    if (cmd) {
      for (const f of filesOnCommandLine(cmd, fileName)) add(a.files, f.toLowerCase(), f);
      for (const d of foldersOnCommandLine(cmd, fileName)) add(a.folders, d.toLowerCase(), d);
    }
    if (isProcess) proc(fileName, text(row, 'ProcessId'));
    proc(text(row, 'InitiatingProcessFileName'), text(row, 'InitiatingProcessId'));
    proc(text(row, 'InitiatingProcessParentFileName'), text(row, 'InitiatingProcessParentId'));
    const label = labelOf(row);
    if (label) a.labels.set(label, (a.labels.get(label) ?? 0) + 1);
  }
  return a;
}

/** Merges several artifact sets. */
export function mergeArtifacts(list: readonly Artifacts[]): Artifacts {
  const out: Artifacts = { files: new Map(), folders: new Map(), processes: new Map(), labels: new Map() };
  for (const a of list) {
    for (const [k, v] of a.files) add(out.files, k, v);
    for (const [k, v] of a.folders) add(out.folders, k, v);
    for (const [k, v] of a.processes) add(out.processes, k, v);
    for (const [k, n] of a.labels) out.labels.set(k, (out.labels.get(k) ?? 0) + n);
  }
  return out;
}

/** Priority folders (whole path segments, case-insensitive) named in the rows' paths and command lines. */
export function priorityFoldersIn(rows: readonly EvidenceRow[], folders: readonly string[]): Map<string, number> {
  const wanted = new Map(folders.map((f) => [f.toLowerCase(), f]));
  const hits = new Map<string, number>();
  for (const row of rows) {
    const seen = new Set<string>();
    for (const col of ['FolderPath', 'ProcessCommandLine', 'PreviousFolderPath']) {
      for (const seg of text(row, col).split(/[\\/"]+/)) {
        const f = wanted.get(seg.trim().toLowerCase());
        if (f) seen.add(f);
      }
    }
    for (const f of seen) hits.set(f, (hits.get(f) ?? 0) + 1);
  }
  return hits;
}
