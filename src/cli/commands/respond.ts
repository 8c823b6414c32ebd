/**
 * `harrier respond <action>`: Defender for Endpoint machine actions. A dry run by default (prints
 * the exact requests); `--execute` sends them with the app registration in HARRIER_* variables;
 * `--wait` polls the action to its final status. Every attempt is appended to the audit trail.
 * Exit 0 ok (or Succeeded), 1 on any failure, refusal, or a final status other than Succeeded.
 */
import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { defaultAuditPath } from '../../audit/index.js';
import { DEFAULT_STORE_PATH } from '../../store/index.js';
import { ACTIONS, ACTION_NAMES, ResponseError, respond, type ActionName, type IsolationType, type ScanType } from '../../respond/index.js';
import { CliError } from '../cli-error.js';

interface RespondCliOptions {
  device: string;
  comment: string;
  isolation?: string;
  scan?: string;
  sha1?: string;
  execute?: boolean;
  wait?: boolean;
  analyst?: string;
  approveBy?: string;
  audit?: string;
  protected?: string;
  db: string;
  pollInterval: string;
  waitTimeout: string;
}

export function osUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env['USER'] ?? process.env['USERNAME'] ?? 'unknown';
  }
}

function seconds(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new CliError(`${name} must be a positive number of seconds, not '${value}'`);
  return Math.round(n * 1000);
}

async function run(action: ActionName, opts: RespondCliOptions): Promise<void> {
  const osUser = osUserName();
  try {
    const result = await respond({
      action,
      device: opts.device,
      params: {
        comment: opts.comment,
        ...(opts.isolation !== undefined ? { isolation: opts.isolation as IsolationType } : {}),
        ...(opts.scan !== undefined ? { scan: opts.scan as ScanType } : {}),
        ...(opts.sha1 !== undefined ? { sha1: opts.sha1 } : {}),
      },
      execute: opts.execute === true,
      wait: opts.wait === true,
      analyst: opts.analyst || process.env['HARRIER_ANALYST'] || osUser,
      osUser,
      ...(opts.approveBy !== undefined ? { approveBy: opts.approveBy } : {}),
      auditFile: opts.audit ?? defaultAuditPath(opts.db),
      ...(opts.protected !== undefined ? { protectedFile: opts.protected } : {}),
      db: opts.db,
      pollIntervalMs: seconds('--poll-interval', opts.pollInterval),
      waitTimeoutMs: seconds('--wait-timeout', opts.waitTimeout),
    }, {
      env: process.env,
      out: (t) => process.stdout.write(t),
      err: (t) => process.stderr.write(t),
    });
    if (result.exitCode !== 0) process.exitCode = result.exitCode;
  } catch (err) {
    if (err instanceof ResponseError) throw new CliError(err.message, 1);
    throw err;
  }
}

export function registerRespond(program: Command): void {
  const respondCmd = program
    .command('respond')
    .description('Defender for Endpoint machine actions (dry run unless --execute), recorded in the audit trail');
  for (const name of ACTION_NAMES) {
    const spec = ACTIONS[name];
    const cmd = respondCmd
      .command(name)
      .description(`${spec.summary} (app permission ${spec.permission}${spec.needsApproval ? '; protected assets need --approve-by' : ''})`)
      .requiredOption('--device <name|id>', 'device name (as in DeviceName) or machine id')
      .requiredOption('--comment <text>', 'why: sent to Defender and kept in the audit trail');
    if (spec.takes.includes('isolation')) cmd.option('--isolation <type>', 'Full or Selective', 'Full');
    if (spec.takes.includes('scan')) cmd.option('--scan <type>', 'Quick or Full', 'Quick');
    if (spec.takes.includes('sha1')) cmd.requiredOption('--sha1 <hash>', 'SHA-1 of the file to stop and quarantine');
    cmd
      .option('--execute', 'send the request to Defender (default: dry run, prints it)')
      .option('--wait', 'with --execute: poll the machine action until Succeeded, Failed, TimeOut or Cancelled')
      .option('--analyst <name>', 'who is acting (default: $HARRIER_ANALYST, else the OS user)')
      .option('--approve-by <name>', 'second person approving isolation / app restriction of a protected asset')
      .option('--db <file>', 'store: locates the audit trail and protected-assets file, and resolves names in dry runs', DEFAULT_STORE_PATH)
      .option('--audit <file>', 'audit trail (default: harrier-audit.jsonl beside the store)')
      .option('--protected <file>', 'protected-assets YAML (default: harrier-protected-assets.yaml beside the store, else built-in defaults)')
      .option('--poll-interval <seconds>', 'with --wait: seconds between status checks', '5')
      .option('--wait-timeout <seconds>', 'with --wait: give up waiting after this many seconds', '900')
      .action((opts: RespondCliOptions) => run(name, opts));
  }
}
