/**
 * Polls a machine action (`GET machineactions/{id}`) until Defender reports a final status
 * (Succeeded, Failed, TimeOut, Cancelled) or the wait times out.
 */
import type { MdeClient } from './client.js';
import { READ_PERMISSION, TERMINAL_STATUSES } from './actions.js';
import { MdeHttpError, ResponseError, describeHttpError } from './errors.js';

export interface MachineActionJson {
  readonly id?: string;
  readonly type?: string;
  readonly status?: string;
  readonly machineId?: string;
  readonly computerDnsName?: string;
  readonly lastUpdateDateTimeUtc?: string;
  readonly [k: string]: unknown;
}

export interface PollOptions {
  readonly intervalMs: number;
  readonly timeoutMs: number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
  readonly onStatus?: (status: string) => void;
}

export function isTerminal(status: string | undefined): boolean {
  return (TERMINAL_STATUSES as readonly string[]).includes(status ?? '');
}

export async function pollMachineAction(client: MdeClient, actionId: string, opts: PollOptions): Promise<MachineActionJson> {
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const now = opts.now ?? Date.now;
  const deadline = now() + opts.timeoutMs;
  let last: string | undefined;
  for (;;) {
    let action: MachineActionJson;
    try {
      action = (await client.request<MachineActionJson>('GET', `machineactions/${encodeURIComponent(actionId)}`)).body ?? {};
    } catch (err) {
      if (err instanceof MdeHttpError) throw describeHttpError(err, { doing: `checking machine action ${actionId}`, permission: READ_PERMISSION });
      throw err;
    }
    if (action.status !== last) {
      last = action.status;
      opts.onStatus?.(String(action.status));
    }
    if (isTerminal(action.status)) return action;
    if (now() + opts.intervalMs > deadline) {
      throw new ResponseError('timeout', `machine action ${actionId} is still ${String(action.status)} after ${Math.round(opts.timeoutMs / 1000)} s; check it later in the Defender portal's Action center or with GET machineactions/${actionId}`);
    }
    await sleep(opts.intervalMs);
  }
}
