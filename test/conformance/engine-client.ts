/**
 * Runs KQL through the engine in a child process (engine-worker.ts) so that a query that hangs,
 * loops synchronously or crashes the process cannot stop the harness. Promises: `query()` never
 * throws; it resolves to ok / error / timeout / crash / unavailable. After a timeout or crash
 * the child is killed (by its pid) and a fresh one is started for the next query.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { OpenEngineOptions, QueryResult } from '../../src/engine/contract.js';
import type { FromWorker, SerializedError, ToWorker } from './engine-protocol.js';
import { REPO_ROOT } from './load-corpus.js';

export type QueryOutcome =
  | { readonly kind: 'ok'; readonly result: QueryResult; readonly ms: number }
  | { readonly kind: 'error'; readonly error: SerializedError; readonly ms: number }
  | { readonly kind: 'timeout'; readonly ms: number }
  | { readonly kind: 'crash'; readonly message: string; readonly ms: number }
  | { readonly kind: 'unavailable'; readonly message: string; readonly ms: number };

export interface ClientOptions {
  readonly engine: OpenEngineOptions;
  /** How long opening the engine may take (first load of the parser is slow). */
  readonly openTimeoutMs?: number;
  /** Extra wall-clock time allowed beyond the engine's own timeout before the child is killed. */
  readonly graceMs?: number;
}

export interface RunOptions {
  readonly now: Date;
  readonly maxRows: number;
  readonly timeoutMs: number;
}

const WORKER = fileURLToPath(new URL('./engine-worker.ts', import.meta.url));

export class EngineClient {
  private child: ChildProcess | undefined;
  private ready: Promise<string | undefined> | undefined;
  private nextId = 1;
  private pending: ((msg: FromWorker | { type: 'exit'; message: string }) => void) | undefined;
  private stderrTail = '';
  /** Set when opening failed in a way that retrying will not fix (engine missing). */
  private fatal: string | undefined;
  restarts = 0;
  openMs = 0;

  constructor(private readonly options: ClientOptions) {}

  /** Starts the child and opens the engine; resolves to an error message or undefined. */
  private start(): Promise<string | undefined> {
    this.stderrTail = '';
    const child = spawn(process.execPath, ['--max-old-space-size=4096', '--import', 'tsx', WORKER], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'advanced',
    });
    this.child = child;
    child.on('error', (e) => {
      if (this.child !== child) return;
      this.child = undefined;
      this.pending?.({ type: 'exit', message: `engine process failed: ${e.message}` });
    });
    child.stdout?.on('data', () => { /* engine chatter is dropped */ });
    child.stderr?.on('data', (d: Buffer) => { this.stderrTail = (this.stderrTail + d.toString()).slice(-2000); });
    // Messages and exits of a child already replaced (killed after a timeout) are ignored.
    child.on('message', (msg: FromWorker) => { if (this.child === child) this.pending?.(msg); });
    child.on('exit', (code, signal) => {
      if (this.child !== child) return;
      this.child = undefined;
      this.pending?.({ type: 'exit', message: `engine process exited (code ${code}, signal ${signal})${this.stderrTail ? `: ${this.stderrTail.trim().split('\n').slice(-3).join(' | ')}` : ''}` });
    });
    return new Promise((resolve) => {
      const timer = setTimeout(() => { this.kill(); resolve(`engine did not open within ${this.options.openTimeoutMs ?? 120_000} ms`); }, this.options.openTimeoutMs ?? 120_000);
      this.pending = (msg) => {
        clearTimeout(timer);
        this.pending = undefined;
        if (msg.type === 'ready') { this.openMs = msg.openMs; resolve(undefined); return; }
        const message = msg.type === 'open-error' ? msg.error.message : msg.type === 'exit' ? msg.message : `unexpected message ${msg.type}`;
        if (/engine not available/.test(message)) this.fatal = message;
        this.kill();
        resolve(message);
      };
      child.send({ type: 'open', options: this.options.engine } satisfies ToWorker);
    });
  }

  /** Opens the engine now (optional; `query` opens lazily). Resolves to an error or undefined. */
  async open(): Promise<string | undefined> {
    if (this.fatal) return this.fatal;
    if (!this.child || !this.ready) this.ready = this.start();
    return this.ready;
  }

  async query(text: string, run: RunOptions): Promise<QueryOutcome> {
    const t0 = performance.now();
    const ms = (): number => Math.round(performance.now() - t0);
    const openError = await this.open();
    if (openError !== undefined) {
      this.ready = undefined;
      return { kind: 'unavailable', message: openError, ms: ms() };
    }
    const child = this.child;
    if (!child) { this.ready = undefined; return { kind: 'crash', message: 'engine process vanished', ms: ms() }; }
    const id = this.nextId++;
    return new Promise<QueryOutcome>((resolve) => {
      const finish = (o: QueryOutcome): void => { clearTimeout(timer); this.pending = undefined; resolve(o); };
      const timer = setTimeout(() => {
        this.kill();
        this.restarts++;
        finish({ kind: 'timeout', ms: ms() });
      }, run.timeoutMs + (this.options.graceMs ?? 5_000));
      this.pending = (msg) => {
        if (msg.type === 'exit') { this.ready = undefined; this.restarts++; finish({ kind: 'crash', message: msg.message, ms: ms() }); return; }
        if ((msg.type === 'result' || msg.type === 'error') && msg.id !== id) return;
        if (msg.type === 'result') finish({ kind: 'ok', result: msg.result as QueryResult, ms: ms() });
        else if (msg.type === 'error') finish({ kind: 'error', error: msg.error, ms: ms() });
      };
      try {
        child.send({ type: 'query', id, text, now: run.now.toISOString(), maxRows: run.maxRows, timeoutMs: run.timeoutMs } satisfies ToWorker);
      } catch (e) {
        finish({ kind: 'crash', message: `could not send to engine process: ${(e as Error).message}`, ms: ms() });
      }
    });
  }

  private kill(): void {
    const child = this.child;
    this.child = undefined;
    this.ready = undefined;
    if (child && child.exitCode === null && child.pid !== undefined) {
      try { process.kill(child.pid, 'SIGKILL'); } catch { /* already gone */ }
    }
  }

  close(): void {
    const child = this.child;
    this.child = undefined;
    this.pending = undefined;
    if (!child) return;
    try { child.disconnect(); } catch { /* already closed */ }
    const pid = child.pid;
    setTimeout(() => { if (child.exitCode === null && pid !== undefined) { try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ } } }, 3000).unref();
  }
}
