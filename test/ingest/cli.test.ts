import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { csv, tempDir } from './helpers.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function harrier(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('harrier ingest: summary, warning with exit 0 on rejects, skip on re-ingest, exit 1 when a file fails', async (t) => {
  const dir = tempDir(t);
  const db = join(dir, 'store.duckdb');
  const data = join(dir, 'data');
  const { mkdirSync } = await import('node:fs');
  mkdirSync(join(data, 'nested'), { recursive: true });
  writeFileSync(join(data, 'DeviceNetworkEvents.csv'), csv(['Timestamp', 'DeviceName', 'RemotePort'], [
    '2026-11-18T08:00:00Z,wks-1,443', '2026-11-18T08:00:01Z,wks-1,https', '2026-11-18T08:00:02Z,wks-2,80',
  ]));
  writeFileSync(join(data, 'nested', 'DeviceInfo.json'), JSON.stringify({ Schema: [{ Name: 'Timestamp', Type: 'DateTime' }, { Name: 'DeviceName', Type: 'String' }], Results: [{ Timestamp: '2026-11-18T08:00:00Z', DeviceName: 'wks-1' }] }));
  writeFileSync(join(data, 'notes.txt'), 'not picked up by a folder walk');

  const first = harrier(['ingest', '--db', db, data]);
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stdout, /DeviceNetworkEvents\.csv \(csv\) → DeviceNetworkEvents: read 3, stored 2, rejected 1/);
  assert.match(first.stdout, /DeviceInfo\.json \(api-json\) → DeviceInfo: read 1, stored 1, rejected 0/);
  assert.match(first.stdout, /2 file\(s\): 2 stored, 0 skipped, 0 failed; rows read 4, stored 3, rejected 1/);
  assert.match(first.stderr, /warning: 1 row\(s\) rejected/);

  const again = harrier(['ingest', '--db', db, join(data, 'DeviceNetworkEvents.csv')]);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /skipped .*already ingested/);

  writeFileSync(join(dir, 'DeviceFileEvents.json'), '{"Schema": [{"Name": "Timestamp"}], "Results": [{"Timestamp": "2026-');
  const mixed = harrier(['ingest', '--db', db, '--force', join(dir, 'DeviceFileEvents.json'), join(data, 'DeviceNetworkEvents.csv')]);
  assert.equal(mixed.code, 1);
  assert.match(mixed.stdout, /FAILED .*DeviceFileEvents\.json/);
  assert.match(mixed.stderr, /DeviceFileEvents\.json: invalid JSON/);
  assert.match(mixed.stdout, /DeviceNetworkEvents\.csv \(csv\) → DeviceNetworkEvents: read 3, stored 2, rejected 1/);

  const tables = harrier(['tables', '--db', db, '--format', 'json']);
  const stats = JSON.parse(tables.stdout) as { table: string; rows: number }[];
  assert.equal(stats.find((s) => s.table === 'DeviceNetworkEvents')?.rows, 4);
  assert.equal(stats.find((s) => s.table === 'DeviceFileEvents')?.rows, 0);
});

test('harrier ingest: a missing path fails with exit 1', (t) => {
  const dir = tempDir(t);
  const r = harrier(['ingest', '--db', join(dir, 's.duckdb'), join(dir, 'nope.csv')]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /nope\.csv: no such file or directory/);
});
