/**
 * Exports the evidence behind an incident: the raw rows of every finding (read back by DeviceId
 * and ReportId from the Device* tables each rule reads, through the KQL engine) as JSON lines and
 * as one portal-shaped CSV per table (re-ingestable with `harrier ingest`), the hunt queries and
 * the evidence queries as .kql files, the incident as JSON, and the manifest with the SHA-256 of
 * every file and of each ingested source file.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { EncodedValue, KqlEngine } from '../engine/contract.js';
import type { HuntRun, LoadedRule } from '../hunts/index.js';
import { renderQuery } from '../hunts/render-query.js';
import { evidenceQuery } from '../correlate/evidence-query.js';
import type { Incident } from '../correlate/build.js';
import { tablesOfQuery } from '../correlate/evidence.js';
import { incidentJson } from '../correlate/incident-json.js';
import { findingJson } from '../hunts/findings.js';
import type { StoreFacts } from '../report/store-facts.js';
import { harrierVersion } from '../report/collect.js';
import { describeFile, EVIDENCE_FORMAT, MANIFEST_FILE, sha256, sumsText, SUMS_FILE, type EvidenceManifest } from './manifest.js';

export interface EvidenceExportInput {
  readonly engine: KqlEngine;
  readonly incident: Incident;
  readonly rules: readonly LoadedRule[];
  readonly run: HuntRun;
  readonly facts: StoreFacts;
  readonly outDir: string;
  readonly lookback?: string;
  readonly watchlistFiles?: readonly string[];
  readonly createdAt?: Date;
}

export interface EvidenceExportResult {
  readonly dir: string;
  readonly events: number;
  readonly files: number;
  readonly manifestSha256: string;
}

export class EvidenceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EvidenceError';
  }
}

const slug = (s: string) => s.replace(/\.ya?ml$/i, '').replace(/^.*[/\\]/, '').replace(/[^A-Za-z0-9_.-]+/g, '-');

function csvField(v: EncodedValue | undefined): string {
  const s = v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export async function exportEvidence(input: EvidenceExportInput): Promise<EvidenceExportResult> {
  const { incident, outDir, engine } = input;
  if (existsSync(outDir) && readdirSync(outDir).length > 0) throw new EvidenceError(`${outDir} exists and is not empty: choose a new folder`);
  const written: string[] = [];
  const write = (path: string, data: string) => {
    mkdirSync(dirname(join(outDir, path)), { recursive: true });
    writeFileSync(join(outDir, path), data);
    written.push(path);
  };

  // The hunt queries of the rules behind the incident, exactly as they ran.
  const ruleIds = new Set(incident.findings.map((f) => f.rule));
  const rules = input.rules.filter((r) => ruleIds.has(r.rule.id));
  for (const r of rules) {
    const rendered = renderQuery(r, input.lookback ? { lookback: input.lookback } : {});
    const runInfo = input.run.runs.find((x) => x.rule.rule.id === r.rule.id);
    write(`queries/hunt-${slug(r.file)}.kql`, `// Harrier hunt: ${r.rule.name} (${r.rule.id})\n// now pinned to ${input.run.now.toISOString()}; lookback ${rendered.lookback}; ${runInfo?.rows ?? 0} result row(s)\n${rendered.text.trimEnd()}\n`);
  }

  // The evidence rows: per device and table, the ReportIds the findings cite.
  const wanted = new Map<string, { deviceId: string; table: string; ids: Set<string>; findings: Map<string, string[]> }>();
  for (const f of incident.findings) {
    const rule = input.rules.find((r) => r.rule.id === f.rule);
    for (const table of tablesOfQuery(rule?.rule.query ?? '')) {
      const key = `${f.deviceId}|${table}`;
      const w = wanted.get(key) ?? { deviceId: f.deviceId, table, ids: new Set<string>(), findings: new Map<string, string[]>() };
      wanted.set(key, w);
      for (const id of f.reportIds) {
        const lit = String(id);
        if (!/^\d+$/.test(lit)) continue;
        w.ids.add(lit);
        w.findings.set(lit, [...(w.findings.get(lit) ?? []), f.id]);
      }
    }
  }
  interface Ev { table: string; findings: string[]; row: Record<string, EncodedValue>; columns: string[] }
  const events: Ev[] = [];
  const evidenceQueries: string[] = [];
  for (const w of [...wanted.values()].sort((a, b) => a.table.localeCompare(b.table) || a.deviceId.localeCompare(b.deviceId))) {
    const ids = [...w.ids].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
    for (let i = 0; i < ids.length; i += 2000) {
      const kql = evidenceQuery(w.deviceId, [w.table], ids.slice(i, i + 2000));
      const result = await engine.query(kql, { maxRows: 0 });
      if (result.rows.length === 0) continue;
      evidenceQueries.push(`// ${w.table} rows of ${w.deviceId}: ${result.rows.length}\n${kql}`);
      const columns = result.columns.map((c) => c.name);
      for (const r of result.rows) {
        const row: Record<string, EncodedValue> = {};
        columns.forEach((c, j) => { row[c] = r[j] ?? null; });
        events.push({ table: w.table, findings: w.findings.get(String(row['ReportId'])) ?? [], row, columns });
      }
    }
  }
  events.sort((a, b) => String(a.row['Timestamp']).localeCompare(String(b.row['Timestamp'])) || a.table.localeCompare(b.table) || String(a.row['ReportId']).localeCompare(String(b.row['ReportId'])));
  write('queries/evidence.kql', `${evidenceQueries.join('\n;\n')}\n`);
  write('events.jsonl', events.map((e) => JSON.stringify({ table: e.table, findings: e.findings, row: e.row })).join('\n') + (events.length ? '\n' : ''));
  const byTable: Record<string, number> = {};
  for (const table of [...new Set(events.map((e) => e.table))].sort()) {
    const rows = events.filter((e) => e.table === table);
    byTable[table] = rows.length;
    const columns = rows[0]!.columns;
    write(`events/${table}.csv`, [columns.join(','), ...rows.map((e) => columns.map((c) => csvField(e.row[c])).join(','))].join('\r\n') + '\r\n');
  }
  write('incident.json', `${JSON.stringify({ incident: incidentJson(incident), findings: incident.findings.map(findingJson) }, null, 2)}\n`);

  const facts = input.facts;
  const kind = facts.sources.length > 0 ? 'ingested' : facts.simulated ? 'simulated' : 'unknown';
  const manifest: EvidenceManifest = {
    format: EVIDENCE_FORMAT,
    createdAt: (input.createdAt ?? new Date()).toISOString(),
    harrier: harrierVersion(),
    incident: { id: incident.id, title: incident.title, severity: incident.severity, riskScore: incident.riskScore, devices: incident.devices, accounts: incident.accounts, firstSeen: incident.firstSeen, lastSeen: incident.lastSeen, findings: incident.findings.map((f) => f.id) },
    hunt: { store: facts.path, now: input.run.now.toISOString(), lookback: input.lookback ?? null, rules: rules.map((r) => ({ id: r.rule.id, name: r.rule.name, file: r.file })), watchlist: input.watchlistFiles ?? [] },
    sources: {
      kind,
      note: kind === 'ingested' ? `SHA-256 of each file ingested into ${facts.path}, from _harrier_ingests`
        : kind === 'simulated' ? `${facts.path} was generated by harrier simulate: there are no ingested source files, so no source hashes`
        : `${facts.path} has no ingest records (_harrier_ingests is empty): source hashes unknown`,
      files: facts.sources,
    },
    events: { count: events.length, byTable },
    files: written.map((p) => describeFile(outDir, p)),
  };
  const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;
  writeFileSync(join(outDir, MANIFEST_FILE), manifestText);
  const manifestSha256 = sha256(manifestText);
  writeFileSync(join(outDir, SUMS_FILE), sumsText(manifest.files, manifestSha256));
  return { dir: outDir, events: events.length, files: written.length + 2, manifestSha256 };
}
