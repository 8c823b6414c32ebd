/**
 * MITRE ATT&CK Enterprise tactic and technique names, from the pinned copy shipped in data/attack/
 * (v18.0; licence notice in data/attack/README.md). Offline by design: nothing is fetched at run time.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface AttackTactic {
  readonly id: string;
  readonly shortname: string;
  readonly name: string;
  readonly url: string;
}

export interface AttackTechnique {
  readonly id: string;
  readonly name: string;
  /** Tactic shortnames, e.g. 'exfiltration'. */
  readonly tactics: readonly string[];
  readonly isSubtechnique: boolean;
  readonly url: string;
}

interface AttackFile {
  readonly attackVersion: string;
  readonly tactics: AttackTactic[];
  readonly techniques: AttackTechnique[];
}

export const ATTACK_FILE = fileURLToPath(new URL('../../data/attack/enterprise-attack.json', import.meta.url));

let cache: { version: string; tactics: readonly AttackTactic[]; techniques: ReadonlyMap<string, AttackTechnique> } | undefined;

function load() {
  if (!cache) {
    const raw = JSON.parse(readFileSync(ATTACK_FILE, 'utf8')) as AttackFile;
    cache = {
      version: raw.attackVersion,
      tactics: Object.freeze(raw.tactics),
      techniques: new Map(raw.techniques.map((t) => [t.id.toUpperCase(), t])),
    };
  }
  return cache;
}

export function attackVersion(): string {
  return load().version;
}

/** The 14 Enterprise tactics in matrix order. */
export function attackTactics(): readonly AttackTactic[] {
  return load().tactics;
}

/** A current (not revoked or deprecated) technique by id, e.g. 'T1560.001'; undefined when unknown. */
export function findTechnique(id: string): AttackTechnique | undefined {
  return load().techniques.get(id.trim().toUpperCase());
}

/** Tactic by shortname ('exfiltration') or display name ('Exfiltration', 'CommandAndControl'). */
export function findTactic(name: string): AttackTactic | undefined {
  const key = name.replace(/[\s_-]/g, '').toLowerCase();
  return load().tactics.find((t) => t.shortname.replace(/-/g, '') === key || t.name.replace(/\s/g, '').toLowerCase() === key);
}
