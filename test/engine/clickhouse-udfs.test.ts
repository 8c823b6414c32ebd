/**
 * Harrier's UDFs as ClickHouse executable UDFs: the declarations chDB (and `harrier
 * clickhouse-udfs`) use, the runner's line protocol, and the message a server without them gives.
 * That the functions compute the same on both engines is the golden test's job.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { harrierUdfs } from '../../src/engine/udfs.js';
import { runnerCommand, udfDeclarations } from '../../src/engine/clickhouse/udf-config.js';
import { executionDiagnostic } from '../../src/engine/clickhouse/engine.js';

function runUdf(name: string, lines: readonly string[]) {
  const [bin, ...args] = runnerCommand();
  return spawnSync(bin!, [...args, name], { input: lines.map((l) => `${l}\n`).join(''), encoding: 'utf8' });
}

describe('ClickHouse executable UDFs', () => {
  test('every Harrier UDF is declared once, with Nullable types matching its parameters, run through the shell-quoted command', async () => {
    const xml = await udfDeclarations(['/opt/node bin/node', "/srv/it's/udf-runner.js"]);
    const udfs = await harrierUdfs();
    for (const u of udfs) {
      const block = new RegExp(`<name>${u.name}</name>[\\s\\S]*?</function>`).exec(xml)?.[0];
      assert.ok(block, u.name);
      assert.equal((block.match(/<argument>/g) ?? []).length, u.params.length, u.name);
      assert.match(block, /<return_type>Nullable\((String|Float64|Int64)\)<\/return_type>/);
      // Paths are single-quoted for /bin/sh (a quote inside closes, escapes and reopens).
      assert.ok(block.includes(`<command>exec '/opt/node bin/node' '/srv/it'\\''s/udf-runner.js' '${u.name}'</command>`), block);
    }
    assert.equal((xml.match(/<function>/g) ?? []).length, udfs.length);
  });

  test('the runner answers one JSON line per row, in order: null in gives null out, 64-bit integers travel as text', () => {
    const r = runUdf('harrier_xxhash64_int64', ['{"a0":"42"}', '{"a0":null}', '{"a0":"-1"}']);
    assert.equal(r.status, 0, r.stderr);
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { r: unknown });
    assert.equal(out.length, 3);
    assert.equal(out[1]!.r, null);
    assert.match(String(out[0]!.r), /^-?\d+$/);
    const g = runUdf('harrier_geo', ['{"a0":"point_to_geohash","a1":"[-122.3,47.6,7]"}', '{"a0":"point_to_geohash","a1":"[500,0,7]"}']);
    assert.deepEqual(g.stdout.trim().split('\n').map((l) => JSON.parse(l)), [{ r: '"c23nbcr"' }, { r: '""' }]);
    const nan = runUdf('harrier_beta_cdf', ['{"a0":"nan","a1":1,"a2":1}', '{"a0":0.5,"a1":2,"a2":2}']);
    const [first, second] = nan.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { r: unknown }).r);
    // Non-finite doubles travel as ClickHouse spells them; I_0.5(2, 2) = 0.5.
    assert.equal(first, 'nan');
    assert.ok(Math.abs(Number(second) - 0.5) < 1e-12, String(second));
  });

  test('a refusal inside a UDF ends the runner with the message on stderr (ClickHouse reports it as the query error)', () => {
    const poly = { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] };
    const r = runUdf('harrier_geo_shapes', [JSON.stringify({ a0: 'union_polygons_array', a1: JSON.stringify([[poly, poly]]) })]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /^not supported: geo_union_polygons_array\(\)/);
  });

  test('a server without the UDFs gives a NOT-SUPPORTED diagnostic that says how to install them', () => {
    for (const msg of ['Code: 46. DB::Exception: Unknown function harrier_geo: While processing …', 'Code: 46. DB::Exception: Function with name `harrier_series` does not exist. In scope …']) {
      const d = executionDiagnostic(msg, 1000);
      assert.equal(d.code, 'NOT-SUPPORTED');
      assert.match(d.message, /lacks Harrier's UDF harrier_(geo|series); install them with `harrier clickhouse-udfs`/);
    }
  });
});
