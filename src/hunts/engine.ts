/**
 * Opens the KQL engine for the hunt stage (src/engine's openEngine). Imported lazily so that
 * loading and schema-checking rules, and the CLI's help, do not pay for the parser and DuckDB.
 */
import type { KqlEngine, OpenEngineOptions } from '../engine/contract.js';

export async function openHuntEngine(options: OpenEngineOptions = {}): Promise<KqlEngine> {
  const { openEngine } = await import('../engine/index.js');
  return await openEngine(options);
}
