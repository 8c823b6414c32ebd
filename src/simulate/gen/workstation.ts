/**
 * A workstation's working days: for each local day the user's plan (arrival, lunch, departure) opens
 * an interactive session, starts the usual apps (OneDrive, Teams, Outlook, Edge) and then, in
 * five-minute slots weighted by the activity shape, browses, mails, edits documents (Office opens
 * the file named on its command line), downloads files and — for developers — runs git and builds.
 */
import { bin } from '../catalog.js';
import type { Device } from '../estate.js';
import type { Rng } from '../prng.js';
import { MINUTE_US, activityWeight, localDayOfWeek, planDay, type DayPlan } from '../clock/activity-shape.js';
import type { Proc, SimContext } from './context.js';
import { type EndpointCatalog, ephemeralPort } from './endpoints.js';
import { type BootTree, type Session, launch, startSession, withConsole } from './process-trees.js';
import { type UserFiles, userFiles } from './user-files.js';
import { sessionLogon, unlock } from './logons.js';

const OFFICE_BY_EXT = { docx: 'winword', xlsx: 'excel', pptx: 'powerpnt', pdf: 'acrobat' } as const;
const SLOT = 5 * MINUTE_US;

export interface DayHooks {
  /** Called once per session with the running apps, for look-alikes and scenarios. */
  onSession?(s: RunningSession, plan: DayPlan): void;
}

export interface RunningSession {
  readonly device: Device;
  readonly boot: BootTree;
  readonly session: Session;
  readonly files: UserFiles;
  readonly apps: Map<string, Proc>;
}

export function simulateWorkstationDays(ctx: SimContext, eps: EndpointCatalog, device: Device, boot: BootTree, midnights: readonly number[], rng: Rng, intensity: number, hooks: DayHooks = {}): void {
  const acc = ctx.estate.accounts[device.primaryUser]!;
  const files = userFiles(ctx, acc.id, rng.fork('files'));
  const usesDropbox = acc.persona !== 'admin' && rng.chance(0.12);
  for (const midnight of midnights) {
    const dayRng = rng.fork(midnight);
    const plan = planDay(dayRng, acc.persona, localDayOfWeek(midnight, acc.timeZone));
    if (plan.start >= plan.end) continue;
    const dayStart = midnight;
    const t0 = dayStart + plan.start * MINUTE_US + dayRng.int(60_000_000);
    const session = startSession(ctx, boot, acc.id, t0, dayRng);
    sessionLogon(ctx, boot, session, t0, dayRng);
    const running: RunningSession = { device, boot, session, files, apps: new Map() };
    startApps(ctx, eps, running, t0, dayRng, usesDropbox);
    hooks.onSession?.(running, plan);
    for (let m = plan.start; m < plan.end; m += 5) {
      const w = activityWeight(plan, m);
      const slot = dayStart + m * MINUTE_US;
      if (m === plan.lunchEnd - (plan.lunchEnd % 5)) unlock(ctx, boot, session, slot + dayRng.int(SLOT), dayRng);
      const n = dayRng.poisson(4.5 * w * intensity);
      for (let k = 0; k < n; k++) act(ctx, eps, running, slot + dayRng.int(SLOT), dayRng, acc.persona === 'developer');
      if (w > 0 && dayRng.chance(0.35)) syncTick(ctx, eps, running, slot + dayRng.int(SLOT), dayRng);
    }
  }
}

function app(ctx: SimContext, s: RunningSession, key: string, ts: number, cmd: string, rng: Rng): Proc {
  let p = s.apps.get(key);
  if (!p) {
    p = launch(ctx, s.session.explorer, ts, { bin: bin(key).id, cmd }, rng, [bin('ntdll').id, bin('kernel32').id, key === 'winword' || key === 'excel' || key === 'powerpnt' || key === 'outlook' ? bin('mso').id : bin('winhttp').id]);
    s.apps.set(key, p);
  }
  return p;
}

