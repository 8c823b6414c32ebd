/**
 * End to end on a small simulated estate (both scenarios, benign look-alikes): `harrier hunt
 * --format json` with the simulator's HR watchlist puts the pip-exfil incident first, high or
 * critical, on John Doe's device and account, with staging/archive/USB/cloud techniques, its
 * sequence complete and linked by file names, and the PIP booster; the port-scan incident has
 * T1046; no other device gets a high or critical incident. `harrier timeline` prints Timesketch CSV.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { simulate } from '../../src/simulate/simulate.js';
import { openReadOnly, rows } from '../simulate/helpers.js';

const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
const cli = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', MAIN, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

interface Incident {
  id: string; title: string; severity: string; riskScore: number; devices: string[]; accounts: string[]; techniques: string[];
  firstSeen: string; lastSeen: string; indicators: { name: string; weight: number; detail: string }[]; findings: string[];
  sequence: { complete: boolean; stages: { stage: string }[]; links: { from: string; to: string; kind: string; values: string[] }[] };
}

test('hunt → incidents on a simulated estate meets the acceptance points', { timeout: 600_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'harrier-inc-'));
  try {
    const db = join(dir, 'sim.duckdb');
    await simulate({ out: db, devices: 40, seed: 7 });
    const watchlist = `${db}.hr-watchlist.csv`;
    assert.ok(existsSync(watchlist));
    const { c, close } = await openReadOnly(db);
    const truth = new Map((await rows(c, `SELECT Scenario, any_value(DeviceName) FROM _harrier_truth GROUP BY Scenario`)).map((r) => [String(r[0]), String(r[1])]));
    close();
    const johnDevice = truth.get('pip-exfil')!;
    const scanDevice = truth.get('port-scan')!;

    const h = cli(['hunt', '--db', db, '--now', 'latest', '--watchlist', watchlist, '--format', 'json']);
    assert.equal(h.status, 0, h.stderr);
    const out = JSON.parse(h.stdout) as { incidents: Incident[]; findings: { id: string }[] };
    const incidents = out.incidents;
    assert.ok(incidents.length >= 2);
    const scores = incidents.map((i) => i.riskScore);
    assert.deepEqual(scores, [...scores].sort((a, b) => b - a), 'incidents ordered by riskScore, highest first');
    for (const i of incidents) {
      for (const k of ['id', 'title', 'severity', 'riskScore', 'devices', 'accounts', 'techniques', 'firstSeen', 'lastSeen', 'indicators', 'findings']) assert.ok(k in i, `incident lacks ${k}`);
      assert.equal(i.riskScore, i.indicators.reduce((s, x) => s + x.weight, 0), `${i.id}: score is the sum of its indicators`);
      const ids = new Set(out.findings.map((f) => f.id));
      for (const f of i.findings) assert.ok(ids.has(f), `incident cites unknown finding ${f}`);
    }

    const pip = incidents[0]!;
    assert.ok(['high', 'critical'].includes(pip.severity), pip.severity);
    assert.deepEqual(pip.devices, [johnDevice]);
    assert.deepEqual(pip.accounts, ['jdoe']);
    for (const t of ['T1074.001', 'T1560.001', 'T1052.001', 'T1567.002']) assert.ok(pip.techniques.includes(t), `pip-exfil incident lacks ${t}`);
    assert.equal(pip.sequence.complete, true);
    assert.deepEqual(pip.sequence.stages.map((s) => s.stage), ['collection', 'staging', 'archive', 'exfiltration', 'cleanup']);
    const archiveToExfil = pip.sequence.links.find((l) => l.from === 'archive' && l.to === 'exfiltration' && l.kind === 'file');
    assert.ok(archiveToExfil?.values.includes('hermes_docs.zip'), 'archive linked to the USB copy by file name');
    const accessToStaging = pip.sequence.links.find((l) => l.from === 'collection' && l.to === 'staging' && l.kind === 'file');
    assert.ok((accessToStaging?.values.filter((v) => /^Hermes_/.test(v)).length ?? 0) >= 10, 'staged files linked to the documents read');
    const names = pip.indicators.map((x) => x.name);
    assert.ok(names.includes('watchlist: performance improvement plan (risky-user)'), names.join(', '));
    assert.ok(names.includes('sequence: complete'));
    assert.ok(names.includes('off-hours'));

    const scan = incidents.find((i) => i.devices.includes(scanDevice));
    assert.ok(scan, 'a port-scan incident');
    assert.ok(scan.techniques.includes('T1046'));

    const lookalikes = incidents.filter((i) => ['high', 'critical'].includes(i.severity) && !i.devices.every((d) => d === johnDevice || d === scanDevice));
    assert.deepEqual(lookalikes.map((i) => `${i.devices.join(',')}: ${i.title} ${i.riskScore}`), [], 'no high/critical incident on benign hosts');

    // Without the watchlist the PIP booster is gone and the score drops by its weight.
    const bare = cli(['hunt', '--db', db, '--now', 'latest', '--format', 'json']);
    assert.equal(bare.status, 0, bare.stderr);
    const bareTop = (JSON.parse(bare.stdout) as { incidents: Incident[] }).incidents.find((i) => i.id === pip.id)!;
    assert.ok(!bareTop.indicators.some((x) => x.name.startsWith('watchlist')));
    assert.equal(pip.riskScore - bareTop.riskScore, pip.indicators.find((x) => x.name.startsWith('watchlist'))!.weight);

    // Timeline: Timesketch CSV for John's device around the exfiltration, with findings flagged.
    const from = new Date(Date.parse(pip.firstSeen) - 60_000).toISOString();
    const to = new Date(Date.parse(pip.lastSeen) + 60_000).toISOString();
    const tl = cli(['timeline', '--db', db, '--device', johnDevice.split('.')[0]!, '--from', from, '--to', to, '--format', 'csv']);
    assert.equal(tl.status, 0, tl.stderr);
    assert.match(tl.stdout, /^datetime,timestamp_desc,message,/);
    const records = parse(tl.stdout, { columns: true }) as Record<string, string>[];
    const times = records.map((r) => r['datetime']!);
    assert.deepEqual(times, [...times].sort(), 'time order');
    assert.ok(times.every((t) => t >= from && t < to), 'within --from/--to');
    assert.ok(records.some((r) => r['file_name'] === 'hermes_docs.zip' && r['folder_path']!.startsWith('E:') && r['techniques']!.includes('T1052.001')), 'the USB copy is flagged with its technique');
    assert.ok(new Set(records.map((r) => r['table'])).size >= 4, 'several Device* tables merged');
    assert.ok(records.every((r) => r['message'] !== '' && r['timestamp_desc'] !== ''));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
