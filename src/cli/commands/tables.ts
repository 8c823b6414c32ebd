/** `harrier tables`: each MDE table with its row count and time range. */
import type { Command } from 'commander';
import { DEFAULT_STORE_PATH, openStore } from '../../store/index.js';
import { tableStats } from '../../store/table-stats.js';
import { formatTextTable } from '../text-table.js';

export function registerTables(program: Command): void {
  program
    .command('tables')
    .description('list the MDE tables in a store with row counts and time ranges')
    .option('--db <file>', 'DuckDB store file', DEFAULT_STORE_PATH)
    .option('--format <fmt>', 'table or json', 'table')
    .action(async (opts: { db: string; format: string }) => {
      const store = await openStore(opts.db);
      try {
        const stats = await tableStats(store.connection);
        if (opts.format === 'json') {
          process.stdout.write(`${JSON.stringify(stats, null, 2)}\n`);
          return;
        }
        process.stdout.write(formatTextTable(
          ['table', 'rows', 'first Timestamp (UTC)', 'last Timestamp (UTC)'],
          stats.map((s) => [s.table, s.rows.toLocaleString('en-US'), s.firstTimestamp ?? '-', s.lastTimestamp ?? '-']),
          { alignRight: [1] },
        ));
      } finally {
        store.close();
      }
    });
}
