/** Sequence ordering: stages by technique, ordered chain, complete vs partial, links by file name. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectSequence, inOrder, stageOf } from '../../src/correlate/sequence.js';
import { linkSteps } from '../../src/correlate/links.js';
import { sequenceIndicator } from '../../src/correlate/score.js';
import { finding, model, row } from './helpers.js';

const m = model();
const at = (hhmm: string) => `2026-01-01T${hhmm}:00Z`;
const chain = (times: [string, string, string, string, string]) => [
  finding({ id: 'access', timestamp: at(times[0]), techniques: ['T1005'] }),
  finding({ id: 'stage', timestamp: at(times[1]), techniques: ['T1074.001'] }),
  finding({ id: 'archive', timestamp: at(times[2]), techniques: ['T1560.001'] }),
  finding({ id: 'usb', timestamp: at(times[3]), techniques: ['T1052.001'] }),
  finding({ id: 'clean', timestamp: at(times[4]), techniques: ['T1070.004'] }),
];

test('techniques map to stages, sub-techniques included; others to none', () => {
  assert.equal(stageOf({ techniques: ['T1560.001'] }, m.sequence.stages), 'archive');
  assert.equal(stageOf({ techniques: ['T1567.002'] }, m.sequence.stages), 'exfiltration');
  assert.equal(stageOf({ techniques: ['T1059.003'] }, m.sequence.stages), undefined);
  assert.equal(stageOf({ techniques: ['T10741'] }, m.sequence.stages), undefined);
});

test('stages in time order form a complete sequence', () => {
  const s = detectSequence(chain(['22:27', '22:29', '22:31', '22:32', '22:35']), m);
  assert.equal(s.complete, true);
  assert.deepEqual(s.chain.map((x) => x.stage), ['collection', 'staging', 'archive', 'exfiltration', 'cleanup']);
  assert.equal(sequenceIndicator(s, [], m)?.name, 'sequence: complete');
  assert.equal(sequenceIndicator(s, [], m)?.weight, m.sequence.complete.weight);
});

test('a stage wholly before the previous one breaks the order', () => {
  // Clean-up at 21:00, before everything else: not part of the ordered chain.
  const s = detectSequence(chain(['22:27', '22:29', '22:31', '22:32', '21:00']), m);
  assert.equal(s.complete, false);
  assert.deepEqual(s.chain.map((x) => x.stage), ['collection', 'staging', 'archive', 'exfiltration']);
  assert.deepEqual(s.missing, ['cleanup']);
  assert.equal(sequenceIndicator(s, [], m)?.name, 'sequence: partial');
  // Exfiltration first, everything else later: the longest ordered chain has no exfiltration.
  const r = detectSequence(chain(['22:27', '22:29', '22:31', '20:00', '22:35']), m);
  assert.deepEqual(r.chain.map((x) => x.stage), ['collection', 'staging', 'archive', 'cleanup']);
  assert.equal(sequenceIndicator(r, [], m), undefined);
});

test('overlapping stages count as ordered; evidence times, not finding times, place a stage', () => {
  assert.equal(inOrder({ start: 10, end: 20 }, { start: 5, end: 25 }), true);
  assert.equal(inOrder({ start: 10, end: 20 }, { start: 5, end: 15 }), false);
  // The USB finding's timestamp (mount) precedes staging, but its writes come after the archive.
  const fs = chain(['22:27', '22:29', '22:31', '22:20', '22:35']);
  const evidence = new Map([['usb', [row('DeviceEvents', { Timestamp: at('22:20'), ActionType: 'UsbDriveMounted' }), row('DeviceFileEvents', { Timestamp: at('22:32'), ActionType: 'FileCreated', FileName: 'x.zip', FolderPath: 'E:\\x.zip' })]]]);
  assert.equal(detectSequence(fs, m).complete, false);
  assert.equal(detectSequence(fs, m, evidence).complete, true);
});

test('steps are linked by shared file names and folders from their evidence', () => {
  const fs = chain(['22:27', '22:29', '22:31', '22:32', '22:35']);
  const evidence = new Map([
    ['access', [row('DeviceProcessEvents', { Timestamp: at('22:27'), FileName: 'WINWORD.EXE', ProcessCommandLine: '"C:\\Office\\WINWORD.EXE" /n "C:\\Data\\Project_X\\Spec.docx"', ProcessId: 11 })]],
    ['stage', [row('DeviceFileEvents', { Timestamp: at('22:29'), ActionType: 'FileCreated', FileName: 'Spec.docx', FolderPath: 'C:\\Temp\\stage\\Spec.docx', InitiatingProcessFileName: 'robocopy.exe', InitiatingProcessId: 21 })]],
    ['archive', [row('DeviceProcessEvents', { Timestamp: at('22:31'), FileName: '7z.exe', ProcessCommandLine: '7z.exe a "C:\\Temp\\stage\\out.zip" "C:\\Temp\\stage\\*"', ProcessId: 31, InitiatingProcessFileName: 'cmd.exe', InitiatingProcessId: 30 })]],
    ['usb', [row('DeviceFileEvents', { Timestamp: at('22:32'), ActionType: 'FileCreated', FileName: 'out.zip', FolderPath: 'E:\\out.zip', InitiatingProcessFileName: 'robocopy.exe', InitiatingProcessId: 32, InitiatingProcessParentFileName: 'cmd.exe', InitiatingProcessParentId: 30 })]],
    ['clean', [row('DeviceFileEvents', { Timestamp: at('22:35'), ActionType: 'FileDeleted', FileName: 'Spec.docx', FolderPath: 'C:\\Temp\\stage\\Spec.docx' })]],
  ]);
  const s = detectSequence(fs, m, evidence);
  const links = linkSteps(s, evidence);
  const find = (from: string, to: string, kind: string) => links.find((l) => l.from === from && l.to === to && l.kind === kind);
  assert.deepEqual(find('collection', 'staging', 'file')?.values, ['Spec.docx']);
  assert.deepEqual(find('staging', 'archive', 'folder')?.values, ['C:\\Temp\\stage']);
  assert.deepEqual(find('archive', 'exfiltration', 'file')?.values, ['out.zip']);
  assert.deepEqual(find('staging', 'cleanup', 'file')?.values, ['Spec.docx']);
  assert.match(sequenceIndicator(s, links, m)!.detail, /archive → exfiltration: 1 file in common \(out\.zip\)/);
});
