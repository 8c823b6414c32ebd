/** Shared engine for the KQL tests: one in-memory store, a pinned clock. */
import { openEngine, type KqlEngine, type QueryResult } from '../../src/engine/index.js';

let engine: KqlEngine | undefined;
export const NOW = new Date('2024-01-15T12:00:00Z');

export async function getEngine(): Promise<KqlEngine> {
  engine ??= await openEngine({});
  return engine;
}

export async function rows(query: string): Promise<QueryResult['rows']> {
  return (await (await getEngine()).query(query, { now: NOW })).rows;
}

export async function run(query: string): Promise<QueryResult> {
  return (await getEngine()).query(query, { now: NOW });
}
