/** Unit tests for lenient-json.ts: strict JSON plus the JSON-like forms the docs print. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LenientNumber, parseLenientJson } from './lenient-json.js';

test('strict JSON parses, numbers keep their text', () => {
  const v = parseLenientJson('{"a": [1, 2.50, "x"], "b": null, "c": true}') as Record<string, unknown>;
  const a = v['a'] as unknown[];
  assert.ok(a[1] instanceof LenientNumber);
  assert.equal((a[1] as LenientNumber).text, '2.50');
  assert.equal((a[1] as LenientNumber).value, 2.5);
  assert.equal(a[2], 'x');
  assert.equal(v['b'], null);
  assert.equal(v['c'], true);
});

test('single quotes, unquoted keys, trailing commas, NaN and Python words', () => {
  const v = parseLenientJson("{'name': 'x', key: [1, 2,], 'n': NaN, 'ok': True, 'none': None,}") as Record<string, unknown>;
  assert.equal(v['name'], 'x');
  assert.equal((v['key'] as unknown[]).length, 2);
  assert.ok(Number.isNaN((v['n'] as LenientNumber).value));
  assert.equal(v['ok'], true);
  assert.equal(v['none'], null);
});

test('escapes and failures', () => {
  assert.equal(parseLenientJson('"a\\nb\\u0041"'), 'a\nbA');
  assert.deepEqual(parseLenientJson('[yes, no, yes]'), ['yes', 'no', 'yes']);
  assert.equal(parseLenientJson('hello world'), undefined);
  assert.equal(parseLenientJson('[1, 2'), undefined);
  assert.equal(parseLenientJson('{"a":1} extra'), undefined);
  assert.equal(parseLenientJson('{ "Query Parameters":"{"k1":"v1"}" }'), undefined);
});
