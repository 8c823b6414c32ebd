/**
 * Runs one response action end to end: checks the arguments, resolves the device, applies the
 * protected-assets approval rule, then either renders the exact requests (dry run, the default) or
 * sends them to Defender (execute), optionally waiting for the final status. Every attempt, dry or
 * executed, sent, failed or refused, is appended to the audit trail; no secret or token is printed
 * or written.
 */
import { hostname } from 'node:os';
import { appendAudit } from '../audit/index.js';
import { ACTIONS, validateParams, type ActionName, type ActionParams } from './actions.js';
import { MdeClient } from './client.js';
import { apiBaseFromEnv, loadMdeConfig, redact, type MdeConfig } from './config.js';
import { MdeHttpError, ResponseError, describeHttpError } from './errors.js';
import { pollMachineAction, type MachineActionJson } from './poll.js';
import { loadProtectedAssets, protectionReason, protectedAssetsPath } from './protected-assets.js';
import { plannedHeaders, renderRequest, type PlannedRequest } from './render.js';
import { isMachineId, machineLookupPath, resolveDeviceViaApi, resolveDeviceViaStore, type ResolvedDevice } from './resolve-device.js';
import { msalTokenProvider, type TokenProvider } from './token.js';

export interface RespondRequest {
  readonly action: ActionName;
  readonly device: string;
  readonly params: ActionParams;
  readonly execute: boolean;
  readonly wait: boolean;
  readonly analyst: string;
  readonly osUser: string;
  readonly approveBy?: string;
  readonly auditFile: string;
  readonly protectedFile?: string;
  readonly db: string;
  readonly pollIntervalMs: number;
  readonly waitTimeoutMs: number;
}

export interface RespondIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly tokenProvider?: (cfg: MdeConfig) => TokenProvider;
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface RespondResult {
  readonly exitCode: number;
  readonly actionId?: string;
  readonly status?: string;
}

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };

function deepRedact(v: Json, secrets: readonly string[]): Json {
  if (typeof v === 'string') return redact(v, secrets);
  if (Array.isArray(v)) return v.map((x) => deepRedact(x, secrets));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, deepRedact(x, secrets)]));
  return v;
}

function auditRequest(req: PlannedRequest): Json {
  return { method: req.method, url: req.url, headers: plannedHeaders(req), body: req.body ? { ...req.body } : null };
}

