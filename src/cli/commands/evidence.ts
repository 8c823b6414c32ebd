/**
 * `harrier evidence export --incident ID --out DIR`: hunts and correlates like `harrier report`,
 * then writes the incident's evidence package (events as JSONL and CSV, queries, incident JSON,
 * manifest.json with SHA-256 of every file and of the ingested sources, SHA256SUMS).
 * `harrier evidence verify DIR [--expect-manifest SHA256]`: re-checks a package; exit 1 on any change.
 */
import type { Command } from 'commander';
import { EvidenceError, exportEvidence, verifyEvidence } from '../../evidence/index.js';
import { CliError } from '../cli-error.js';
import { addHuntSessionOptions, openHuntSession, type HuntSessionOptions } from './hunt-session.js';

export function registerEvidence(program: Command): void {
  const evidence = program.command('evidence').description('export and verify the evidence package of an incident');

  const exp = evidence.command('export')
    .description('write the raw events, queries, incident and a hashed manifest behind an incident')
    .requiredOption('--incident <id>', 'incident id (from harrier hunt or harrier report)')
    .requiredOption('--out <dir>', 'new (or empty) folder to write the package to');
  addHuntSessionOptions(exp)
    .action(async (opts: HuntSessionOptions & { incident: string; out: string }) => {
      const s = await openHuntSession(opts);
      let result;
      try {
        const incident = s.incidents.find((i) => i.id === opts.incident);
        if (!incident) throw new CliError(`no incident ${opts.incident} in this hunt run (incidents: ${s.incidents.map((i) => i.id).join(', ') || 'none'}); use the same --now, --lookback and --watchlist as the hunt that found it`);
        result = await exportEvidence({
          engine: s.engine, incident, rules: s.rules, run: s.run, facts: s.facts, outDir: opts.out, watchlistFiles: opts.watchlist,
          ...(opts.lookback ? { lookback: opts.lookback } : {}),
        });
      } catch (err) {
        if (err instanceof EvidenceError) throw new CliError(err.message);
        throw err;
      } finally {
        s.engine.close();
      }
      process.stdout.write(`wrote ${result.events} event(s) in ${result.files} file(s) to ${result.dir}\n`);
      process.stdout.write(`manifest sha256: ${result.manifestSha256}\n(record it elsewhere and check later with: harrier evidence verify ${result.dir} --expect-manifest ${result.manifestSha256})\n`);
    });

  evidence.command('verify')
    .description('re-check an evidence package against its manifest; exit 1 on any change')
    .argument('<dir>', 'the package folder')
    .option('--expect-manifest <sha256>', 'the manifest SHA-256 printed at export')
    .option('--format <fmt>', 'text or json', 'text')
    .action((dir: string, opts: { expectManifest?: string; format: string }) => {
      const v = verifyEvidence(dir, opts.expectManifest ? { expectManifest: opts.expectManifest } : {});
      if (opts.format === 'json') process.stdout.write(`${JSON.stringify(v, null, 2)}\n`);
      else {
        for (const p of v.problems) process.stdout.write(`${p.kind.toUpperCase()} ${p.file}: ${p.message}\n`);
        process.stdout.write(v.ok ? `ok: ${v.checked} file(s) match the manifest (sha256 ${v.manifestSha256})\n` : `FAILED: ${v.problems.length} problem(s) in ${dir}\n`);
      }
      if (!v.ok) process.exitCode = 1;
    });
}
