/** Users in another time zone work on their local clock, and John's 22:27 is local too. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openReadOnly, rows, simulateSmall } from './helpers.js';

test('--tz America/New_York shifts working hours and the planted evening to local time', async () => {
  const s = await simulateSmall({ devices: 14, hours: 72, timeZones: ['America/New_York'] });
  const { c, close } = await openReadOnly(s.files[0]!);
  try {
    const byHour = new Map((await rows(c, `SELECT hour(Timestamp), count(*) FROM DeviceNetworkEvents
      WHERE InitiatingProcessFileName IN ('msedge.exe', 'OUTLOOK.EXE', 'ms-teams.exe') AND InitiatingProcessAccountDomain = 'contoso' GROUP BY 1`)).map((r) => [Number(r[0]), Number(r[1])]));
    const h = (x: number) => byHour.get(x) ?? 0;
    assert.ok(h(15) > 5 * Math.max(1, h(7)), `15:00 UTC (10:00 EST) ${h(15)} vs 07:00 UTC (02:00 EST) ${h(7)}`);
    const first = await rows(c, `SELECT strftime(min(Timestamp), '%Y-%m-%d %H:%M') FROM _harrier_truth WHERE Step = 'sensitive-file-access'`);
    // The window ends Wednesday 07:00 EST, before 09:00: the PIP morning is Tuesday, the evening Monday 22:27 EST.
    assert.equal(first[0]![0], '2026-11-24 03:27');
  } finally {
    close();
  }
});
