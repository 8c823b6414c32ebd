/**
 * `harrier demo` (what `npm start` runs): simulates the default estate into ./harrier-demo.duckdb
 * when it does not exist yet, prints the table statistics and the planted timeline from
 * _harrier_truth, then runs the built-in hunt pack with now = just after the store's last event
 * (the demo's data is fixed in time, so the wall clock would put it outside every lookback) and
 * prints the incidents, highest risk first, with their indicators. The simulator's HR watchlist
 * (`<store>.hr-watchlist.csv`) is used when it exists next to the store. Last, it writes the hunt
 * report of the highest-risk incident to ./harrier-report/ (report.md, report.html).
 */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { openStore } from '../../store/index.js';
import { tableStats } from '../../store/table-stats.js';
import { simulate } from '../../simulate/simulate.js';
import { TRUTH_TABLE } from '../../simulate/truth.js';
import { formatTextTable } from '../text-table.js';
import { BUILTIN_RULES_DIR, loadRulesOrThrow, openHuntEngine, runHuntsDetailed } from '../../hunts/index.js';
import { formatHuntIncidentsText } from './hunt.js';
import { incidentsForRun } from '../../correlate/for-run.js';
import { prepareIncidentInputs } from './incident-options.js';
import { resolveNow } from './resolve-now.js';
import { readStoreFacts } from '../../report/store-facts.js';
import { defaultAuditPath } from '../../audit/location.js';
import { writeHuntReport } from './report.js';

export const DEMO_STORE = './harrier-demo.duckdb';
export const DEMO_REPORT_DIR = './harrier-report';

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description(`simulate the demo estate into ${DEMO_STORE} (once), show it, hunt it, print the incidents and write the hunt report`)
    .option('--db <file>', 'demo store file', DEMO_STORE)
    .option('--report <dir>', 'folder for the hunt report (report.md, report.html)', DEMO_REPORT_DIR)
    .action(async (o: { db: string; report: string }) => {
      if (!existsSync(o.db)) {
        process.stdout.write(`simulating 200 devices over 72 hours into ${o.db} …\n`);
        const s = await simulate({ out: o.db });
        process.stdout.write(`${s.events.toLocaleString('en-US')} events in ${s.totalSeconds.toFixed(1)} s\n\n`);
      }
      const store = await openStore(o.db, { readOnly: true });
      try {
        const stats = await tableStats(store.connection);
        process.stdout.write(formatTextTable(
          ['table', 'rows', 'first Timestamp (UTC)', 'last Timestamp (UTC)'],
          stats.map((s) => [s.table, s.rows.toLocaleString('en-US'), s.firstTimestamp ?? '-', s.lastTimestamp ?? '-']),
          { alignRight: [1] },
        ));
        const reader = await store.connection.runAndReadAll(`SELECT strftime(min(Timestamp), '%Y-%m-%d %H:%M:%S'), Scenario, Step, Technique, TableName,
            count(*), arg_min(DeviceName, Timestamp), arg_min(Detail, Timestamp) FROM ${TRUTH_TABLE} GROUP BY Scenario, Step, Technique, TableName ORDER BY min(Timestamp), min(ReportId)`);
        process.stdout.write(`\nPlanted timeline (${TRUTH_TABLE}, UTC):\n`);
        process.stdout.write(formatTextTable(['first (UTC)', 'scenario', 'step', 'technique', 'table', 'events', 'device', 'example'],
          reader.getRows().map((r) => r.map((v) => String(v ?? ''))), { alignRight: [5] }));
      } finally {
        store.close();
      }
      const now = await resolveNow('latest', o.db);
      const rules = loadRulesOrThrow([BUILTIN_RULES_DIR]);
      process.stdout.write(`\nHunting with the built-in pack (${rules.length} rules, now=${now.toISOString()}):\n`);
      const watchlist = existsSync(`${o.db}.hr-watchlist.csv`) ? [`${o.db}.hr-watchlist.csv`] : [];
      if (watchlist.length > 0) process.stdout.write(`HR watchlist: ${watchlist[0]}\n`);
      const inputs = prepareIncidentInputs({ watchlist, tz: [] });
      const facts = await readStoreFacts(o.db);
      const engine = await openHuntEngine({ db: o.db });
      let timelineHint = '';
      let reportHint = '';
      try {
        const result = await runHuntsDetailed(engine, rules, { now });
        const incidents = await incidentsForRun(engine, result, rules, inputs);
        process.stdout.write(`\nIncidents, highest risk first:\n`);
        process.stdout.write(formatHuntIncidentsText(result, incidents, rules.length, now));
        const top = incidents[0];
        if (top?.firstSeen && top.devices[0]) {
          const hour = new Date(Math.floor(Date.parse(top.firstSeen) / 3_600_000) * 3_600_000);
          timelineHint = `  npx harrier timeline --db ${o.db} --device ${top.devices[0]} --from ${hour.toISOString().replace('.000Z', 'Z')} --to ${new Date(hour.getTime() + 3_600_000).toISOString().replace('.000Z', 'Z')}\n`;
        }
        for (const r of result.runs.filter((x) => x.error)) process.stderr.write(`harrier: rule '${r.rule.rule.name}' failed: ${r.error!.message}\n`);
        const written = await writeHuntReport({ facts, rules, run: result, incidents, engine, inputs, watchlistFiles: watchlist, auditFile: defaultAuditPath(o.db), outDir: o.report });
        process.stdout.write(`\nHunt report${written.incidentId ? ` of ${written.incidentId}` : ''}: ${written.markdown} and ${written.html}\n`);
        if (top) reportHint = `  npx harrier evidence export --db ${o.db} --now ${now.toISOString()}${watchlist.length > 0 ? ` --watchlist ${watchlist[0]}` : ''} --incident ${top.id} --out evidence-${top.id}\n`;
      } finally {
        engine.close();
      }
      process.stdout.write(`\nNext:\n  npx harrier hunt --db ${o.db} --now latest${watchlist.length > 0 ? ` --watchlist ${watchlist[0]}` : ''}\n${timelineHint}${reportHint}  npx harrier query --db ${o.db} 'DeviceProcessEvents | take 10'\n  npx harrier serve --db ${o.db} --now latest${watchlist.length > 0 ? ` --watchlist ${watchlist[0]}` : ''}   # the web console on http://127.0.0.1:8717\n`);
    });
}
