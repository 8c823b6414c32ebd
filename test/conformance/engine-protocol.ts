/**
 * The IPC protocol between the harness (engine-client.ts) and its engine child process
 * (engine-worker.ts): message shapes, error serialization and where the engine entry lives.
 * No side effects on import.
 */
import { fileURLToPath } from 'node:url';
import type { OpenEngineOptions } from '../../src/engine/contract.js';

export interface OpenMessage { type: 'open'; options: OpenEngineOptions }
export interface QueryMessage { type: 'query'; id: number; text: string; now: string; maxRows: number; timeoutMs: number }
export type ToWorker = OpenMessage | QueryMessage;

export interface SerializedError {
  name: string;
  message: string;
  diagnostics?: { code: string; severity: string; message: string; line?: number; column?: number }[];
  stack?: string;
}

export type FromWorker =
  | { type: 'ready'; openMs: number }
  | { type: 'open-error'; error: SerializedError }
  | { type: 'result'; id: number; result: unknown }
  | { type: 'error'; id: number; error: SerializedError };

/** The engine module (exports openEngine); HARRIER_CONFORMANCE_ENGINE overrides it (tests use a fake). */
export const ENGINE_ENTRY = process.env['HARRIER_CONFORMANCE_ENGINE'] ?? fileURLToPath(new URL('../../src/engine/index.ts', import.meta.url));

export function serializeError(e: unknown): SerializedError {
  if (e instanceof Error) {
    const diags = (e as { diagnostics?: unknown }).diagnostics;
    const out: SerializedError = { name: e.name, message: e.message };
    if (Array.isArray(diags)) {
      out.diagnostics = diags.map((d: Record<string, unknown>) => ({
        code: String(d['code'] ?? ''), severity: String(d['severity'] ?? ''), message: String(d['message'] ?? ''),
        ...(typeof d['line'] === 'number' ? { line: d['line'] } : {}),
        ...(typeof d['column'] === 'number' ? { column: d['column'] } : {}),
      }));
    }
    if (e.stack) out.stack = e.stack.split('\n').slice(0, 8).join('\n');
    return out;
  }
  return { name: 'NonError', message: String(e) };
}
