/**
 * `npm run conformance`: measures the engine against the KQL documentation examples and the MDE
 * hunting-query corpus, prints pass rates and writes failure lists and grouped summaries to
 * .conformance/. A measurement, not a gate: exits 0 unless the harness itself fails (2) or a
 * --min-core / --min-hunting threshold is not met (1). See README.md.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXPECTED_CORE_COUNT, isCore } from './categories.js';
import { type HarnessArgs, parseArgs } from './cli-args.js';
import { prepareCorpusStore } from './corpus-store.js';
import { crossCheckWithDuckdb } from './cross-check.js';
import { docsTotals, docsTotalsLines, writeDocsFiles } from './docs-report.js';
import { DOCS_NOW, type DocOutcome, runDocs } from './docs-runner.js';
import { EngineClient } from './engine-client.js';
import { loadHuntingQueries, selectHuntingQueries } from './hunting-corpus.js';
import { huntingTotals, huntingTotalsLines, writeHuntingFiles } from './hunting-report.js';
import { type HuntingOutcome, runHunting } from './hunting-runner.js';
import { REPO_ROOT, loadDocExamples, locateShared } from './load-corpus.js';
import { type Rate, failedIdsIn, formatRate, pct } from './report.js';

const OUT_DIR = join(REPO_ROOT, '.conformance');

interface Totals { docsCore?: Rate; docsAll?: Rate; hunting?: Rate }

function makeLog(args: HarnessArgs): { info: (s: string) => void; progress: (s: string) => void } {
  const quiet = args.summary || args.json;
  return {
    info: (s) => { if (!quiet) console.log(s); },
    progress: (s) => { if (!quiet) process.stderr.write(`${s}\n`); },
  };
}

/** For a chDB run over every example: the failures of the last DuckDB run in .conformance/. */
function duckdbReference(args: HarnessArgs, part: 'docs' | 'hunting'): { failed: Set<string> | undefined; name: string } | undefined {
  if (args.engine !== 'chdb' || args.filter) return undefined;
  return { failed: failedIdsIn(join(OUT_DIR, `${part}-failures.jsonl`)), name: 'DuckDB' };
}

async function runDocsPart(args: HarnessArgs, shared: string, log: ReturnType<typeof makeLog>, totals: Totals): Promise<void> {
  const all = loadDocExamples(shared);
  const core = all.filter((e) => isCore(e.source)).length;
  if (core !== EXPECTED_CORE_COUNT) log.info(`WARNING: core filter selects ${core} examples, expected ${EXPECTED_CORE_COUNT}`);
  const examples = args.filter ? all.filter((e) => e.id.includes(args.filter!)) : all;
  const run = { now: DOCS_NOW, maxRows: 10_000, timeoutMs: args.docsTimeoutMs };
  const client = new EngineClient({ engine: {} });
  const openError = await client.open();
  if (openError === undefined) log.progress(`  engine opened in ${Math.round(client.openMs)} ms`);
  const t0 = performance.now();
  let outcomes: DocOutcome[];
  try {
    outcomes = await runDocs(examples, client, run, (o, i) => {
      if (args.verbose && !args.json) {
        const detail = o.passed ? (o.status === 'pass-informative' ? ` (informative: ${o.diff})` : o.status === 'doc-error' ? ` (documented doc error: ${o.errorMessage})` : '') : `: ${o.diff ?? `${o.errorCode} ${o.errorMessage}`}`;
        console.log(`${o.passed ? 'PASS' : 'FAIL'} ${o.id} [${o.status}, ${o.ms} ms]${detail}`);
      } else if ((i + 1) % 100 === 0) log.progress(`  docs ${i + 1}/${examples.length} ...`);
    });
  } finally {
    client.close();
  }
  const secs = Math.round((performance.now() - t0) / 1000);
  const t = docsTotals(outcomes);
  const info = `Run ${new Date().toISOString()}; ${examples.length} examples${args.filter ? ` (filter "${args.filter}")` : ''}; in-memory store; now=${DOCS_NOW.toISOString()}; ${secs} s; engine restarts ${client.restarts}.`;
  const files = writeDocsFiles(OUT_DIR, outcomes, examples, info, suffix(args), duckdbReference(args, 'docs'));
  log.info(`\nKQL docs examples (${examples.length}, ${secs} s, engine restarts ${client.restarts}):`);
  const unavailable = outcomes.find((o) => o.status === 'unavailable');
  if (unavailable) log.info(`  NOTE: engine unavailable for ${t.byStatus['unavailable']} examples: ${unavailable.errorMessage}`);
  for (const l of docsTotalsLines(t)) log.info(l);
  log.info(`  ${formatRate('docs core', t.core)}\n  ${formatRate('docs all', t.all)}`);
  log.info(`  failures: ${files.failures}\n  summary:  ${files.summary}`);
  totals.docsCore = t.core;
  totals.docsAll = t.all;
}

