/** Unit tests for normalize.ts: doc datetime/timespan/number/boolean/null readings. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isNullCell, parseDateTimeTicks, parseDocBool, parseDocNumber, parseTimespanTicks } from './normalize.js';

const S = 10_000_000n;

test('both doc datetime formats are the same UTC instant', () => {
  const a = parseDateTimeTicks('2021-01-01 00:00:00.0000000');
  assert.equal(a, parseDateTimeTicks('2021-01-01T00:00:00Z'));
  assert.equal(a, parseDateTimeTicks('2021-01-01T00:00:00.0000000Z'));
  assert.equal(a, parseDateTimeTicks('2021-01-01'));
  assert.equal(a, BigInt(Date.UTC(2021, 0, 1)) * 10_000n);
  assert.equal(parseDateTimeTicks('2017-02-28 23:59:59.9999999')! - parseDateTimeTicks('2017-03-01')!, -1n);
  assert.equal(parseDateTimeTicks('2024-05-28 13:25:19.0000'), parseDateTimeTicks('2024-05-28T13:25:19Z'));
  assert.equal(parseDateTimeTicks('0001-01-01 00:00:00'), -62_135_596_800_000n * 10_000n, 'years below 100 are not shifted');
  assert.equal(parseDateTimeTicks('not a date'), undefined);
  assert.equal(parseDateTimeTicks('2021-13-01'), undefined);
});

test('timespan forms are durations', () => {
  assert.equal(parseTimespanTicks('00:01:00'), 60n * S);
  assert.equal(parseTimespanTicks('1.02:03:04.5000000'), ((26n * 60n + 3n) * 60n + 4n) * S + 5_000_000n);
  assert.equal(parseTimespanTicks('-00:00:01'), -S);
  assert.equal(parseTimespanTicks('14:00:00:00'), 14n * 86_400n * S, 'doc typo d:hh:mm:ss means days');
  assert.equal(parseTimespanTicks('14.00:00:00'), 14n * 86_400n * S);
  assert.equal(parseTimespanTicks('00:00:00.0010000'), 10_000n);
  assert.equal(parseTimespanTicks('1.5h'), 90n * 60n * S);
  assert.equal(parseTimespanTicks('2d'), 2n * 86_400n * S);
  assert.equal(parseTimespanTicks('abc'), undefined);
  assert.equal(parseTimespanTicks('00:61:00'), undefined);
});

test('numbers as the docs print them', () => {
  assert.deepEqual(parseDocNumber('5'), { value: 5, decimals: 0, integerText: '5' });
  assert.deepEqual(parseDocNumber('1.0'), { value: 1, decimals: 0, integerText: '1' });
  assert.equal(parseDocNumber('0.54030230586813977')!.decimals, 17);
  assert.equal(parseDocNumber('2.20904969985854E-05')!.decimals, 19);
  assert.equal(parseDocNumber('1,048,576')!.value, 1048576);
  assert.equal(parseDocNumber('1,000,000,020,000,000,300,000,004')!.integerText, '1000000020000000300000004');
  assert.ok(Number.isNaN(parseDocNumber('NaN')!.value));
  assert.equal(parseDocNumber('∞')!.value, Infinity);
  assert.equal(parseDocNumber('-∞')!.value, -Infinity);
  assert.equal(parseDocNumber('-Infinity')!.value, -Infinity);
  assert.equal(parseDocNumber('-0.5')!.value, -0.5);
  assert.equal(parseDocNumber('.5')!.value, 0.5);
  assert.equal(parseDocNumber('abc'), undefined);
  assert.equal(parseDocNumber('1,2'), undefined, 'not a thousands separator');
  assert.equal(parseDocNumber(''), undefined);
});

test('booleans and null cells', () => {
  for (const t of ['true', 'True', 'TRUE', '1']) assert.equal(parseDocBool(t), true, t);
  for (const f of ['false', 'False', 'FALSE', '0']) assert.equal(parseDocBool(f), false, f);
  assert.equal(parseDocBool('yes'), undefined);
  assert.ok(isNullCell('') && isNullCell('null') && isNullCell('(null)') && isNullCell('  '));
  assert.ok(!isNullCell('0'));
});
