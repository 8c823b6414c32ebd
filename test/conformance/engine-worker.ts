/**
 * Child process that hosts one warm KQL engine for the harness (started by engine-client.ts over
 * IPC with structured-clone serialization). Protocol: parent sends {type:'open', options}, then
 * {type:'query', id, text, now, maxRows, timeoutMs}; the child answers 'ready'/'open-error' and
 * 'result'/'error' per query id. It never exits on a failing query; a hang or crash is the
 * parent's to handle (it kills and respawns this process).
 */
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { KqlEngine, OpenEngineOptions } from '../../src/engine/contract.js';
import { ENGINE_ENTRY, type FromWorker, type QueryMessage, type ToWorker, serializeError } from './engine-protocol.js';

let engine: KqlEngine | undefined;

function send(msg: FromWorker): void {
  try {
    process.send?.(msg);
  } catch (e) {
    // e.g. a value structured clone cannot carry: report it as the query's error instead.
    if (msg.type === 'result') process.send?.({ type: 'error', id: msg.id, error: serializeError(e) } satisfies FromWorker);
    else throw e;
  }
}

async function open(options: OpenEngineOptions): Promise<void> {
  const t0 = performance.now();
  try {
    if (!existsSync(ENGINE_ENTRY)) throw new Error(`engine not available: ${ENGINE_ENTRY} does not exist`);
    const mod = (await import(pathToFileURL(ENGINE_ENTRY).href)) as { openEngine?: (o: OpenEngineOptions) => KqlEngine | Promise<KqlEngine> };
    if (typeof mod.openEngine !== 'function') throw new Error('engine not available: src/engine/index.ts exports no openEngine');
    engine = await mod.openEngine(options);
    send({ type: 'ready', openMs: performance.now() - t0 });
  } catch (e) {
    send({ type: 'open-error', error: serializeError(e) });
  }
}

async function runQuery(msg: QueryMessage): Promise<void> {
  try {
    if (!engine) throw new Error('engine not open');
    const result = await engine.query(msg.text, { now: new Date(msg.now), maxRows: msg.maxRows, timeoutMs: msg.timeoutMs });
    send({ type: 'result', id: msg.id, result });
  } catch (e) {
    send({ type: 'error', id: msg.id, error: serializeError(e) });
  }
}

process.on('message', (msg: ToWorker) => {
  if (msg.type === 'open') void open(msg.options);
  else if (msg.type === 'query') void runQuery(msg);
});
process.on('unhandledRejection', (e) => {
  process.stderr.write(`worker unhandled rejection: ${String((e as Error)?.stack ?? e)}\n`);
});
process.on('disconnect', () => {
  try { engine?.close(); } catch { /* exiting anyway */ }
  process.exit(0);
});
