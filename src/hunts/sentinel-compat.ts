/**
 * Compatibility with Microsoft Sentinel hunting-query YAML: tactic spellings ('CommandAndControl'
 * ↔ ATT&CK 'command-and-control'), the file-name tactic prefix of Harrier's pack, the Sentinel
 * dialect tell (`TimeGenerated`), and writing a Sentinel-format file from a query record (used to
 * build fixtures from the public hunting-query corpus).
 */
import { createHash } from 'node:crypto';
import { stringify } from 'yaml';
import { findTactic } from '../attack/attack-data.js';

/** ATT&CK shortname ('command-and-control') of a tactic in any spelling; undefined when unknown. */
export function tacticShortname(name: string): string | undefined {
  return findTactic(name)?.shortname;
}

/** Sentinel's spelling of a tactic: the ATT&CK display name in PascalCase ('CommandAndControl'). */
export function sentinelTactic(name: string): string | undefined {
  const t = findTactic(name);
  return t ? t.name.split(/\s+/).map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('') : undefined;
}

/** True when a query is written for Sentinel / Log Analytics rather than Advanced Hunting. */
export function usesSentinelDialect(query: string): boolean {
  return /(?<![A-Za-z0-9_])TimeGenerated(?![A-Za-z0-9_])/.test(query);
}

/** A stable GUID derived from text (name-based, SHA-256), for records that have no GUID. */
export function guidFromText(text: string): string {
  const h = createHash('sha256').update(text).digest('hex');
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export interface SentinelQueryRecord {
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  readonly tactics: readonly string[];
  readonly relevantTechniques: readonly string[];
  readonly query: string;
  readonly dataTypes?: readonly string[];
}

/** A Sentinel hunting-query YAML document (field order as in Azure/Azure-Sentinel). */
export function toSentinelYaml(r: SentinelQueryRecord): string {
  const doc = {
    id: r.id,
    name: r.name,
    description: r.description ?? r.name,
    requiredDataConnectors: [{ connectorId: 'MicrosoftThreatProtection', dataTypes: [...(r.dataTypes ?? [])] }],
    tactics: [...r.tactics],
    relevantTechniques: [...r.relevantTechniques],
    query: `${r.query.trimEnd()}\n`,
    version: '1.0.0',
  };
  return stringify(doc, { lineWidth: 0, blockQuote: 'literal' });
}
