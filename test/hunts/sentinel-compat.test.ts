/**
 * Sentinel-format hunting YAML (fixtures built from Azure/Azure-Sentinel queries in the shared
 * hunting-query corpus, keeping their name, tactics and techniques) loads as-is, lints with zero
 * binder diagnostics, and runs with `harrier hunt --rules DIR`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadRules } from '../../src/hunts/load-rules.js';
import { lintRules } from '../../src/hunts/lint.js';
import { readFixtureFile, tempStorePath, writeFixtureStore } from '../../src/hunts/fixtures.js';
import { guidFromText, sentinelTactic, tacticShortname, usesSentinelDialect } from '../../src/hunts/sentinel-compat.js';

const DIR = fileURLToPath(new URL('./fixtures/sentinel', import.meta.url));
const EVENTS = fileURLToPath(new URL('./fixtures/sentinel-events.jsonl', import.meta.url));
const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
const CORPUS = fileURLToPath(new URL('../../../shared/hunting-queries/queries.jsonl', import.meta.url));

test('Sentinel files load without problems and lint with zero binder diagnostics', () => {
  const { rules, problems } = loadRules([DIR]);
  assert.deepEqual(problems, []);
  assert.equal(rules.length, 3);
  const issues = lintRules(rules).filter((i) => i.severity === 'error' || i.code.startsWith('KQL'));
  assert.deepEqual(issues, []);
});

test('the fixtures keep the corpus records\' name, tactics, techniques and query', { skip: !existsSync(CORPUS) && 'shared corpus not present' }, () => {
  const records = readFileSync(CORPUS, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { id: string; name: string; tactics: string[]; techniques: string[]; query: string });
  const { rules } = loadRules([DIR]);
  for (const r of rules) {
    const source = /^# Built from (.+) \(/m.exec(readFileSync(r.file, 'utf8'))?.[1];
    const rec = records.find((x) => x.id === source);
    assert.ok(rec, `${r.file}: source record ${source} not in corpus`);
    assert.equal(r.rule.id, guidFromText(rec.id));
    assert.equal(r.rule.name, rec.name);
    assert.deepEqual(r.rule.tactics, rec.tactics);
    assert.deepEqual(r.rule.relevantTechniques, rec.techniques);
    assert.equal(r.rule.query.trimEnd(), rec.query.trimEnd());
  }
});

test('tactic spellings and dialect detection', () => {
  assert.equal(tacticShortname('CommandAndControl'), 'command-and-control');
  assert.equal(sentinelTactic('command-and-control'), 'CommandAndControl');
  assert.equal(sentinelTactic('Defense Evasion'), 'DefenseEvasion');
  assert.equal(usesSentinelDialect('SigninLogs | where TimeGenerated > ago(1d)'), true);
  assert.equal(usesSentinelDialect('DeviceEvents | where Timestamp > ago(1d)'), false);
  assert.match(guidFromText('x'), /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});

test('harrier hunt --rules runs Sentinel files and prints findings as JSON', async () => {
  const { events, problems } = readFixtureFile(EVENTS);
  assert.deepEqual(problems, []);
  const store = tempStorePath();
  try {
    await writeFixtureStore(store.path, events);
    const r = spawnSync(process.execPath, ['--import', 'tsx', MAIN, 'hunt', '--db', store.path, '--rules', DIR, '--now', '2026-11-24T12:00:00Z', '--format', 'json'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { incidents: { findings: string[] }[]; findings: { id: string; rule: string; title: string; reportIds: number[]; deviceName: string; timestamp: string | null; techniques: string[] }[] };
    // Every finding belongs to exactly one incident.
    assert.deepEqual(out.incidents.flatMap((i) => i.findings).sort(), out.findings.map((f) => f.id).sort());
    const byTitle = new Map(out.findings.map((f) => [f.title, f]));
    assert.deepEqual(byTitle.get('Volume Shadow Copies Deleted')?.reportIds, [501]);
    assert.deepEqual(byTitle.get('Volume Shadow Copies Deleted')?.techniques, ['T1490']);
    const msiexec = out.findings.find((f) => /msiexec/i.test(f.title));
    assert.deepEqual(msiexec?.reportIds, [503]);
    const usb = [...byTitle.values()].find((f) => /usb/i.test(f.title));
    assert.ok(usb, `no USB finding in ${r.stdout}`);
    assert.equal(usb.deviceName, 'ws-1012.corp.contoso.com');
    assert.equal(usb.timestamp, '2026-11-24T10:03:00Z');
    assert.equal(out.findings.length, 3);
    for (const f of out.findings) assert.deepEqual(Object.keys(f).filter((k) => ['id', 'rule', 'title', 'techniques', 'deviceName', 'account', 'timestamp', 'reportIds'].includes(k)).length, 8);
  } finally {
    store.dispose();
  }
});