function startApps(ctx: SimContext, eps: EndpointCatalog, s: RunningSession, t0: number, rng: Rng, dropbox: boolean): void {
  const ts = t0 + 10_000_000;
  app(ctx, s, 'onedrive', ts + rng.int(5_000_000), '"C:\\Program Files\\Microsoft OneDrive\\OneDrive.exe" /background', rng);
  app(ctx, s, 'teams', ts + rng.int(8_000_000), '"ms-teams.exe" --system-initiated', rng);
  if (dropbox) app(ctx, s, 'dropbox', ts + rng.int(9_000_000), '"C:\\Program Files (x86)\\Dropbox\\Client\\Dropbox.exe" /systemstartup', rng);
  const outlook = app(ctx, s, 'outlook', ts + 60_000_000 + rng.int(600_000_000), '"C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE" ', rng);
  const edge = app(ctx, s, 'msedge', ts + 90_000_000 + rng.int(900_000_000), '"C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe" --profile-directory=Default', rng);
  for (let i = 0; i < 3; i++) {
    ctx.spawn(edge.dev, edge, edge.ts + 400_000 + i * 150_000, { bin: edge.bin, cmd: `"C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe" --type=${['gpu-process', 'utility --utility-sub-type=network.mojom.NetworkService', 'renderer'][i]} --field-trial-handle=${1900 + i * 4},i,${rng.hex(16)} /prefetch:${[2, 3, 1][i]}` }, rng);
  }
  for (const e of eps.app('outlook').slice(0, 3)) ctx.net(outlook, outlook.ts + 2_000_000 + rng.int(5_000_000), 'ConnectionSuccess', e, ephemeralPort(rng.next()));
}

function act(ctx: SimContext, eps: EndpointCatalog, s: RunningSession, ts: number, rng: Rng, developer: boolean): void {
  const r = rng.next();
  if (r < 0.34) {
    const edge = s.apps.get('msedge') ?? app(ctx, s, 'msedge', ts, '"C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe"', rng);
    const list = developer && rng.chance(0.5) ? eps.app('devbrowser') : eps.app('browser');
    const n = 1 + rng.int(4);
    for (let i = 0; i < n; i++) ctx.net(edge, ts + i * 180_000, rng.chance(0.01) ? 'ConnectionFailed' : 'ConnectionSuccess', rng.pick(list), ephemeralPort(rng.next()));
  } else if (r < 0.5) {
    const outlook = app(ctx, s, 'outlook', ts, '"C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE" ', rng);
    ctx.net(outlook, ts, 'ConnectionSuccess', rng.pick(eps.app('outlook')), ephemeralPort(rng.next()));
    if (rng.chance(0.08)) {
      const att = `${s.files.home}\\AppData\\Local\\Microsoft\\Windows\\INetCache\\Content.Outlook\\${rng.hex(8).toUpperCase()}\\${rng.pick(['Agenda', 'Invoice', 'Minutes', 'Proposal'])}_${rng.range(100, 999)}.pdf`;
      ctx.file(outlook, ts + 500_000, 'FileCreated', ctx.files.id(att, rng.range(40_000, 900_000)));
    }
  } else if (r < 0.6) {
    const teams = app(ctx, s, 'teams', ts, '"ms-teams.exe"', rng);
    ctx.net(teams, ts, 'ConnectionSuccess', rng.pick(eps.app('teams')), ephemeralPort(rng.next()));
  } else if (r < 0.8) {
    editDocument(ctx, eps, s, ts, rng);
  } else if (r < 0.86) {
    const edge = app(ctx, s, 'msedge', ts, '"C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe"', rng);
    const host = rng.pick(['learn.microsoft.com', 'www.adobe.com', 'contoso.sharepoint.com', developer ? 'github.com' : 'www.office.com']);
    const name = `${rng.pick(['report', 'statement', 'guide', 'datasheet', 'setup', 'release-notes'])}-${rng.range(1, 999)}.${rng.pick(['pdf', 'pdf', 'docx', 'zip', 'msi'])}`;
    ctx.net(edge, ts - 400_000, 'ConnectionSuccess', eps.host(host, host.includes('github') ? 'github' : 'microsoft'), ephemeralPort(rng.next()));
    ctx.file(edge, ts, 'FileCreated', ctx.files.id(`${s.files.downloads}\\${name}`, rng.range(50_000, 30_000_000)), { origin: `https://${host}/downloads/${name}` });
  } else if (developer && r < 0.96) {
    developerWork(ctx, eps, s, ts, rng);
  } else if (r < 0.98) {
    const np = launch(ctx, s.session.explorer, ts, { bin: bin('notepad').id, cmd: `"C:\\Windows\\system32\\notepad.exe" ${s.files.home}\\Desktop\\notes.txt` }, rng);
    ctx.file(np, ts + 60_000_000, 'FileModified', ctx.files.id(`${s.files.home}\\Desktop\\notes.txt`, 2_048));
  } else {
    const ex = s.session.explorer;
    ctx.registry(ex, ts, false, `HKEY_CURRENT_USER\\S-1-5-21\\Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\RecentDocs`, 'MRUListEx', 'Binary', `0${rng.int(10)}000000${rng.hex(2)}000000ffffffff`);
  }
}

