/**
 * The HR watchlist: Microsoft Purview HR-connector CSV files (resignation, performance improvement
 * plan, performance review, job-level change, or several scenarios in one file with an
 * `HRScenarios` column), ISO-8601 dates, users by email/UPN. Parsing never throws for a bad row:
 * the row is reported with its file and line and the rest of the file is used.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { HrScenario } from './model.js';

export interface WatchlistEntry {
  readonly file: string;
  /** 1-based line of the row in the file. */
  readonly line: number;
  /** Lower-cased email / UPN. */
  readonly email: string;
  readonly scenario: HrScenario;
  /** ResignationDate for resignations, EffectiveDate otherwise. */
  readonly effective: Date;
  readonly lastWorkingDate?: Date;
  readonly remarks: string;
  readonly rating?: string;
  readonly oldLevel?: string;
  readonly newLevel?: string;
}

export interface WatchlistProblem {
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

export interface Watchlist {
  readonly entries: readonly WatchlistEntry[];
  readonly problems: readonly WatchlistProblem[];
}

const ISO_RE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

/** An ISO-8601 date or date-time; without an offset it is UTC. */
export function parseIsoDate(text: string): Date | undefined {
  const t = text.trim();
  if (!ISO_RE.test(t)) return undefined;
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(t) && t.length > 10;
  const iso = t.length === 10 ? `${t}T00:00:00Z` : hasZone ? t.replace(' ', 'T') : `${t.replace(' ', 'T')}Z`;
  const d = new Date(iso.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(d.getTime()) ? undefined : d;
}

const SCENARIO_NAMES: Readonly<Record<string, HrScenario>> = {
  resignation: 'resignation',
  'employee resignation': 'resignation',
  'job level change': 'job-level-change',
  'job-level-change': 'job-level-change',
  'performance review': 'performance-review',
  'performance-review': 'performance-review',
  'performance improvement plan': 'performance-improvement-plan',
  'performance-improvement-plan': 'performance-improvement-plan',
  pip: 'performance-improvement-plan',
};

const EMAIL_COLUMNS = ['emailaddress', 'email', 'userprincipalname', 'upn'];

/** Parses one HR-connector CSV text. `file` names the source in entries and problems. */
export function parseWatchlist(text: string, file: string): Watchlist {
  const entries: WatchlistEntry[] = [];
  const problems: WatchlistProblem[] = [];
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true, trim: true, skip_empty_lines: true, relax_column_count: true, info: true, skip_records_with_error: true,
      on_skip: (err) => { problems.push({ file, line: Number((err as { lines?: number } | undefined)?.lines ?? 0), message: `unreadable CSV row: ${err?.message ?? 'parse error'}` }); return undefined; },
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (err) {
    return { entries, problems: [...problems, { file, line: Number((err as { lines?: number }).lines ?? 1), message: `unreadable CSV: ${(err as Error).message}` }] };
  }
  const header = records.shift();
  if (!header) return { entries, problems: [{ file, line: 1, message: 'empty file: expected a header row such as EmailAddress,EffectiveDate,Remarks,Rating' }] };
  const cols = new Map(header.record.map((h, i) => [h.toLowerCase().replace(/[\s_]/g, ''), i]));
  const col = (names: readonly string[]) => names.map((n) => cols.get(n)).find((i) => i !== undefined);
  const emailCol = col(EMAIL_COLUMNS);
  if (emailCol === undefined) {
    return { entries, problems: [{ file, line: header.info.lines, message: `no EmailAddress (or UserPrincipalName) column in the header: ${header.record.join(',')}` }] };
  }
  const scenarioCol = col(['hrscenarios', 'hrscenario', 'scenario']);
  const resignationCol = col(['resignationdate']);
  const lastDayCol = col(['lastworkingdate']);
  const effectiveCol = col(['effectivedate']);
  const remarksCol = col(['remarks']);
  const ratingCol = col(['rating']);
  const oldLevelCol = col(['oldlevel']);
  const newLevelCol = col(['newlevel']);
  const fileSaysPip = /pip|improvement/i.test(basename(file));

  for (const { record, info } of records) {
    const line = info.lines;
    const at = (i: number | undefined) => (i === undefined ? '' : (record[i] ?? '').trim());
    const bad = (message: string) => problems.push({ file, line, message });
    if (record.length !== header.record.length) { bad(`expected ${header.record.length} fields, found ${record.length}`); continue; }
    const email = at(emailCol).toLowerCase();
    if (!/^[^@\s]+@[^@\s]+$/.test(email)) { bad(`not an email address or UPN: '${at(emailCol)}'`); continue; }
    const remarks = at(remarksCol);
    let scenario: HrScenario | undefined;
    if (scenarioCol !== undefined) {
      const name = at(scenarioCol).toLowerCase().replace(/\s+/g, ' ');
      scenario = SCENARIO_NAMES[name];
      if (!scenario) { bad(`unsupported HR scenario '${at(scenarioCol)}' (resignation, job level change, performance review, performance improvement plan)`); continue; }
    } else if (resignationCol !== undefined) scenario = 'resignation';
    else if (oldLevelCol !== undefined || newLevelCol !== undefined) scenario = 'job-level-change';
    else if (effectiveCol !== undefined) {
      scenario = /improvement plan|\bPIP\b/i.test(remarks) || fileSaysPip ? 'performance-improvement-plan' : 'performance-review';
    }
    if (!scenario) { bad('cannot tell the HR scenario: expected ResignationDate, EffectiveDate or an HRScenarios column'); continue; }
    const dateCol = scenario === 'resignation' ? (resignationCol ?? effectiveCol) : (effectiveCol ?? resignationCol);
    const dateText = at(dateCol);
    const effective = parseIsoDate(dateText);
    if (!effective) { bad(`${dateCol === undefined ? 'no date column' : `not an ISO-8601 date: '${dateText}'`}`); continue; }
    let lastWorkingDate: Date | undefined;
    if (lastDayCol !== undefined && at(lastDayCol) !== '') {
      lastWorkingDate = parseIsoDate(at(lastDayCol));
      if (!lastWorkingDate) { bad(`LastWorkingDate is not an ISO-8601 date: '${at(lastDayCol)}'`); continue; }
    }
    entries.push({
      file, line, email, scenario, effective, remarks,
      ...(lastWorkingDate ? { lastWorkingDate } : {}),
      ...(at(ratingCol) !== '' ? { rating: at(ratingCol) } : {}),
      ...(at(oldLevelCol) !== '' ? { oldLevel: at(oldLevelCol) } : {}),
      ...(at(newLevelCol) !== '' ? { newLevel: at(newLevelCol) } : {}),
    });
  }
  return { entries, problems };
}

/** Reads and parses every file; an unreadable file is a problem (line 0), not an exception. */
export function readWatchlists(files: readonly string[]): Watchlist {
  const entries: WatchlistEntry[] = [];
  const problems: WatchlistProblem[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      problems.push({ file, line: 0, message: `cannot read: ${(err as Error).message}` });
      continue;
    }
    const w = parseWatchlist(text, file);
    entries.push(...w.entries);
    problems.push(...w.problems);
  }
  return { entries, problems };
}

/** Account name as the hunts report it, normalised: lower case, without a `DOMAIN\` prefix. */
export function normalizeAccount(account: string): string {
  return account.trim().toLowerCase().replace(/^.*\\/, '');
}

/**
 * True when the entry's email is the account: equal to one of its known UPNs (from the store), or
 * its local part equal to the account name (sAMAccountName), or equal to the account itself.
 */
export function entryMatchesAccount(entry: WatchlistEntry, account: string, knownUpns: readonly string[] = []): boolean {
  const acc = normalizeAccount(account);
  if (acc === '') return false;
  if (entry.email === acc || knownUpns.some((u) => u.toLowerCase() === entry.email)) return true;
  return entry.email.slice(0, entry.email.indexOf('@')) === acc;
}
