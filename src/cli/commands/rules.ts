/**
 * `harrier rules list|lint|render|test`. lint: every rule binds with zero diagnostics in the
 * official parser (MDE schema) and compiles for DuckDB; accepts Sentinel hunting YAML paths.
 * test: with --fixtures, each rule against its own positive/negative events; otherwise precision
 * and recall of each rule against the simulator's `_harrier_truth` in --db. export-detections:
 * each rule as KQL for a Defender custom detection (src/hunts/export-detections.ts).
 */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { DEFAULT_STORE_PATH, openStore } from '../../store/index.js';
import {
  checkRuleFixtures, describeFailure, formatLintIssue, lintRules, listProblems, loadRules, openHuntEngine, readTruth,
  renderQuery, runHuntsDetailed, scoreAgainstTruth, BUILTIN_RULES_DIR, type KqlEngineLike,
} from '../../hunts/index.js';
import { formatProblem } from '../../hunts/yaml-source.js';
import { exportDetections } from '../../hunts/export-detections.js';
import { CliError } from '../cli-error.js';
import { formatTextTable } from '../text-table.js';
import { loadRulesForCli } from './hunt.js';
import { resolveNow } from './resolve-now.js';

const collect = (value: string, previous: string[]) => [...previous, value];
const pct = (x: number | null) => (x === null ? '-' : `${(x * 100).toFixed(1)}%`);

