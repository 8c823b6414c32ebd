/**
 * An ATT&CK Navigator layer (format 4.5, domain enterprise-attack) of the techniques the hunt
 * found, one entry per technique and tactic, scored by the highest severity of the findings that
 * cite it (informational 10, low 25, medium 50, high 75, critical 100). Names and tactics come
 * from the pinned ATT&CK copy in data/attack/; a parent technique of a found sub-technique is
 * listed unscored with showSubtechniques so the Navigator opens it.
 */
import { attackVersion, findTactic, findTechnique } from '../attack/attack-data.js';
import type { Finding } from '../hunts/findings.js';
import { NavigatorLayerSchema, type NavigatorLayer } from './attack-layer-schema.js';

export const SEVERITY_SCORE: Readonly<Record<string, number>> = { informational: 10, low: 25, medium: 50, high: 75, critical: 100 };
export const NAVIGATOR_VERSION = '5.1.0';
export const LAYER_FORMAT = '4.5';

export interface LayerOptions {
  readonly name: string;
  readonly description?: string;
  /** Extra layer metadata (incident id, store, now…). */
  readonly metadata?: readonly (readonly [string, string])[];
}

type LayerTechnique = NonNullable<NavigatorLayer['techniques']>[number];

export function buildAttackLayer(findings: readonly Pick<Finding, 'techniques' | 'tactics' | 'severity' | 'title' | 'deviceName' | 'account' | 'timestamp'>[], options: LayerOptions): NavigatorLayer {
  const entries = new Map<string, { id: string; tactic: string; score: number; findings: typeof findings[number][] }>();
  for (const f of findings) {
    const ruleTactics = new Set(f.tactics.map((t) => findTactic(t)?.shortname).filter((x): x is string => !!x));
    for (const id of f.techniques) {
      const tech = findTechnique(id);
      if (!tech) continue;
      const chosen = tech.tactics.filter((t) => ruleTactics.has(t));
      for (const tactic of chosen.length > 0 ? chosen : tech.tactics) {
        const key = `${tech.id}|${tactic}`;
        const e = entries.get(key) ?? { id: tech.id, tactic, score: 0, findings: [] };
        e.score = Math.max(e.score, SEVERITY_SCORE[f.severity] ?? 0);
        e.findings.push(f);
        entries.set(key, e);
      }
    }
  }
  const techniques: LayerTechnique[] = [];
  const parents = new Map<string, Set<string>>();
  for (const e of [...entries.values()].sort((a, b) => a.id.localeCompare(b.id) || a.tactic.localeCompare(b.tactic))) {
    const tech = findTechnique(e.id)!;
    const rules = [...new Set(e.findings.map((f) => f.title))];
    techniques.push({
      techniqueID: e.id, tactic: e.tactic, score: e.score, color: '', enabled: true, showSubtechniques: false,
      comment: `${tech.name}: ${e.findings.length} finding(s) — ${rules.join('; ')}`.slice(0, 1000),
      metadata: [
        { name: 'findings', value: String(e.findings.length) },
        ...[...new Set(e.findings.map((f) => f.deviceName).filter(Boolean))].slice(0, 5).map((d) => ({ name: 'device', value: d })),
        ...[...new Set(e.findings.map((f) => f.account).filter(Boolean))].slice(0, 5).map((a) => ({ name: 'account', value: a })),
      ],
      links: [{ label: `${e.id} on attack.mitre.org`, url: tech.url }],
    });
    if (tech.isSubtechnique) {
      const parent = e.id.split('.')[0]!;
      parents.set(parent, (parents.get(parent) ?? new Set()).add(e.tactic));
    }
  }
  for (const [parent, tactics] of parents) {
    for (const tactic of tactics) {
      if (!entries.has(`${parent}|${tactic}`) && findTechnique(parent)) techniques.push({ techniqueID: parent, tactic, showSubtechniques: true, enabled: true });
    }
  }
  const layer: NavigatorLayer = {
    name: options.name,
    versions: { attack: attackVersion().split('.')[0]!, navigator: NAVIGATOR_VERSION, layer: LAYER_FORMAT },
    domain: 'enterprise-attack',
    description: options.description ?? '',
    filters: { platforms: ['Windows'] },
    sorting: 3,
    layout: { layout: 'side', aggregateFunction: 'max', showID: true, showName: true, showAggregateScores: true, countUnscored: false, expandedSubtechniques: 'annotated' },
    hideDisabled: false,
    techniques,
    gradient: { colors: ['#fff7ecff', '#fdbb84ff', '#d7301fff'], minValue: 0, maxValue: 100 },
    legendItems: Object.entries(SEVERITY_SCORE).map(([label, score]) => ({ label: `${label} (score ${score})`, color: score >= 75 ? '#d7301f' : score >= 50 ? '#fc8d59' : '#fdd49e' })),
    metadata: (options.metadata ?? []).map(([name, value]) => ({ name, value })),
    links: [],
    showTacticRowBackground: false,
    tacticRowBackground: '#dddddd',
    selectTechniquesAcrossTactics: true,
    selectSubtechniquesWithParent: false,
    selectVisibleTechniques: false,
  };
  return NavigatorLayerSchema.parse(layer);
}
