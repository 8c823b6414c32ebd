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
import { canonicalRow } from '../conformance/cross-check.js';
import { GOLDEN } from './clickhouse-golden-queries.js';

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
    const names = [...CLICKHOUSE_SHARED_FUNCTIONS, ...Object.keys(CLICKHOUSE_OVERRIDES)];
    const unused = names.filter((n) => !new RegExp(`(?<![\\w:])${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\(`).test(irs));
    assert.deepEqual(unused, []);
  });
});

describe('ClickHouse engine: refusals and quoting', () => {
  test('a function not proven on ClickHouse is refused as not supported, naming the engine', async () => {
    await assert.rejects(ch.query('DeviceProcessEvents | extend p = gzip_compress_to_base64_string(FolderPath) | take 1'), (err: unknown) => {
      assert.ok(err instanceof QueryError);
      assert.equal(err.diagnostics[0]?.code, 'NOT-SUPPORTED');
      assert.match(err.diagnostics[0]!.message, /gzip_compress_to_base64_string\(\) on the ClickHouse engine/);
      return true;
    });
  });

  test('operators and row functions not yet proven on ClickHouse (mv-apply, scan, row_window_session) are refused by name', async () => {
    const cases: [string, RegExp][] = [
      ['DeviceEvents | mv-apply x = parse_json(AdditionalFields) on (take 1)', /mv-apply on the ClickHouse engine/],
      ['DeviceEvents | sort by Timestamp asc | extend s = row_window_session(Timestamp, 1h, 5m)', /row_window_session\(\) on the ClickHouse engine/],
      ['DeviceEvents | sort by Timestamp asc | scan with (step s1: ActionType == "UsbDriveMounted";)', /scan on the ClickHouse engine/],
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
