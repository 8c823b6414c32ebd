/** The score is additive and data-driven: weights and bands come from the risk-model file. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DEFAULT_RISK_MODEL_FILE, bandOf, parseRiskModel, RiskModelError } from '../../src/correlate/model.js';
import { buildIncidents } from '../../src/correlate/build.js';
import { parseWatchlist } from '../../src/correlate/watchlist.js';
import { finding } from './helpers.js';

const text = readFileSync(DEFAULT_RISK_MODEL_FILE, 'utf8');

const pipFindings = () => [
  finding({ id: 'a', rule: 'r-access', title: 'Access', timestamp: '2026-11-24T22:27:00Z', techniques: ['T1005'], weight: 20, account: 'jdoe' }),
  finding({ id: 'b', rule: 'r-stage', title: 'Stage', timestamp: '2026-11-24T22:29:00Z', techniques: ['T1074.001'], weight: 20, account: 'jdoe' }),
  finding({ id: 'c', rule: 'r-zip', title: 'Zip', timestamp: '2026-11-24T22:31:00Z', techniques: ['T1560.001'], weight: 25, account: 'jdoe' }),
  finding({ id: 'd', rule: 'r-usb', title: 'USB', timestamp: '2026-11-24T22:32:00Z', techniques: ['T1052.001'], weight: 30, account: 'jdoe' }),
  finding({ id: 'e', rule: 'r-del', title: 'Delete', timestamp: '2026-11-24T22:35:00Z', techniques: ['T1070.004'], weight: 20, account: 'jdoe' }),
  finding({ id: 'f', rule: 'r-del', title: 'Delete', timestamp: '2026-11-24T22:36:00Z', techniques: ['T1070.004'], weight: 20, account: 'jdoe' }),
];
const watchlist = parseWatchlist('EmailAddress,EffectiveDate,Remarks,Rating\njdoe@contoso.com,2026-11-25T09:00:00Z,Performance improvement plan,1\n', 'hr.csv').entries;

test('the score is the sum of its indicators, each rule counted once', async () => {
  const model = parseRiskModel(text);
  const [inc] = await buildIncidents(pipFindings(), { model, watchlist });
  assert.ok(inc);
  const names = inc.indicators.map((i) => i.name);
  assert.deepEqual(names, ['rule: Access', 'rule: Stage', 'rule: Zip', 'rule: USB', 'rule: Delete',
    'watchlist: performance improvement plan (risky-user)', 'off-hours', 'sequence: complete']);
  assert.equal(inc.riskScore, inc.indicators.reduce((s, i) => s + i.weight, 0));
  assert.equal(inc.riskScore, 20 + 20 + 25 + 30 + 20 + 30 + 10 + 25);
  assert.equal(inc.severity, 'critical');
  for (const i of inc.indicators) assert.ok(i.detail.length > 0, `${i.name} has no detail`);
});

test('changing one weight in the data file changes the score by that much', async () => {
  const base = (await buildIncidents(pipFindings(), { model: parseRiskModel(text), watchlist }))[0]!;
  const edited = text.replace(/(complete:\n\s+weight: )25/, '$165');
  assert.notEqual(edited, text, 'the sequence weight was not found in the data file');
  const changed = (await buildIncidents(pipFindings(), { model: parseRiskModel(edited), watchlist }))[0]!;
  assert.equal(changed.riskScore - base.riskScore, 40);
  const pip = text.replace(/(performance-improvement-plan:\n\s+indicator: risky-user\n\s+weight: )30/, '$10');
  assert.notEqual(pip, text);
  const noPip = (await buildIncidents(pipFindings(), { model: parseRiskModel(pip), watchlist }))[0]!;
  assert.equal(base.riskScore - noPip.riskScore, 30);
  assert.ok(!noPip.indicators.some((i) => i.name.startsWith('watchlist')), 'a zero-weight indicator is not listed');
  const override = text.replace('overrides: {}', 'overrides: { USB: 90 }');
  const bigUsb = (await buildIncidents(pipFindings(), { model: parseRiskModel(override), watchlist }))[0]!;
  assert.equal(bigUsb.riskScore - base.riskScore, 60);
});

test('bands come from the data file; a broken model is refused with every problem listed', () => {
  const model = parseRiskModel(text);
  assert.equal(bandOf(model.bands.low - 1, model.bands), 'informational');
  assert.equal(bandOf(model.bands.high, model.bands), 'high');
  assert.equal(bandOf(model.bands.critical + 100, model.bands), 'critical');
  const bad = text.replace(/high: 60/, 'high: 500').replace('window: 4h', 'window: soon');
  assert.throws(() => parseRiskModel(bad, 'bad.yaml'), (e: Error) => e instanceof RiskModelError && /bands must ascend/.test(e.message) && /correlation\.window/.test(e.message));
});

test('incidents are ordered by risk, highest first', async () => {
  const model = parseRiskModel(text);
  const other = finding({ id: 'z', rule: 'r-logon', title: 'Logon', timestamp: '2026-11-24T12:00:00Z', techniques: ['T1078'], weight: 5, account: 'bob', deviceId: 'dev-9', deviceName: 'ws-9' });
  const incidents = await buildIncidents([other, ...pipFindings()], { model, watchlist });
  assert.deepEqual(incidents.map((i) => i.accounts[0]), ['jdoe', 'bob']);
  assert.ok(incidents[0]!.riskScore > incidents[1]!.riskScore);
  assert.equal(incidents[1]!.severity, 'informational');
});
