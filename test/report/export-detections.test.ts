/**
 * `harrier rules export-detections`: every built-in hunt is written as KQL that binds with zero
 * diagnostics in Microsoft's parser and keeps Timestamp (datetime), ReportId and DeviceId, as a
 * Defender custom detection requires; a rule that drops ReportId is refused with the reason.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAndBind } from '../../src/kql/bridge/parse.js';
import { outputColumns } from '../../src/hunts/lint.js';
import { checkDetection } from '../../src/hunts/export-detections.js';
import { cli } from './helpers.js';

test('every built-in hunt exports as a lint-clean custom detection query', () => {
  const dir = mkdtempSync(join(tmpdir(), 'harrier-det-'));
  const r = cli(['rules', 'export-detections', '--out', dir]);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  const files = readdirSync(dir).filter((f) => f.endsWith('.kql'));
  assert.equal(files.length, 12);
  const index = JSON.parse(readFileSync(join(dir, 'detections.json'), 'utf8')) as { file: string; problems: string[]; techniques: string[] }[];
  assert.equal(index.length, 12);
  for (const f of files) {
    const text = readFileSync(join(dir, f), 'utf8');
    assert.match(text, /^\/\/ Defender custom detection: /);
    const parsed = parseAndBind(text);
    assert.deepEqual(parsed.diagnostics.map((d) => d.message), [], f);
    const cols = outputColumns(text);
    assert.equal(cols.get('Timestamp'), 'datetime', f);
    assert.ok(cols.has('ReportId') && cols.has('DeviceId'), `${f}: ${[...cols.keys()].join(', ')}`);
    assert.ok(index.some((x) => x.file === f && x.problems.length === 0 && x.techniques.length > 0));
  }
});

test('a query without ReportId is refused with the reason', () => {
  const check = checkDetection('DeviceProcessEvents | summarize count() by DeviceId, bin(Timestamp, 1h)');
  assert.ok(check.problems.some((p) => /lacks ReportId/.test(p)), check.problems.join('; '));
  const bad = checkDetection('DeviceProcessEvents | where NoSuchColumn == 1');
  assert.ok(bad.problems.some((p) => /^KQL error/.test(p)));
  const dir = mkdtempSync(join(tmpdir(), 'harrier-det-bad-'));
  const rule = join(dir, 'bad.yaml');
  writeFileSync(rule, `id: 0b7c3c58-8f7a-4c1b-9a55-2f1ad1e1c001\nname: Bad rule\nrelevantTechniques: [T1005]\nquery: |\n  DeviceProcessEvents | summarize n = count() by DeviceId, DeviceName, AccountName, Timestamp = bin(Timestamp, 1h)\n`);
  const r = cli(['rules', 'export-detections', '--rules', rule, '--out', join(dir, 'out')]);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /FAIL Bad rule[\s\S]*lacks ReportId/);
});
