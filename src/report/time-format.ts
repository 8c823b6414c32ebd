/** Times as the report prints them: UTC (`2026-11-24 22:27:00 UTC`) and local in a zone (`Tue 24 Nov 2026, 10:27:00 PM`). */

export function utcText(iso: string | null): string {
  if (!iso) return '-';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

export function localText(iso: string | null, zone: string): string {
  if (!iso) return '-';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const f = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone, weekday: 'short', day: '2-digit', month: 'short', year: 'numeric',
    hour: 'numeric', minute: '2-digit', second: '2-digit', hour12: true,
  });
  return `${f.format(d).replace(/\bam\b/, 'AM').replace(/\bpm\b/, 'PM')} (${zone})`;
}

/** HH:MM:SS UTC of an ISO time, for compact lists. */
export function clockUtc(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toISOString().slice(11, 19);
}
