/** The ClickHouse SQL guard refuses what read-only mode lets through (file(), INTO OUTFILE …). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { guardSql, tokenize } from '../../src/engine/clickhouse/sql-guard.js';
import { quoteIdentFor, quoteStringFor } from '../../src/sql/quote.js';

const TABLE_FUNCTIONS = new Set(['file', 'url', 's3', 'remote', 'numbers', 'executable', 'mysql']);

test('generated-looking SQL passes; quoted text that looks like an attack stays data', () => {
  guardSql(`SELECT "a" FROM (SELECT toInt64(number) AS i FROM numbers(3)) AS t1 WHERE x = 'file(''/etc/passwd'')' AND y = "INTO OUTFILE"`, TABLE_FUNCTIONS);
  const evil = ["x'); SELECT * FROM file('/etc/passwd') --", "a\\' OR 1=1 --", '\\', "'", '"; DROP', "\\'); INTO OUTFILE 'x'"];
  for (const s of evil) {
    guardSql(`SELECT ${quoteStringFor('clickhouse', s)} AS ${quoteIdentFor('clickhouse', s)}`, TABLE_FUNCTIONS);
    const toks = tokenize(`SELECT ${quoteStringFor('clickhouse', s)}`);
    assert.equal(toks.length, 2, `one string token for ${JSON.stringify(s)}`);
  }
});

test('refuses table functions, file(), INTO OUTFILE, FORMAT, SETTINGS, separators and comments', () => {
  const bad: [string, RegExp][] = [
    [`SELECT * FROM file('/etc/passwd', 'LineAsString')`, /table function file/],
    [`SELECT file('/etc/passwd')`, /table function file/],
    [`SELECT * FROM URL('http://x', 'CSV')`, /table function URL/],
    [`SELECT * FROM s3 ('b', 'CSV')`, /table function s3/],
    [`SELECT 1 INTO OUTFILE '/tmp/x'`, /INTO/],
    [`SELECT 1 FORMAT CSV`, /FORMAT/],
    [`SELECT 1 SETTINGS readonly = 0`, /SETTINGS/],
    [`SELECT 1; SELECT 2`, /separator/],
    [`SELECT 1 -- x`, /comment/],
    [`SELECT 1 /* x */`, /comment/],
  ];
  for (const [sql, re] of bad) assert.throws(() => guardSql(sql, TABLE_FUNCTIONS), re, sql);
});

test('ClickHouse and DuckDB quoting: backslashes escaped only for ClickHouse', () => {
  assert.equal(quoteStringFor('clickhouse', "a\\'b"), "'a\\\\\\'b'");
  assert.equal(quoteStringFor('duckdb', "a\\'b"), "'a\\''b'");
  assert.equal(quoteIdentFor('clickhouse', 'a"b\\'), '"a\\"b\\\\"');
  assert.throws(() => quoteStringFor('duckdb', 'a\u0000b'), /NUL/);
  assert.equal(quoteStringFor('clickhouse', 'a\u0000b'), "'a\\0b'");
});