async function runHuntingPart(args: HarnessArgs, shared: string, log: ReturnType<typeof makeLog>, totals: Totals): Promise<void> {
  const selected = selectHuntingQueries(loadHuntingQueries(shared));
  const queries = args.filter ? selected.filter((q) => q.id.includes(args.filter!)) : selected;
  const store = await prepareCorpusStore(OUT_DIR, args.rebuildStore, log.progress);
  log.info(`\nHunting queries: store = ${store.description}; now = ${store.now.toISOString()}`);
  const run = { now: store.now, maxRows: 1_000, timeoutMs: args.huntingTimeoutMs };
  const client = new EngineClient({ engine: store.db ? { db: store.db } : {} });
  const openError = await client.open();
  if (openError === undefined) log.progress(`  engine opened in ${Math.round(client.openMs)} ms`);
  const t0 = performance.now();
  let outcomes: HuntingOutcome[];
  try {
    outcomes = await runHunting(queries, client, run, (o, i) => {
      if (args.verbose && !args.json) console.log(`${o.status.toUpperCase()} ${o.id} [${o.ms} ms${o.rowCount !== undefined ? `, ${o.rowCount} rows` : ''}]${o.message ? `: ${o.code} ${o.message.split('\n')[0]}` : ''}`);
      else if ((i + 1) % 100 === 0) log.progress(`  hunting ${i + 1}/${queries.length} ...`);
    }, args.engine === 'chdb');
  } finally {
    client.close();
  }
  if (args.engine === 'chdb') {
    // The hunting corpus has no documented outputs: chDB's answers are checked against DuckDB's.
    const checked = await crossCheckWithDuckdb(outcomes, queries, store.db, run);
    outcomes = checked.outcomes;
    log.info(`  cross-check with DuckDB: ${checked.compared} results compared, ${checked.differing} differ (counted as failures)`);
  }
  const secs = Math.round((performance.now() - t0) / 1000);
  const t = huntingTotals(outcomes);
  const info = `Run ${new Date().toISOString()}; ${queries.length} selected queries (dialect not sentinel, otherTables empty)${args.filter ? ` (filter "${args.filter}")` : ''}; store: ${store.description}; now=${store.now.toISOString()}; timeout ${args.huntingTimeoutMs} ms; ${secs} s; engine restarts ${client.restarts}.`;
  const files = writeHuntingFiles(OUT_DIR, outcomes, queries, info, suffix(args), duckdbReference(args, 'hunting'));
  log.info(`Hunting queries (${queries.length}, ${secs} s, engine restarts ${client.restarts}):`);
  const unavailable = outcomes.find((o) => o.code === 'UNAVAILABLE');
  if (unavailable) log.info(`  NOTE: engine unavailable: ${unavailable.message}`);
  for (const l of huntingTotalsLines(t)) log.info(l);
  log.info(`  ${formatRate('hunting', t.rate)}  (= executed OK / (selected - bind errors - network externaldata))`);
  log.info(`  failures: ${files.failures}\n  summary:  ${files.summary}`);
  totals.hunting = t.rate;
}

/** Report file suffix: a chDB run or a filtered run never overwrites the full DuckDB reports. */
function suffix(args: HarnessArgs): string {
  return `${args.engine === 'chdb' ? '.chdb' : ''}${args.filter ? '.filtered' : ''}`;
}

async function main(): Promise<number> {
  let args: HarnessArgs;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error((e as Error).message);
    return 2;
  }
  // Engine workers are child processes: they read the engine module from the environment.
  if (args.engine === 'chdb') process.env['HARRIER_CONFORMANCE_ENGINE'] = fileURLToPath(new URL('./chdb-engine.ts', import.meta.url));
  const shared = locateShared(args.shared);
  const log = makeLog(args);
  const totals: Totals = {};
  if (args.only !== 'hunting') await runDocsPart(args, shared, log, totals);
  if (args.only !== 'docs') await runHuntingPart(args, shared, log, totals);

  const lines: string[] = [];
  if (totals.docsCore) lines.push(formatRate('docs core', totals.docsCore), formatRate('docs all', totals.docsAll!));
  if (totals.hunting) lines.push(formatRate('hunting', totals.hunting));
  if (args.json) {
    const j = (r: Rate | undefined) => (r ? { ...r, pct: pct(r) } : undefined);
    console.log(JSON.stringify({ docsCore: j(totals.docsCore), docsAll: j(totals.docsAll), hunting: j(totals.hunting) }, null, 2));
  } else {
    console.log(args.summary ? lines.join('\n') : `\n${lines.join('\n')}`);
  }
  let code = 0;
  if (args.minCore !== undefined && totals.docsCore && pct(totals.docsCore) < args.minCore) {
    console.error(`docs core ${pct(totals.docsCore)}% is below --min-core ${args.minCore}%`);
    code = 1;
  }
  if (args.minHunting !== undefined && totals.hunting && pct(totals.hunting) < args.minHunting) {
    console.error(`hunting ${pct(totals.hunting)}% is below --min-hunting ${args.minHunting}%`);
    code = 1;
  }
  return code;
}

main().then(
  (code) => { process.exitCode = code; },
  (e: unknown) => {
    console.error(`conformance harness failed: ${(e as Error)?.stack ?? String(e)}`);
    process.exitCode = 2;
  },
);
