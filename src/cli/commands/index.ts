/** The list of subcommands, in the order `--help` shows them. */
import type { Command } from 'commander';
import { registerTables } from './tables.js';
import { registerSimulate } from './simulate.js';
import { registerDemo } from './demo.js';
import { registerQuery } from './query.js';
import { registerIngest } from './ingest.js';
import { registerHunt } from './hunt.js';
import { registerTimeline } from './timeline.js';
import { registerRules } from './rules.js';
import { registerRespond } from './respond.js';
import { registerAudit } from './audit.js';
import { registerReport } from './report.js';
import { registerEvidence } from './evidence.js';
import { registerCollect } from './collect.js';
import { registerServe } from './serve.js';
import { registerClickHouseUdfs } from './clickhouse-udfs.js';

export function registerCommands(program: Command): void {
  registerIngest(program);
  registerCollect(program);
  registerTables(program);
  registerSimulate(program);
  registerDemo(program);
  registerQuery(program);
  registerHunt(program);
  registerTimeline(program);
  registerRules(program);
  registerRespond(program);
  registerAudit(program);
  registerReport(program);
  registerEvidence(program);
  registerServe(program);
  registerClickHouseUdfs(program);
}
