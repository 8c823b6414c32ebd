/**
 * `harrier audit verify | actions`: checks the response audit trail's hash chain (exit 0 intact,
 * 1 tampered), and lists the machine actions it records (for a device and time window).
 */
import type { Command } from 'commander';
import { defaultAuditPath, verifyAudit } from '../../audit/index.js';
import { actionsTaken } from '../../respond/index.js';
import { DEFAULT_STORE_PATH } from '../../store/index.js';
import { CliError } from '../cli-error.js';
import { formatTextTable } from '../text-table.js';

function date(name: string, v: string | undefined): Date | undefined {
  if (v === undefined) return undefined;
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) throw new CliError(`${name} must be an ISO-8601 time, not '${v}'`);
  return d;
}

export function registerAudit(program: Command): void {
  const auditCmd = program.command('audit').description('the response audit trail: verify its hash chain, list actions taken');
  auditCmd
    .command('verify')
    .description('check that no entry was edited, deleted, inserted or reordered (exit 1 if one was)')
    .option('--db <file>', 'store the trail sits beside', DEFAULT_STORE_PATH)
    .option('--audit <file>', 'audit trail (default: harrier-audit.jsonl beside the store)')
    .option('--expect-head <sha256>', 'also require the trail to end at this hash (recorded earlier)')
    .option('--format <fmt>', 'text or json', 'text')
    .action((opts: { db: string; audit?: string; expectHead?: string; format: string }) => {
      const file = opts.audit ?? defaultAuditPath(opts.db);
      const v = verifyAudit(file, opts.expectHead ? { expectHead: opts.expectHead } : {});
      if (opts.format === 'json') {
        process.stdout.write(`${JSON.stringify({ file, ...v }, null, 2)}\n`);
      } else {
        for (const p of v.problems) process.stdout.write(`line ${p.line}: ${p.kind}: ${p.message}\n`);
        for (const w of v.warnings) process.stdout.write(`note: ${w}\n`);
        process.stdout.write(v.ok
          ? `${file}: intact, ${v.entries} entr${v.entries === 1 ? 'y' : 'ies'}, head sha256 ${v.headSha256}\n`
          : `${file}: TAMPERED: ${v.problems.length} problem(s) in ${v.entries} entr${v.entries === 1 ? 'y' : 'ies'}\n`);
      }
      if (!v.ok) process.exitCode = 1;
    });
  auditCmd
    .command('actions')
    .description('machine actions recorded in the trail, with Defender action ids and statuses')
    .option('--db <file>', 'store the trail sits beside', DEFAULT_STORE_PATH)
    .option('--audit <file>', 'audit trail (default: harrier-audit.jsonl beside the store)')
    .option('--device <name|id>', 'only this device')
    .option('--since <iso>', 'only actions at or after this time')
    .option('--until <iso>', 'only actions at or before this time')
    .option('--all', 'include dry runs, refused and failed attempts')
    .option('--format <fmt>', 'text or json', 'text')
    .action((opts: { db: string; audit?: string; device?: string; since?: string; until?: string; all?: boolean; format: string }) => {
      const from = date('--since', opts.since);
      const to = date('--until', opts.until);
      const rows = actionsTaken(opts.audit ?? defaultAuditPath(opts.db), {
        ...(opts.device ? { device: opts.device } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}),
        includeDryRuns: opts.all === true, includeFailed: opts.all === true,
      });
      if (opts.format === 'json') {
        process.stdout.write(`${JSON.stringify({ actions: rows }, null, 2)}\n`);
        return;
      }
      if (rows.length > 0) {
        process.stdout.write(formatTextTable(['time (UTC)', 'action', 'device', 'action id', 'status', 'analyst', 'approved by'],
          rows.map((a) => [a.time, a.action, a.deviceName || a.machineId, a.actionId || '-', a.status, a.analyst, a.approvedBy ?? '-'])));
      }
      process.stdout.write(`${rows.length} action(s)\n`);
    });
}
