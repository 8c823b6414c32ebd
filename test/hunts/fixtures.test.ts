/**
 * Every rule of the built-in pack against its own positive and negative fixture events, through the
 * real engine: positives all cited, context rows not cited, negatives silent.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BUILTIN_RULES_DIR, loadRulesOrThrow } from '../../src/hunts/load-rules.js';
import { checkRuleFixtures, describeFailure } from '../../src/hunts/check-fixtures.js';
import { openHuntEngine } from '../../src/hunts/engine.js';

const rules = loadRulesOrThrow([BUILTIN_RULES_DIR]);

for (const rule of rules) {
  test(`fixtures: ${rule.rule.name}`, async () => {
    const check = await checkRuleFixtures(rule, (db) => openHuntEngine({ db }));
    assert.ok(check.ok, `${rule.file}\n  ${describeFailure(check).join('\n  ')}`);
  });
}
