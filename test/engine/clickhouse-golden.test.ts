/**
 * Golden tests of the ClickHouse dialect: the same KQL runs on the DuckDB engine and on chDB over
 * the same simulated estate (copied from the DuckDB store), and the results must be equal. Row
 * order is compared only where the query orders totally; elsewhere rows compare as multisets, and
 * arrays as sets of elements (Kusto leaves make_set/make_list order unspecified) unless the query is
 * marked 'ordered arrays'. Every
 * function the ClickHouse dialect accepts must be used by one of these queries.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simulate } from '../../src/simulate/simulate.js';
import { openStore } from '../../src/store/index.js';
import { openEngine, QueryError, type KqlEngine, type QueryResult } from '../../src/engine/index.js';
import { openChdb } from '../../src/engine/clickhouse/connection.js';
import { openClickHouseEngine } from '../../src/engine/clickhouse/engine.js';
import { copyDuckdbToClickHouse } from '../../src/store/clickhouse/copy-from-duckdb.js';
import { CLICKHOUSE_SHARED_FUNCTIONS } from '../../src/sql/dialects/clickhouse/shared.js';
import { CLICKHOUSE_OVERRIDES } from '../../src/sql/dialects/clickhouse/overrides.js';
import { clickhouseDialect } from '../../src/sql/dialects/clickhouse/index.js';
import { duckdbDialect } from '../../src/sql/dialects/duckdb/index.js';
import { dialectFunction } from '../../src/sql/dialect.js';
import { lookupFunction } from '../../src/kql/functions/catalog.js';
import { canonicalRow } from '../conformance/cross-check.js';
import { GOLDEN as GOLDEN_CORE } from './clickhouse-golden-queries.js';
import { GOLDEN_UDF } from './clickhouse-golden-udf-queries.js';

const GOLDEN = [...GOLDEN_CORE, ...GOLDEN_UDF];

const NOW = new Date('2026-11-25T12:00:00Z');


function comparable(r: QueryResult, ordered: boolean, orderedArrays: boolean): { columns: unknown; rows: string[] } {
  const rows = r.rows.map((row) => canonicalRow(row, orderedArrays));
  return { columns: r.columns, rows: ordered ? rows : [...rows].sort() };
}

let dir: string;
let duck: KqlEngine;
let ch: KqlEngine;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'harrier-golden-'));
  const db = join(dir, 'estate.duckdb');
  await simulate({ out: db, devices: 8, hours: 24, seed: 3, end: '2026-11-25T12:00:00Z' });
  const store = await openStore(db);
  const w = await openChdb(join(dir, 'chdb'), { writable: true });
  await copyDuckdbToClickHouse(store.connection, w);
  w.close();
  store.close();
  duck = await openEngine({ db });
  ch = await openClickHouseEngine(await openChdb(join(dir, 'chdb'), { writable: false }));
});

after(() => {
  duck?.close();
  ch?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('ClickHouse dialect: same results as DuckDB', () => {
  for (const [kql, ordered, arrays] of GOLDEN) {
    test(kql, async () => {
      const want = await duck.query(kql, { now: NOW, maxRows: 0 });
      const got = await ch.query(kql, { now: NOW, maxRows: 0 });
      const orderedArrays = arrays === 'ordered arrays';
      assert.deepEqual(comparable(got, ordered, orderedArrays), comparable(want, ordered, orderedArrays));
    });
  }

  test('the golden queries return rows (they test something)', async () => {
    let nonEmpty = 0;
    for (const [kql] of GOLDEN) if ((await duck.query(kql, { now: NOW, maxRows: 1 })).rows.length > 0) nonEmpty++;
    assert.ok(nonEmpty >= GOLDEN.length - 2, `${nonEmpty} of ${GOLDEN.length} golden queries return rows`);
  });

  test('every function the dialect accepts is used by a golden query', () => {
    const irs = GOLDEN.map(([kql]) => ch.explain(kql, { now: NOW }).ir).join('\n');
    // Names starting with __ are the compiler's own (never in a query's IR); the queries that make
    // the compiler use them (partitioned mv-apply) are golden queries too.
    const names = [...CLICKHOUSE_SHARED_FUNCTIONS, ...Object.keys(CLICKHOUSE_OVERRIDES)].filter((n) => !n.startsWith('__'));
    const unused = names.filter((n) => !new RegExp(`(?<![\\w:])${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\(`).test(irs));
    assert.deepEqual(unused, []);
  });
});

describe('ClickHouse engine: refusals and quoting', () => {
  test('the catalog gate: an entry with neither a proven shared definition nor a ClickHouse one does not compile there', () => {
    // stdevpif has DuckDB SQL in the shared catalog and no ClickHouse definition.
    assert.ok(dialectFunction(duckdbDialect, 'stdevpif', lookupFunction));
    assert.equal(dialectFunction(clickhouseDialect, 'stdevpif', lookupFunction), undefined);
  });

  test('a form a ClickHouse definition does not cover is refused as not supported, naming the engine', async () => {
    await assert.rejects(ch.query("DeviceNetworkEvents | extend p = datetime_add('nanosecond', 1, Timestamp) | take 1"), (err: unknown) => {
      assert.ok(err instanceof QueryError);
      assert.equal(err.diagnostics[0]?.code, 'NOT-SUPPORTED');
      assert.match(err.diagnostics[0]!.message, /datetime_add of nanoseconds on the ClickHouse engine/);
      return true;
    });
  });

  test('a UDF refusing a row (run by ClickHouse as an executable UDF) is NOT-SUPPORTED with its reason, and the next query is unaffected', async () => {
    const refused = 'print cells = geo_h3cell_neighbors("862a1072fffffff") | mv-expand cells to typeof(string) | summarize arr = make_list(geo_h3cell_to_polygon(cells)) | project u = geo_union_polygons_array(arr)';
    for (const engine of [duck, ch]) {
      await assert.rejects(engine.query(refused, { now: NOW }), (err: unknown) => {
        assert.ok(err instanceof QueryError);
        assert.equal(err.diagnostics[0]?.code, 'NOT-SUPPORTED');
        assert.match(err.diagnostics[0]!.message, /^not supported: geo_union_polygons_array\(\) of valid polygons/);
        return true;
      });
    }
    // chDB keeps a failed query's partial output; the connection drains it (connection.ts).
    const next = await ch.query('print n = geo_h3cell_level("862a1072fffffff")', { now: NOW });
    assert.deepEqual(next.rows, [[6]]);
  });

  test('mv-apply forms the partitioned plan cannot answer, and a per-row time zone, are refused by name', async () => {
    const cases: [string, RegExp][] = [
      ['DeviceEvents | mv-apply x = parse_json(AdditionalFields) on (summarize n = count() | summarize m = sum(n))', /mv-apply with a second summarize without by keys in its subquery on the ClickHouse engine/],
      ['DeviceEvents | extend a = pack_array(1, 2) | mv-apply v = a to typeof(long) on (summarize arg_max(v, *))', /mv-apply with arg_max\(\) in a summarize without by keys in its subquery on the ClickHouse engine/],
      ['DeviceEvents | extend a = pack_array(1, 2) | mv-apply v = a to typeof(long) on (join kind=inner (DeviceEvents | project ReportId) on $left.v == $right.ReportId)', /mv-apply with join in its subquery on the ClickHouse engine/],
      ['DeviceEvents | extend u = datetime_local_to_utc(Timestamp, DeviceName)', /datetime_local_to_utc\(\) with a time zone that is not a constant on the ClickHouse engine/],
    ];
    for (const [kql, re] of cases) {
      await assert.rejects(ch.query(kql, { now: NOW }), (err: unknown) => {
        assert.ok(err instanceof QueryError);
        assert.equal(err.diagnostics[0]?.code, 'NOT-SUPPORTED', kql);
        assert.match(err.diagnostics[0]!.message, re);
        return true;
      });
    }
  });

  test('strings with quotes, backslashes, NUL and newlines stay data on ClickHouse', async () => {
    const nasty = ["a'b", 'a\\\'b', "x\\' OR 1=1 --", 'back\\slash\\', 'line\nbreak', 'tab\tnul\u0000end', 'é漢字🙂', "'); SELECT 1; --"];
    for (const s of nasty) {
      const lit = JSON.stringify(s); // a KQL double-quoted string uses the same escapes as JSON here
      const r = await ch.query(`print s = ${lit}, n = strlen(${lit})`, { now: NOW });
      assert.deepEqual(r.rows, [[s, [...s].length]], `round trip of ${JSON.stringify(s)}`);
      const w = await ch.query(`DeviceProcessEvents | where ProcessCommandLine == ${lit} or FileName has ${lit} | count`, { now: NOW });
      assert.deepEqual(w.rows, [[0]]);
    }
  });
});
