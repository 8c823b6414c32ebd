/**
 * The HR signal behind pip-exfil, in the shape of a Microsoft Purview HR-connector CSV for
 * performance improvement plans (EmailAddress, EffectiveDate, Remarks, Rating; dates ISO-8601 UTC).
 * John Doe's row is the PIP of the scenario; two earlier PIPs of other users are decoys.
 */
import { writeFileSync } from 'node:fs';
import type { Estate } from './estate.js';

export const HR_COLUMNS = ['EmailAddress', 'EffectiveDate', 'Remarks', 'Rating'] as const;

const csvCell = (v: string) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

export function hrWatchlistCsv(estate: Estate, pipUs: number): string {
  const iso = (us: number) => new Date(us / 1000).toISOString().replace('.000Z', 'Z');
  const others = estate.accounts.filter((a) => a.persona === 'office' || a.persona === 'developer').filter((a) => a.id !== estate.johnDoe.id).slice(3, 5);
  const rows: string[][] = [
    ...others.map((a, i) => [a.upn, iso(pipUs - (21 + i * 17) * 86_400_000_000), 'Performance improvement plan: missed delivery goals', '2']),
    [estate.johnDoe.upn, iso(pipUs), 'Performance improvement plan: sustained under-performance; access to R&D projects under review', '1'],
  ];
  return [HR_COLUMNS.join(','), ...rows.map((r) => r.map(csvCell).join(','))].join('\n') + '\n';
}

export function writeHrWatchlist(path: string, estate: Estate, pipUs: number): void {
  writeFileSync(path, hrWatchlistCsv(estate, pipUs));
}