export function registerRules(program: Command): void {
  const rules = program.command('rules').description('list, lint, render and test hunt rules');

  rules.command('list')
    .description('list the rules with their techniques')
    .option('--rules <dir>', 'rule folder or file (repeatable; default: the built-in pack)', collect, [])
    .action((opts: { rules: string[] }) => {
      const loaded = loadRulesForCli(opts.rules);
      process.stdout.write(formatTextTable(['id', 'name', 'kind', 'severity', 'techniques'],
        loaded.map((r) => [r.rule.id, r.rule.name, r.rule.kind, r.rule.severity, r.rule.relevantTechniques.join(' ')])));
    });

  rules.command('lint')
    .description('check rule files (Harrier pack or Sentinel hunting YAML): schema, unique ids/names, KQL binds and compiles')
    .argument('[paths...]', 'rule files or folders (default: the built-in pack)')
    .option('--no-compile', 'only bind with the official parser; skip compiling for DuckDB')
    .action(async (paths: string[], opts: { compile: boolean }) => {
      const targets = paths.length > 0 ? paths : [BUILTIN_RULES_DIR];
      const { rules: loaded, problems } = loadRules(targets);
      const lines = [...problems, ...listProblems(loaded.map((r) => r.file))].map((p) => `${formatProblem(p)} [load]`);
      let engine: KqlEngineLike | undefined;
      if (opts.compile) {
        try {
          engine = await openHuntEngine({});
        } catch (err) {
          lines.push(`harrier: engine unavailable, rules were bound but not compiled: ${(err as Error).message}`);
        }
      }
      try {
        const issues = lintRules(loaded, engine ? { engine } : {});
        lines.push(...issues.map(formatLintIssue));
        const errors = problems.length + issues.filter((i) => i.severity === 'error').length;
        const warnings = issues.length - issues.filter((i) => i.severity === 'error').length;
        if (lines.length > 0) process.stdout.write(`${lines.join('\n')}\n`);
        process.stdout.write(`${loaded.length} rule(s) checked: ${errors} error(s), ${warnings} warning(s)${engine ? '' : ' (not compiled)'}\n`);
        if (errors > 0) process.exitCode = 1;
      } finally {
        engine?.close();
      }
    });

  rules.command('render')
    .description('print the exact KQL a rule runs (lists and lookback injected as let statements), ready for Advanced Hunting')
    .argument('<rule>', 'rule id, name or file slug')
    .option('--rules <dir>', 'rule folder or file (repeatable; default: the built-in pack)', collect, [])
    .option('--lookback <timespan>', "override the rule's lookback")
    .action((rule: string, opts: { rules: string[]; lookback?: string }) => {
      const [loaded] = loadRulesForCli(opts.rules, [rule]);
      const r = renderQuery(loaded!, opts.lookback ? { lookback: opts.lookback } : {});
      if (r.problems.length > 0) throw new CliError(r.problems.map(formatProblem).join('\n'));
      process.stdout.write(`${r.text.trimEnd()}\n`);
    });

  rules.command('export-detections')
    .description('write each rule as KQL ready for a Defender custom detection (keeps Timestamp, ReportId, DeviceId; checked with the official parser)')
    .requiredOption('--out <dir>', 'folder for the .kql files and detections.json')
    .option('--rules <dir>', 'rule folder or file (repeatable; default: the built-in pack)', collect, [])
    .option('--only <id>', 'only this rule (repeatable)', collect, [])
    .action((opts: { out: string; rules: string[]; only: string[] }) => {
      const done = exportDetections(loadRulesForCli(opts.rules, opts.only), opts.out);
      for (const d of done) {
        process.stdout.write(d.file ? `ok   ${d.file}  ${d.rule.rule.name} (${d.frequency})\n` : `FAIL ${d.rule.rule.name} (${d.rule.file}):\n${d.problems.map((p) => `       ${p}`).join('\n')}\n`);
      }
      const failed = done.filter((d) => !d.file).length;
      process.stdout.write(`${done.length - failed}/${done.length} rule(s) written to ${opts.out} (index: detections.json)\n`);
      if (failed > 0) process.exitCode = 1;
    });

  rules.command('test')
    .description('precision and recall of each rule against the simulator truth in --db; with --fixtures, each rule against its own fixtures')
    .option('--db <file>', 'DuckDB store file with _harrier_truth', DEFAULT_STORE_PATH)
    .option('--now <iso>', "pin now(): ISO-8601, or 'latest' (default for this command: the store's last event)", 'latest')
    .option('--lookback <timespan>', "window before now, overriding each rule's lookback")
    .option('--rules <dir>', 'rule folder or file (repeatable; default: the built-in pack)', collect, [])
    .option('--only <id>', 'only this rule (repeatable)', collect, [])
    .option('--fixtures', "run each rule's positive and negative fixture events instead")
    .option('--format <fmt>', 'text or json', 'text')
    .action(async (opts: { db: string; now: string; lookback?: string; rules: string[]; only: string[]; fixtures?: boolean; format: string }) => {
      const loaded = loadRulesForCli(opts.rules, opts.only);
      if (opts.fixtures) {
        let failures = 0;
        for (const r of loaded) {
          const check = await checkRuleFixtures(r, (db) => openHuntEngine({ db }));
          const reasons = describeFailure(check);
          if (!check.ok) failures++;
          process.stdout.write(`${check.ok ? 'ok  ' : 'FAIL'} ${r.rule.name} (+${check.positive?.events.length ?? 0}/-${check.negative?.events.length ?? 0} events)\n`);
          for (const reason of reasons) process.stdout.write(`       ${reason}\n`);
        }
        process.stdout.write(`${loaded.length - failures}/${loaded.length} rule(s) pass their fixtures\n`);
        if (failures > 0) process.exitCode = 1;
        return;
      }
      if (!existsSync(opts.db)) throw new CliError(`no store at ${opts.db} (run the simulator first, or pass --db)`);
      const store = await openStore(opts.db, { readOnly: true, ensureSchema: false });
      let truth;
      try { truth = await readTruth(store.connection); } finally { store.close(); }
      if (truth.length === 0) throw new CliError(`${opts.db} has no _harrier_truth table: precision/recall need a simulated store`);
      const now = await resolveNow(opts.now, opts.db);
      const engine = await openHuntEngine({ db: opts.db });
      let run;
      try { run = await runHuntsDetailed(engine, loaded, { now, ...(opts.lookback ? { lookback: opts.lookback } : {}) }); } finally { engine.close(); }
      for (const r of run.runs) if (r.error) process.stderr.write(`harrier: rule '${r.rule.rule.name}' failed: ${r.error.message}\n`);
      const score = scoreAgainstTruth(loaded, run.findings, truth);
      const failed = run.runs.some((r) => r.error);
      if (failed) process.exitCode = 2;
      if (opts.format === 'json') {
        process.stdout.write(`${JSON.stringify({
          now: now.toISOString(), recall: score.recall,
          rules: score.rules.map((s) => ({ id: s.rule.rule.id, name: s.rule.rule.name, techniques: s.rule.rule.relevantTechniques, findings: s.findings,
            truePositives: s.truePositives, precision: s.precision, relevantSteps: s.relevantSteps, detectedSteps: s.detectedSteps, recall: s.recall })),
          steps: score.steps,
        }, null, 2)}\n`);
        return;
      }
      process.stdout.write(formatTextTable(['rule', 'techniques', 'findings', 'true pos.', 'precision', 'steps', 'recall'],
        score.rules.map((s) => [s.rule.rule.name, s.rule.rule.relevantTechniques.join(' '), String(s.findings), String(s.truePositives),
          pct(s.precision), `${s.detectedSteps}/${s.relevantSteps}`, pct(s.recall)]), { alignRight: [2, 3, 4, 5, 6] }));
      process.stdout.write('\n');
      process.stdout.write(formatTextTable(['scenario', 'step', 'techniques', 'events', 'detected by'],
        score.steps.map((s) => [s.scenario, s.step, s.techniques.join(' '), String(s.events), s.detectedBy.join(', ') || 'MISSED'])));
      const detected = score.steps.filter((s) => s.detectedBy.length > 0).length;
      process.stdout.write(`\nrecall of planted steps: ${detected}/${score.steps.length} (${pct(score.recall)}), now=${now.toISOString()}\n`);
    });
}