function editDocument(ctx: SimContext, eps: EndpointCatalog, s: RunningSession, ts: number, rng: Rng): void {
  const doc = rng.pick(s.files.docs);
  const key = OFFICE_BY_EXT[doc.ext];
  const b = bin(key);
  let p = s.apps.get(key);
  if (!p || rng.chance(0.25)) {
    const cmd = key === 'acrobat' ? `"${b.path}" "${doc.path}"` : `"${b.path}" /n "${doc.path}" /o ""`;
    p = launch(ctx, s.session.explorer, ts, { bin: b.id, cmd }, rng, [bin('ntdll').id, bin('kernel32').id, key === 'acrobat' ? bin('winhttp').id : bin('mso').id]);
    s.apps.set(key, p);
    if (key !== 'acrobat') ctx.net(p, ts + 1_500_000, 'ConnectionSuccess', rng.pick(eps.app('office')), ephemeralPort(rng.next()));
  }
  if (key === 'acrobat') return;
  const dir = doc.path.slice(0, doc.path.lastIndexOf('\\'));
  const owner = ctx.files.id(`${dir}\\~$${doc.path.slice(dir.length + 3)}`, 162);
  ctx.file(p, ts + 800_000, 'FileCreated', owner);
  const saves = 1 + rng.int(3);
  for (let i = 0; i < saves; i++) ctx.file(p, ts + (i + 1) * 90_000_000 + rng.int(30_000_000), 'FileModified', doc.fobj);
  ctx.file(p, ts + (saves + 1) * 90_000_000, 'FileDeleted', owner);
}

function syncTick(ctx: SimContext, eps: EndpointCatalog, s: RunningSession, ts: number, rng: Rng): void {
  const od = s.apps.get('onedrive');
  if (od) ctx.net(od, ts, 'ConnectionSuccess', rng.pick(eps.app('onedrive')), ephemeralPort(rng.next()));
  const db = s.apps.get('dropbox');
  if (db) {
    ctx.net(db, ts + 200_000, 'ConnectionSuccess', rng.pick(eps.app('dropbox')), ephemeralPort(rng.next()));
    if (rng.chance(0.15)) {
      const p = `${s.files.home}\\Dropbox\\${rng.pick(['Photos', 'Personal', 'Shared'])}\\${rng.pick(['IMG', 'scan', 'notes'])}_${rng.range(1000, 9999)}.${rng.pick(['jpg', 'pdf', 'txt'])}`;
      ctx.file(db, ts + 500_000, 'FileCreated', ctx.files.id(p, rng.range(10_000, 3_000_000)));
    }
  }
}

function developerWork(ctx: SimContext, eps: EndpointCatalog, s: RunningSession, ts: number, rng: Rng): void {
  const code = app(ctx, s, 'code', ts, `"${s.files.home}\\AppData\\Local\\Programs\\Microsoft VS Code\\Code.exe"`, rng);
  const r = rng.next();
  if (r < 0.55) {
    const sub = rng.pick(['fetch --all', 'pull', 'push origin main', 'status', 'log --oneline -20']);
    const git = launch(ctx, code, ts, { bin: bin('git').id, cmd: `"C:\\Program Files\\Git\\cmd\\git.exe" ${sub}` }, rng);
    if (!sub.startsWith('status') && !sub.startsWith('log')) ctx.net(git, ts + 300_000, 'ConnectionSuccess', rng.pick(eps.app('git')), ephemeralPort(rng.next()));
  } else if (r < 0.8) {
    const ps = launch(ctx, code, ts, { bin: bin('powershell').id, cmd: `powershell.exe -NoLogo -NoProfile -Command "cd ${s.files.repo}; npm run build"` }, rng, [bin('ntdll').id, bin('amsi').id, bin('clr').id]);
    withConsole(ctx, ps, rng);
    ctx.file(ps, ts + 20_000_000, 'FileModified', ctx.files.id(`${s.files.repo}\\dist\\bundle.js`, rng.range(200_000, 900_000)));
  } else {
    // Benign look-alike of archive staging: a developer extracts a downloaded archive with 7-Zip.
    const archive = `${s.files.downloads}\\${rng.pick(['sdk', 'sample-data', 'tools', 'fixtures'])}-${rng.range(1, 9)}.${rng.range(0, 9)}.zip`;
    const outDir = `${s.files.repo}\\vendor`;
    const z = launch(ctx, s.session.explorer, ts, { bin: bin('7zfm').id, cmd: `"C:\\Program Files\\7-Zip\\7zFM.exe" "${archive}"` }, rng);
    for (let i = 0; i < 6; i++) ctx.file(z, ts + 2_000_000 + i * 150_000, 'FileCreated', ctx.files.id(`${outDir}\\${['README.md', 'LICENSE', 'lib.dll', 'setup.ps1', 'data.json', 'index.js'][i]}`, rng.range(1_000, 500_000)));
  }
}
