/**
 * `harrier timeline --device NAME [--from ISO] [--to ISO] [--format table|json|csv]`: every
 * Device* table's events for one device in time order, like Defender's device timeline, with the
 * events that findings cite flagged and their techniques shown (the hunt pack runs first, with
 * now = --to or the store's last event; --no-findings skips it). `--format csv` is
 * Timesketch-compatible: datetime, timestamp_desc, message, then fields.
 */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { DEFAULT_STORE_PATH } from '../../store/index.js';
import { BUILTIN_RULES_DIR, openHuntEngine } from '../../hunts/index.js';
import { timelineDocument } from '../../correlate/timeline-document.js';
import type { TimelineEvent } from '../../correlate/timeline.js';
import { CliError } from '../cli-error.js';
import { formatTextTable } from '../text-table.js';
import { loadRulesForCli } from './hunt.js';
import { latestEventTime } from '../../store/latest-event.js';

interface TimelineCliOptions { db: string; device: string; from?: string; to?: string; format: string; limit: string; findings: boolean; rules: string[] }

const collect = (value: string, previous: string[]) => [...previous, value];

function parseTime(name: string, v: string | undefined): Date | undefined {
  if (v === undefined) return undefined;
  const d = new Date(v);
  if (Number.isNaN(d.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(v)) throw new CliError(`${name} must be an ISO-8601 time such as 2026-11-24T22:00:00Z, not '${v}'`);
  return d;
}

const csvCell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

/** Timesketch CSV columns: the three it requires, then `timestamp` (µs since epoch) and fields. */
const CSV_FIELDS: readonly [string, (e: TimelineEvent) => string][] = [
  ['datetime', (e) => e.timestamp],
  ['timestamp_desc', (e) => `${e.table} ${e.actionType || 'Timestamp'}`.trim()],
  ['message', (e) => e.message],
  ['timestamp', (e) => String(Date.parse(e.timestamp) * 1000 + Number(e.timestamp.slice(23, 26) || 0))],
  ['table', (e) => e.table],
  ['action_type', (e) => e.actionType],
  ['device_name', (e) => e.deviceName],
  ['account', (e) => e.account],
  ['report_id', (e) => (e.reportId === null ? '' : String(e.reportId))],
  ['file_name', (e) => String(e.fields['FileName'] ?? '')],
  ['folder_path', (e) => String(e.fields['FolderPath'] ?? '')],
  ['process_command_line', (e) => String(e.fields['ProcessCommandLine'] ?? '')],
  ['initiating_process', (e) => String(e.fields['InitiatingProcessFileName'] ?? '')],
  ['initiating_process_command_line', (e) => String(e.fields['InitiatingProcessCommandLine'] ?? '')],
  ['remote_ip', (e) => String(e.fields['RemoteIP'] ?? '')],
  ['remote_port', (e) => String(e.fields['RemotePort'] ?? '')],
  ['remote_url', (e) => String(e.fields['RemoteUrl'] ?? '')],
  ['findings', (e) => e.findings.map((f) => f.title).join('; ')],
  ['techniques', (e) => [...new Set(e.findings.flatMap((f) => f.techniques))].join(' ')],
];

export function timelineCsv(events: readonly TimelineEvent[]): string {
  return [CSV_FIELDS.map(([n]) => n).join(','), ...events.map((e) => CSV_FIELDS.map(([, get]) => csvCell(get(e))).join(','))].join('\n') + '\n';
}

export function timelineTable(events: readonly TimelineEvent[]): string {
  return formatTextTable(['Timestamp (UTC)', 'table', 'account', 'finding', 'event'], events.map((e) => {
    const techniques = [...new Set(e.findings.flatMap((f) => f.techniques))].join(' ');
    const msg = e.message.replace(/\s+/g, ' ');
    return [e.timestamp.replace('T', ' ').replace('Z', ''), e.table.replace(/^Device/, ''), e.account || '-', techniques ? `* ${techniques}` : '', msg.length > 160 ? `${msg.slice(0, 157)}...` : msg];
  }));
}

export function registerTimeline(program: Command): void {
  program
    .command('timeline')
    .description("one device's events from every Device* table in time order, with the events findings cite flagged (like Defender's device timeline)")
    .requiredOption('--device <name>', 'DeviceName (e.g. ws-1009.corp.contoso.com), its host part (ws-1009) or DeviceId')
    .option('--db <file>', 'DuckDB store file', DEFAULT_STORE_PATH)
    .option('--from <iso>', 'first time to show (inclusive, ISO-8601)')
    .option('--to <iso>', 'end of the window (exclusive, ISO-8601); also pins the hunt\'s now (default: the store\'s last event)')
    .option('--format <fmt>', 'table, json, or csv (Timesketch: datetime, timestamp_desc, message + fields)', 'table')
    .option('--limit <n>', 'most events shown, earliest first (0 = no limit)', '10000')
    .option('--rules <dir>', 'rule folder or file used to flag findings (repeatable; default: the built-in pack)', collect, [])
    .option('--no-findings', 'do not run the hunt pack; show events only')
    .action(async (opts: TimelineCliOptions) => {
      if (!['table', 'json', 'csv'].includes(opts.format)) throw new CliError(`--format must be table, json or csv, not '${opts.format}'`);
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 0) throw new CliError(`--limit must be a whole number, not '${opts.limit}'`);
      const from = parseTime('--from', opts.from);
      const to = parseTime('--to', opts.to);
      if (from && to && from >= to) throw new CliError('--from must be before --to');
      if (!existsSync(opts.db)) throw new CliError(`no store at ${opts.db} (pass --db, or create one with ingest or the simulator)`);

      const engine = opts.findings ? await openHuntEngine({ db: opts.db }) : undefined;
      let timeline;
      try {
        timeline = await timelineDocument({
          db: opts.db, device: opts.device, ...(from ? { from } : {}), ...(to ? { to } : {}), limit: limit === 0 ? Number.MAX_SAFE_INTEGER - 1 : limit,
          ...(engine ? { hunt: {
            engine, rules: loadRulesForCli(opts.rules.length > 0 ? opts.rules : [BUILTIN_RULES_DIR]), lastEvent: await latestEventTime(opts.db),
            onRuleError: (rule: string, msg: string) => process.stderr.write(`harrier: rule '${rule}' failed: ${msg}\n`),
          } } : {}),
        });
      } finally {
        engine?.close();
      }
      if (timeline.devices.length === 0) throw new CliError(`no events for device '${opts.device}'${from || to ? ' in that window' : ''}`);
      const events = timeline.events;
      if (timeline.truncated) process.stderr.write(`harrier: showing the first ${events.length} events; narrow --from/--to or raise --limit\n`);
      if (opts.format === 'json') {
        process.stdout.write(`${JSON.stringify({ devices: timeline.devices, truncated: timeline.truncated, events }, null, 2)}\n`);
      } else if (opts.format === 'csv') {
        process.stdout.write(timelineCsv(events));
      } else {
        process.stdout.write(timelineTable(events));
        const flagged = events.filter((e) => e.findings.length > 0).length;
        process.stdout.write(`${events.length} event(s) on ${timeline.devices.join(', ')}, ${flagged} cited by findings${timeline.truncated ? ' (truncated)' : ''}\n`);
      }
    });
}
