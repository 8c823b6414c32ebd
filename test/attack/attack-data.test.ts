import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ATTACK_FILE, attackTactics, attackVersion, findTactic, findTechnique } from '../../src/attack/attack-data.js';

const SHARED = fileURLToPath(new URL('../../../shared/attack/enterprise-attack.json', import.meta.url));

test('the shipped ATT&CK copy is identical to shared/attack', { skip: !existsSync(SHARED) && 'shared/ not beside the clone' }, () => {
  assert.equal(readFileSync(ATTACK_FILE, 'utf8'), readFileSync(SHARED, 'utf8'));
});

test('techniques and tactics resolve by id and by either tactic spelling', () => {
  assert.equal(attackVersion(), '18.0');
  assert.equal(attackTactics().length, 14);
  assert.equal(findTechnique('t1560.001')?.name, 'Archive via Utility');
  assert.deepEqual(findTechnique('T1052.001')?.tactics, ['exfiltration']);
  assert.equal(findTechnique('T9999'), undefined);
  assert.equal(findTactic('CommandAndControl')?.id, 'TA0011');
  assert.equal(findTactic('command-and-control')?.id, 'TA0011');
  assert.equal(findTactic('Exfiltration')?.shortname, 'exfiltration');
});
