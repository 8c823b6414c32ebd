/** Shared by the report and evidence tests: a small simulated estate, the CLI, and Markdown parsing with marked's lexer. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { marked, type Token, type Tokens } from 'marked';
import { simulate } from '../../src/simulate/simulate.js';
import { openReadOnly, rows } from '../simulate/helpers.js';

const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
/** tsx resolved from this repository, so the CLI also runs with another working directory. */
const TSX = import.meta.resolve('tsx');

export const cli = (args: string[], cwd?: string) =>
  spawnSync(process.execPath, ['--import', TSX, MAIN, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...(cwd ? { cwd } : {}) });

export interface SmallEstate {
  readonly dir: string;
  readonly db: string;
  readonly watchlist: string;
  /** Just after the last event (what --now latest gives), as ISO. */
  readonly now: string;
  /** pip-exfil truth: step → [first, last] epoch ms, and the device. */
  readonly pipSteps: ReadonlyMap<string, readonly [number, number]>;
  readonly johnDevice: string;
}

export async function smallEstate(): Promise<SmallEstate> {
  const dir = mkdtempSync(join(tmpdir(), 'harrier-report-'));
  const db = join(dir, 'sim.duckdb');
  await simulate({ out: db, devices: 40, seed: 7 });
  const { c, close } = await openReadOnly(db);
  try {
    const steps = new Map<string, readonly [number, number]>();
    let johnDevice = '';
    for (const r of await rows(c, `SELECT Step, epoch_ms(min(Timestamp)), epoch_ms(max(Timestamp)), any_value(DeviceName) FROM _harrier_truth WHERE Scenario = 'pip-exfil' GROUP BY Step`)) {
      steps.set(String(r[0]), [Number(r[1]), Number(r[2])]);
      johnDevice = String(r[3]);
    }
    const last = (await rows(c, `SELECT epoch_ms(max(Timestamp)) FROM (SELECT Timestamp FROM DeviceProcessEvents UNION ALL SELECT Timestamp FROM DeviceNetworkEvents UNION ALL SELECT Timestamp FROM DeviceFileEvents)`))[0]![0];
    return { dir, db, watchlist: `${db}.hr-watchlist.csv`, now: new Date(Number(last) + 1000).toISOString(), pipSteps: steps, johnDevice };
  } finally {
    close();
  }
}

const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

/** The plain text of a token (inline markup removed, escapes and entities decoded). */
export function plain(t: Token | Tokens.TableCell | Tokens.ListItem): string {
  const inner = (t as { tokens?: Token[] }).tokens;
  if (inner && inner.length > 0) return inner.map(plain).join('');
  return decode(String((t as { text?: string }).text ?? ''));
}

export interface Section {
  readonly title: string;
  readonly tokens: readonly Token[];
}

/** Splits a Markdown document into its level-2 sections (title → tokens until the next level-2 heading). */
export function sections(md: string): Section[] {
  const out: { title: string; tokens: Token[] }[] = [];
  for (const t of marked.lexer(md)) {
    if (t.type === 'heading' && (t as Tokens.Heading).depth === 2) out.push({ title: plain(t), tokens: [] });
    else out[out.length - 1]?.tokens.push(t);
  }
  return out;
}

export function tables(tokens: readonly Token[]): { headers: string[]; rows: string[][] }[] {
  return tokens.filter((t): t is Tokens.Table => t.type === 'table').map((t) => ({ headers: t.header.map(plain), rows: t.rows.map((r) => r.map(plain)) }));
}

/** Every token in a tree (blockquotes, lists…), depth first. */
export function walk(tokens: readonly Token[]): Token[] {
  return tokens.flatMap((t) => [t, ...walk(((t as { tokens?: Token[] }).tokens ?? []).concat(((t as { items?: Token[] }).items ?? [])))]);
}
