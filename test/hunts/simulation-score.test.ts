/**
 * End to end on a small simulated estate with both scenarios and the benign look-alikes: the pack
 * finds every planted step (recall 100%) and every rule with findings keeps precision ≥ 0.9, as
 * printed by `harrier rules test --format json`; `harrier hunt` prints the findings JSON shape.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { simulate } from '../../src/simulate/simulate.js';

const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));

test('rules test on a simulated estate: recall 100%, precision >= 0.9 per rule', { timeout: 300_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'harrier-sim-'));
  try {
    const db = join(dir, 'sim.duckdb');
    await simulate({ out: db, devices: 40, seed: 7 });
    const r = spawnSync(process.execPath, ['--import', 'tsx', MAIN, 'rules', 'test', '--db', db, '--format', 'json'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { recall: number; rules: { name: string; findings: number; precision: number | null }[]; steps: { scenario: string; step: string; detectedBy: string[] }[] };
    const missed = out.steps.filter((s) => s.detectedBy.length === 0).map((s) => `${s.scenario}/${s.step}`);
    assert.deepEqual(missed, [], 'planted steps no rule found');
    assert.equal(out.recall, 1);
    assert.ok(out.steps.length >= 13, `expected both scenarios' steps, got ${out.steps.length}`);
    const imprecise = out.rules.filter((x) => x.precision !== null && x.precision < 0.9).map((x) => `${x.name}: ${x.precision}`);
    assert.deepEqual(imprecise, [], 'rules below precision 0.9');

    const h = spawnSync(process.execPath, ['--import', 'tsx', MAIN, 'hunt', '--db', db, '--now', 'latest', '--format', 'json'], { encoding: 'utf8' });
    assert.equal(h.status, 0, h.stderr);
    const hunt = JSON.parse(h.stdout) as { incidents: unknown[]; findings: Record<string, unknown>[] };
    assert.ok(hunt.incidents.length >= 2, 'findings are correlated into incidents (test/incidents checks them)');
    assert.ok(hunt.findings.length >= 13);
    for (const f of hunt.findings) {
      for (const k of ['id', 'rule', 'title', 'techniques', 'deviceName', 'account', 'timestamp', 'reportIds']) assert.ok(k in f, `finding lacks ${k}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
