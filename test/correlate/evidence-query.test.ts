/** The evidence query of a finding: one table or a union, the device as a quoted literal, numeric ReportIds only. */
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { evidenceQuery } from '../../src/correlate/evidence-query.js';

it('reads the finding\'s tables for its device and ReportIds, sorted and de-duplicated', () => {
  assert.equal(evidenceQuery('abc', ['DeviceFileEvents'], [12, '3', 12]),
    'DeviceFileEvents\n| where DeviceId == "abc"\n| where ReportId in (3, 12)\n| sort by Timestamp asc, ReportId asc');
  assert.match(evidenceQuery('abc', ['DeviceFileEvents', 'DeviceEvents'], [1]), /^union withsource=SourceTable DeviceFileEvents, DeviceEvents\n/);
});

it('cannot be broken out of by a device id or a ReportId', () => {
  const q = evidenceQuery('x" or 1==1 | take 5 //', ['DeviceEvents'], ['1) | take 1 //', 7]);
  assert.match(q, /where DeviceId == "x\\" or 1==1 \| take 5 \/\/"\n/);
  assert.match(q, /ReportId in \(7\)/);
});
