/** Off-hours in the user's local time: zone per account or device, default UTC, DST. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isOffHours, localTime, timeZoneMap, zoneFor } from '../../src/correlate/timezones.js';
import { offHoursIndicator } from '../../src/correlate/score.js';
import { finding, model } from './helpers.js';

const hours = { workdayStart: '07:00', workdayEnd: '19:00', weekendDays: ['Sat', 'Sun'] };

test('the same instant is off-hours in one zone and working time in another', () => {
  const t = new Date('2026-11-24T22:27:00Z'); // a Tuesday
  assert.equal(isOffHours(t, 'UTC', hours), true);
  assert.equal(localTime(t, 'America/Los_Angeles').clock, '14:27');
  assert.equal(isOffHours(t, 'America/Los_Angeles', hours), false);
  assert.equal(localTime(t, 'Asia/Tokyo').weekday, 'Wed');
  assert.equal(isOffHours(t, 'Asia/Tokyo', hours), false); // 07:27 Wednesday in Tokyo
});

test('daylight saving time moves the local hour', () => {
  // 06:30 UTC is 08:30 in Berlin in summer (CEST) but 07:30 in winter (CET); 05:30 UTC: 07:30 vs 06:30.
  assert.equal(localTime(new Date('2026-07-01T05:30:00Z'), 'Europe/Berlin').clock, '07:30');
  assert.equal(localTime(new Date('2026-01-14T05:30:00Z'), 'Europe/Berlin').clock, '06:30');
  assert.equal(isOffHours(new Date('2026-07-01T05:30:00Z'), 'Europe/Berlin', hours), false);
  assert.equal(isOffHours(new Date('2026-01-14T05:30:00Z'), 'Europe/Berlin', hours), true);
});

test('weekends are off-hours all day; end of day is exclusive', () => {
  assert.equal(isOffHours(new Date('2026-11-28T12:00:00Z'), 'UTC', hours), true); // Saturday
  assert.equal(isOffHours(new Date('2026-11-24T19:00:00Z'), 'UTC', hours), true);
  assert.equal(isOffHours(new Date('2026-11-24T18:59:00Z'), 'UTC', hours), false);
});

test('zone lookup: account first, then device (full name or host part), then the default', () => {
  const map = timeZoneMap({ default: 'UTC', accounts: { JDoe: 'America/New_York' }, devices: { 'ws-7': 'Asia/Tokyo' } });
  assert.deepEqual(zoneFor(map, 'CONTOSO\\jdoe', 'ws-7.corp.example.com'), { zone: 'America/New_York', source: 'account' });
  assert.deepEqual(zoneFor(map, 'alice', 'ws-7.corp.example.com'), { zone: 'Asia/Tokyo', source: 'device' });
  assert.deepEqual(zoneFor(map, 'alice', 'ws-8.corp.example.com'), { zone: 'UTC', source: 'default' });
});

test('the off-hours indicator follows the zone: 22:27 UTC counts in UTC, not in Los Angeles', () => {
  const m = model();
  const fs = [finding({ timestamp: '2026-11-24T22:27:00Z' }), finding({ timestamp: '2026-11-24T22:33:00Z' })];
  const utc = offHoursIndicator(fs, { zone: 'UTC', source: 'default' }, m);
  assert.equal(utc?.weight, m.offHours.weight);
  assert.match(utc!.detail, /2 of 2 findings .* in UTC .* 22:27–22:33 local/);
  assert.equal(offHoursIndicator(fs, { zone: 'America/Los_Angeles', source: 'account' }, m), undefined);
  // New York: 17:27 and 17:33 local — working hours.
  assert.equal(offHoursIndicator(fs, { zone: 'America/New_York', source: 'account' }, m), undefined);
});
