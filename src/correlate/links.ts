/**
 * Links between the steps of a sequence, from their evidence: the same file names (the staged
 * documents, then the archive, then the file on the USB drive), the same folder (the staging folder
 * the archiver reads), or the same process in their lineage (the batch file's cmd.exe that ran
 * both 7-Zip and the copy to USB; the explorer.exe of one logon session). Each pair of stages in
 * the chain gets its strongest kinds of link. Pure.
 */
import { artifactsOf, type Artifacts } from './artifacts.js';
import type { EvidenceMap } from './evidence.js';
import type { Sequence, StageSpan } from './sequence.js';

export type LinkKind = 'file' | 'folder' | 'process';

export interface StepLink {
  readonly from: string;
  readonly to: string;
  readonly kind: LinkKind;
  /** Shared file names, folders or processes (as first seen), at most 20. */
  readonly values: readonly string[];
  readonly count: number;
}

function shared(a: Map<string, string>, b: Map<string, string>): string[] {
  const out: string[] = [];
  for (const [k, v] of a) if (b.has(k)) out.push(v);
  return out.sort((x, y) => x.localeCompare(y));
}

function stageArtifacts(stage: StageSpan, evidence: EvidenceMap): Artifacts {
  return artifactsOf(stage.findings.flatMap((id) => evidence.get(id) ?? []));
}

/**
 * Links for every ordered pair of chain stages. A process link is kept only when the pair has no
 * file or folder link, and only its most specific processes: those shared by the fewest stages.
 */
export function linkSteps(sequence: Sequence, evidence: EvidenceMap): StepLink[] {
  const chain = sequence.chain;
  const arts = chain.map((s) => stageArtifacts(s, evidence));
  const processStages = new Map<string, number>();
  for (const a of arts) for (const k of a.processes.keys()) processStages.set(k, (processStages.get(k) ?? 0) + 1);
  const links: StepLink[] = [];
  for (let i = 0; i < chain.length; i++) {
    for (let j = i + 1; j < chain.length; j++) {
      const from = chain[i]!.stage;
      const to = chain[j]!.stage;
      const files = shared(arts[i]!.files, arts[j]!.files);
      const folders = shared(arts[i]!.folders, arts[j]!.folders);
      if (files.length > 0) links.push({ from, to, kind: 'file', values: files.slice(0, 20), count: files.length });
      if (folders.length > 0) links.push({ from, to, kind: 'folder', values: folders.slice(0, 20), count: folders.length });
      if (files.length === 0 && folders.length === 0) {
        const keys = [...arts[i]!.processes.keys()].filter((k) => arts[j]!.processes.has(k));
        if (keys.length === 0) continue;
        const fewest = Math.min(...keys.map((k) => processStages.get(k)!));
        const specific = keys.filter((k) => processStages.get(k) === fewest).map((k) => arts[i]!.processes.get(k)!).sort();
        links.push({ from, to, kind: 'process', values: specific.slice(0, 20), count: specific.length });
      }
    }
  }
  return links;
}

/** One line per link, for indicator details and text output. */
export function describeLink(l: StepLink): string {
  const what = l.kind === 'file' ? 'file' : l.kind === 'folder' ? 'folder' : 'process';
  const shown = l.values.slice(0, 3).join(', ') + (l.count > 3 ? ` +${l.count - 3} more` : '');
  return `${l.from} → ${l.to}: ${l.count} ${what}${l.count === 1 ? '' : 's'} in common (${shown})`;
}
