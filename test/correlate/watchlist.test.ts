/** HR watchlist: Purview HR-connector CSV shapes, bad rows reported with their line (not fatal), matching and windows. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseWatchlist, readWatchlists, entryMatchesAccount, parseIsoDate } from '../../src/correlate/watchlist.js';
import { watchlistIndicators } from '../../src/correlate/score.js';
import { model } from './helpers.js';

test('performance-improvement-plan rows parse; bad rows are reported with their line and skipped', () => {
  const csv = [
    'EmailAddress,EffectiveDate,Remarks,Rating',
    'jdoe@contoso.com,2026-11-25T09:00:00Z,Performance improvement plan: under-performance,1',
    'not-an-email,2026-11-25T09:00:00Z,Performance improvement plan,2',
    'asmith@contoso.com,25/11/2026,Performance improvement plan,2',
    'bjones@contoso.com,2026-11-01,Performance improvement plan,2,extra',
    '',
    '"ckim@contoso.com","2026-10-01T08:00:00+02:00","Performance improvement plan, second notice",2',
  ].join('\n');
  const w = parseWatchlist(csv, 'hr.csv');
  assert.deepEqual(w.entries.map((e) => [e.email, e.scenario, e.effective.toISOString(), e.line]), [
    ['jdoe@contoso.com', 'performance-improvement-plan', '2026-11-25T09:00:00.000Z', 2],
    ['ckim@contoso.com', 'performance-improvement-plan', '2026-10-01T06:00:00.000Z', 7],
  ]);
  assert.deepEqual(w.problems.map((p) => [p.file, p.line]), [['hr.csv', 3], ['hr.csv', 4], ['hr.csv', 5]]);
  assert.match(w.problems[0]!.message, /not an email/);
  assert.match(w.problems[1]!.message, /ISO-8601/);
  assert.match(w.problems[2]!.message, /expected 4 fields, found 5/);
});

test('each Purview shape is recognised: resignation, job-level change, performance review, and HRScenarios files', () => {
  const res = parseWatchlist('EmailAddress,ResignationDate,LastWorkingDate\nalice@contoso.com,2026-11-20,2026-12-05\n', 'resignations.csv');
  assert.equal(res.entries[0]!.scenario, 'resignation');
  assert.equal(res.entries[0]!.lastWorkingDate?.toISOString(), '2026-12-05T00:00:00.000Z');
  const job = parseWatchlist('EmailAddress,EffectiveDate,Remarks,OldLevel,NewLevel\nbob@contoso.com,2026-11-01T00:00:00Z,Demoted,62,60\n', 'jobs.csv');
  assert.deepEqual([job.entries[0]!.scenario, job.entries[0]!.oldLevel, job.entries[0]!.newLevel], ['job-level-change', '62', '60']);
  const review = parseWatchlist('EmailAddress,EffectiveDate,Remarks,Rating\ncarol@contoso.com,2026-11-01,Annual review,1\n', 'reviews.csv');
  assert.equal(review.entries[0]!.scenario, 'performance-review');
  const multi = parseWatchlist('EmailAddress,HRScenarios,EffectiveDate,ResignationDate,Remarks,Rating\n' +
    'dan@contoso.com,Resignation,,2026-11-10,,\nerin@contoso.com,Performance improvement plan,2026-11-11,,PIP,2\nfay@contoso.com,Employee profile,2026-11-11,,,\n', 'all.csv');
  assert.deepEqual(multi.entries.map((e) => e.scenario), ['resignation', 'performance-improvement-plan']);
  assert.equal(multi.problems.length, 1);
  assert.equal(multi.problems[0]!.line, 4);
});

test('a missing file or a header without an email column is a problem, not an exception', () => {
  const dir = mkdtempSync(join(tmpdir(), 'harrier-wl-'));
  const good = join(dir, 'pip.csv');
  writeFileSync(good, 'EmailAddress,EffectiveDate,Remarks,Rating\njdoe@contoso.com,2026-11-25,x,1\n');
  const noEmail = join(dir, 'bad.csv');
  writeFileSync(noEmail, 'Name,EffectiveDate\njdoe,2026-11-25\n');
  const w = readWatchlists([good, join(dir, 'missing.csv'), noEmail]);
  assert.equal(w.entries.length, 1);
  assert.equal(w.entries[0]!.scenario, 'performance-improvement-plan'); // the file name says pip
  assert.deepEqual(w.problems.map((p) => p.file), [join(dir, 'missing.csv'), noEmail]);
});

test('ISO-8601 dates only; no offset means UTC', () => {
  assert.equal(parseIsoDate('2026-11-25')?.toISOString(), '2026-11-25T00:00:00.000Z');
  assert.equal(parseIsoDate('2026-11-25T09:00:00')?.toISOString(), '2026-11-25T09:00:00.000Z');
  assert.equal(parseIsoDate('2026-11-25T09:00:00-0500')?.toISOString(), '2026-11-25T14:00:00.000Z');
  assert.equal(parseIsoDate('11/25/2026'), undefined);
  assert.equal(parseIsoDate('2026-13-45'), undefined);
});

test('entries map to accounts by UPN or by the email local part', () => {
  const [e] = parseWatchlist('EmailAddress,EffectiveDate,Remarks,Rating\njohn.doe@contoso.com,2026-11-25,PIP,1\n', 'x.csv').entries;
  assert.equal(entryMatchesAccount(e!, 'john.doe'), true);
  assert.equal(entryMatchesAccount(e!, 'CONTOSO\\John.Doe'), true);
  assert.equal(entryMatchesAccount(e!, 'jdoe'), false);
  assert.equal(entryMatchesAccount(e!, 'jdoe', ['John.Doe@contoso.com']), true);
});

test('the booster covers from daysBefore before the effective date to daysAfter after it; poor reviews only', () => {
  const m = model();
  const w = parseWatchlist('EmailAddress,EffectiveDate,Remarks,Rating\njdoe@contoso.com,2026-11-25T09:00:00Z,Performance improvement plan,1\n', 'hr.csv').entries;
  const day = 86_400_000;
  const pip = Date.parse('2026-11-25T09:00:00Z');
  const at = (t: number) => watchlistIndicators({ watchlist: w, account: 'jdoe', upns: [], start: t, end: t + 600_000 }, m);
  assert.equal(at(pip - 0.5 * day)[0]?.name, 'watchlist: performance improvement plan (risky-user)');
  assert.equal(at(pip - 0.5 * day)[0]?.weight, m.watchlist.scenarios['performance-improvement-plan'].weight);
  assert.equal(at(pip - (m.watchlist.daysBefore - 1) * day).length, 1);
  assert.equal(at(pip - (m.watchlist.daysBefore + 1) * day).length, 0);
  assert.equal(at(pip + (m.watchlist.daysAfter + 1) * day).length, 0);
  assert.equal(watchlistIndicators({ watchlist: w, account: 'alice', upns: [], start: pip, end: pip }, m).length, 0);
  const reviews = parseWatchlist('EmailAddress,EffectiveDate,Remarks,Rating\njdoe@contoso.com,2026-11-20,Review,4\nalice@contoso.com,2026-11-20,Review,1\n', 'reviews.csv').entries;
  assert.equal(watchlistIndicators({ watchlist: reviews, account: 'jdoe', upns: [], start: pip, end: pip }, m).length, 0);
  assert.equal(watchlistIndicators({ watchlist: reviews, account: 'alice', upns: [], start: pip, end: pip }, m)[0]?.name, 'watchlist: poor performance review (risky-user)');
});