export async function respond(r: RespondRequest, io: RespondIo): Promise<RespondResult> {
  const spec = ACTIONS[r.action];
  const problems = validateParams(spec, r.params);
  if (problems.length > 0) throw new ResponseError('arguments', problems.join('; '));
  if (r.approveBy !== undefined) {
    if (r.approveBy.trim() === '') throw new ResponseError('arguments', '--approve-by needs the approver\'s name');
    if ([r.analyst, r.osUser].some((x) => x.toLowerCase() === r.approveBy!.trim().toLowerCase())) {
      throw new ResponseError('approval', `--approve-by must name a second person, not the analyst sending the action (${r.approveBy})`);
    }
  }
  const assets = loadProtectedAssets(protectedAssetsPath(r.protectedFile, r.db));
  const secrets: string[] = [];
  const body = spec.body(r.params);
  const base = {
    kind: 'action',
    who: { osUser: r.osUser, analyst: r.analyst, host: hostname() },
    action: r.action,
    mdeType: spec.mdeType,
    comment: r.params.comment,
    approvedBy: r.approveBy?.trim() ?? null,
  };
  const audit = (record: Record<string, Json>) => appendAudit(r.auditFile, deepRedact(record as Json, secrets) as Record<string, Json>);

  if (!r.execute) return dryRun();
  return execute();

  async function dryRun(): Promise<RespondResult> {
    const apiBase = apiBaseFromEnv(io.env);
    const known = await resolveDeviceViaStore(r.db, r.device);
    const id = isMachineId(r.device) ? r.device.toLowerCase() : known?.machineId;
    const reason = protectionReason(assets, { name: known?.name ?? (isMachineId(r.device) ? '' : r.device), machineId: id ?? '', osPlatform: known?.osPlatform ?? '' });
    const steps: { title: string; req: PlannedRequest }[] = [];
    if (isMachineId(r.device)) {
      steps.push({ title: 'look up the device (name and OS, for the protected-assets check)', req: { method: 'GET', url: `${apiBase}/machines/${r.device.toLowerCase()}` } });
    } else {
      steps.push({ title: `resolve '${r.device}' to its machine id`, req: { method: 'GET', url: `${apiBase}/${machineLookupPath(r.device)}` } });
    }
    const idText = id ?? `{machine id of ${r.device}, looked up at run time}`;
    const post: PlannedRequest = { method: 'POST', url: `${apiBase}/machines/${idText}/${spec.path}`, body };
    steps.push({ title: `${r.action}: ${spec.summary} (needs the app permission ${spec.permission})`, req: post });
    let text = `# dry run: nothing is sent. Add --execute to send these requests to Defender.\n`;
    if (known) text += `# ${r.device} is ${known.name} (machine id ${known.machineId}${known.osPlatform ? `, ${known.osPlatform}` : ''}) in ${r.db}\n`;
    steps.forEach((s, i) => { text += `\n# ${i + 1}. ${s.title}\n${renderRequest(s.req)}`; });
    if (spec.needsApproval && reason) {
      text += `\n# ${r.device} is a protected asset (${reason}): executing ${r.action} needs --approve-by NAME${r.approveBy ? ` (given: ${r.approveBy})` : ''}\n`;
    }
    if (r.wait) text += `\n# then, with --wait: GET ${apiBase}/machineactions/{action id} until Succeeded, Failed, TimeOut or Cancelled\n`;
    io.out(text);
    audit({ ...base, mode: 'dry-run', outcome: 'dry-run',
      device: { argument: r.device, name: known?.name ?? null, machineId: id ?? null, protected: reason ?? null },
      request: auditRequest(post), response: null });
    return { exitCode: 0 };
  }

  async function execute(): Promise<RespondResult> {
    const cfg = loadMdeConfig(io.env);
    secrets.push(...cfg.secrets);
    const getToken = (io.tokenProvider ?? msalTokenProvider)(cfg);
    let token: string | undefined;
    const cachedToken: TokenProvider = async () => {
      token ??= await getToken();
      if (!secrets.includes(token)) secrets.push(token);
      return token;
    };
    const client = new MdeClient({
      apiBase: cfg.apiBase, getToken: cachedToken,
      ...(io.sleep ? { sleep: io.sleep } : {}),
      onBackoff: (ms, attempt) => io.err(`harrier: Defender is rate limiting (429); waiting ${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s before retry ${attempt}\n`),
    });
    const deviceRecord = (d: ResolvedDevice | undefined, reason: string | undefined): Json =>
      ({ argument: r.device, name: d?.name ?? null, machineId: d?.machineId ?? null, protected: reason ?? null });
    const failed = (err: unknown, d: ResolvedDevice | undefined, req: PlannedRequest | null): never => {
      const status = err instanceof ResponseError ? err.status ?? null : null;
      audit({ ...base, mode: 'execute', outcome: 'failed', device: deviceRecord(d, undefined),
        request: req ? auditRequest(req) : null,
        response: { status, actionId: null, actionStatus: null, error: err instanceof Error ? err.message : String(err) } });
      throw err;
    };

    let device: ResolvedDevice;
    try {
      device = await resolveDeviceViaApi(client, r.device);
    } catch (err) {
      return failed(err, undefined, null);
    }
    const reason = protectionReason(assets, device);
    const post: PlannedRequest = { method: 'POST', url: client.url(`machines/${device.machineId}/${spec.path}`), body };
    if (spec.needsApproval && reason && !r.approveBy) {
      audit({ ...base, mode: 'execute', outcome: 'refused', device: deviceRecord(device, reason), request: auditRequest(post),
        response: { status: null, actionId: null, actionStatus: null, error: 'protected asset: --approve-by missing' } });
      throw new ResponseError('approval', `${device.name} is a protected asset (${reason}): ${r.action} needs a second person's approval: add --approve-by NAME. Nothing was sent.`);
    }
    let action: MachineActionJson;
    let httpStatus: number;
    try {
      const res = await client.request<MachineActionJson>('POST', `machines/${device.machineId}/${spec.path}`, body);
      action = res.body ?? {};
      httpStatus = res.status;
    } catch (err) {
      const e = err instanceof MdeHttpError ? describeHttpError(err, { doing: `${r.action} on ${device.name || device.machineId}`, permission: spec.permission, device: device.name }) : err;
      return failed(e, device, post);
    }
    const actionId = String(action.id ?? '');
    audit({ ...base, mode: 'execute', outcome: 'sent', device: deviceRecord(device, reason), request: auditRequest(post),
      response: { status: httpStatus, actionId, actionStatus: String(action.status ?? ''), error: null } });
    io.out(`${r.action} sent to ${device.name} (machine id ${device.machineId}): HTTP ${httpStatus}, action id ${actionId}, status ${String(action.status)}\n`);
    if (!r.wait) return { exitCode: 0, actionId, status: String(action.status) };

    const pollReq: PlannedRequest = { method: 'GET', url: client.url(`machineactions/${actionId}`) };
    let final: MachineActionJson;
    try {
      final = await pollMachineAction(client, actionId, {
        intervalMs: r.pollIntervalMs, timeoutMs: r.waitTimeoutMs, ...(io.sleep ? { sleep: io.sleep } : {}),
        onStatus: (s) => io.err(`harrier: action ${actionId}: ${s}\n`),
      });
    } catch (err) {
      audit({ ...base, kind: 'status', mode: 'execute', outcome: err instanceof ResponseError && err.kind === 'timeout' ? 'wait-timeout' : 'failed',
        device: deviceRecord(device, reason), request: auditRequest(pollReq),
        response: { status: err instanceof ResponseError ? err.status ?? null : null, actionId, actionStatus: null, error: err instanceof Error ? err.message : String(err) } });
      throw err;
    }
    const status = String(final.status);
    audit({ ...base, kind: 'status', mode: 'execute', outcome: 'final', device: deviceRecord(device, reason), request: auditRequest(pollReq),
      response: { status: 200, actionId, actionStatus: status, error: null } });
    io.out(`${r.action} on ${device.name}: action ${actionId} ${status}\n`);
    return { exitCode: status === 'Succeeded' ? 0 : 1, actionId, status };
  }
}

