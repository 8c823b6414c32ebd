/** Unit tests for compare-values.ts: one doc cell against one encoded engine value. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareCell, compareDynamic } from './compare-values.js';

const eq = (expected: string, actual: Parameters<typeof compareCell>[1], type: string): void =>
  assert.equal(compareCell(expected, actual, type), undefined, `${expected} vs ${JSON.stringify(actual)} (${type})`);
const ne = (expected: string, actual: Parameters<typeof compareCell>[1], type: string): void =>
  assert.notEqual(compareCell(expected, actual, type), undefined, `${expected} vs ${JSON.stringify(actual)} (${type}) should differ`);

test('datetimes in both doc formats equal the engine ISO encoding', () => {
  eq('2021-01-01 00:00:00.0000000', '2021-01-01T00:00:00Z', 'datetime');
  eq('2021-01-01T00:00:00Z', '2021-01-01T00:00:00Z', 'datetime');
  eq('2021-01-01T00:00:00.0000000Z', '2021-01-01T00:00:00Z', 'datetime');
  eq('2017-02-28 23:59:59.9999999', '2017-02-28T23:59:59.9999999Z', 'datetime');
  ne('2017-02-28 23:59:59.9999999', '2017-02-28T23:59:59.999Z', 'datetime');
  ne('2021-01-02 00:00:00.0000000', '2021-01-01T00:00:00Z', 'datetime');
});

test('timespans compare as durations', () => {
  eq('00:01:00', '00:01:00', 'timespan');
  eq('1.02:03:04.5000000', '1.02:03:04.5000000', 'timespan');
  eq('1.02:03:04.5', '1.02:03:04.5000000', 'timespan');
  eq('14:00:00:00', '14.00:00:00', 'timespan');
  eq('-00:00:01', '-00:00:01', 'timespan');
  ne('00:01:00', '00:01:01', 'timespan');
});

test('numbers: integers exact, reals with tolerance and the doc precision', () => {
  eq('5', 5, 'long');
  eq('1.0', 1, 'real');
  eq('0.54030230586813977', 0.5403023058681398, 'real');
  eq('2.3219280948873622', 2.321928094887362, 'real');
  eq('0.2264', 0.226415022388749, 'real');
  eq('3.14', 3.14159, 'real');
  eq('32.8', 32.8000001, 'real');
  eq('2.20904969985854E-05', 2.209049699858544e-5, 'real');
  eq('1,048,576', 1048576, 'long');
  eq('NaN', NaN, 'real');
  eq('∞', Infinity, 'real');
  eq('-∞', -Infinity, 'real');
  eq('1,000,000,020,000,000,300,000,004', '1000000020000000300000004', 'decimal');
  eq('9223372036854775807', '9223372036854775807', 'long');
  ne('9223372036854775807', '9223372036854775806', 'long');
  ne('5', 6, 'long');
  ne('3.14', 3.16, 'real');
  ne('0.5', 0.6, 'real');
  ne('NaN', 0, 'real');
  ne('∞', -Infinity, 'real');
});

test('booleans in every doc spelling', () => {
  for (const t of ['true', 'True', 'TRUE', '1']) eq(t, true, 'bool');
  for (const f of ['false', 'False', 'FALSE', '0']) eq(f, false, 'bool');
  ne('true', false, 'bool');
  eq('true', 1, 'long');
});

test('empty cells are null or empty string; null words too', () => {
  eq('', null, 'long');
  eq('', '', 'string');
  eq('', null, 'dynamic');
  eq('null', null, 'real');
  eq('(null)', null, 'datetime');
  eq('null', 'null', 'string');
  ne('', 0, 'long');
  ne('', 'x', 'string');
  ne('5', null, 'long');
});

test('strings: exact after trimming; NBSP as space; multi-line cells whitespace-insensitive', () => {
  eq('hello world', 'hello world', 'string');
  eq('hello', '  hello ', 'string');
  eq('a b', 'a\u00a0b', 'string');
  eq('{\n"a": 1,\n"b": [1, 2]\n}', '{"a":1,"b":[1,2]}', 'string');
  eq('line one\nline two', 'line one\n  line two', 'string');
  ne('Hello', 'hello', 'string');
  eq('ABC-DEF', 'abc-def', 'guid');
});

test('dynamic compares structurally, numbers numerically, key order free', () => {
  eq('[1, 2, 3]', [1, 2, 3], 'dynamic');
  eq('[ 4.0, 3.0, 5.0 ]', [4, 3, 5], 'dynamic');
  eq('{"b": 2, "a": [1, {"c": "x"}]}', { a: [1, { c: 'x' }], b: 2 }, 'dynamic');
  eq('[\n  "Alice",\n  "Bob"\n]', ['Alice', 'Bob'], 'dynamic');
  eq("{'name': 'x', 'v': 1}", { name: 'x', v: 1 }, 'dynamic');
  eq('[111.0,32.667]', [111, 32.6666667], 'dynamic');
  eq('abc', 'abc', 'dynamic');
  eq('"abc"', 'abc', 'dynamic');
  eq('5', 5, 'dynamic');
  ne('[1, 2]', [2, 1], 'dynamic');
  ne('{"a": 1}', { a: 1, b: 2 }, 'dynamic');
  ne('[1, 2]', ['1', '2'], 'dynamic');
  assert.match(compareDynamic('{"a": [1, 2]}', { a: [1, 3] }) ?? '', /\.a\[1\]/);
});

test('set-function arrays may come in any order when the policy says so', () => {
  assert.equal(compareCell('[1,2,4,8]', [8, 4, 2, 1], 'dynamic', { unorderedArrays: true }), undefined);
  assert.notEqual(compareCell('[1,2,4,8]', [8, 4, 2, 1], 'dynamic'), undefined);
  assert.notEqual(compareCell('[1,2,4,8]', [8, 4, 2, 2], 'dynamic', { unorderedArrays: true }), undefined);
});
