/**
 * Loads Microsoft's Kusto.Language (Bridge.NET build) exactly once and hands out its namespace.
 * This folder is the only place that touches the Bridge globals; everything else sees the typed
 * views in syntax.ts. The minified build is used because it loads ~4x faster (cold CLI start).
 */
import { createRequire } from 'node:module';

/** Untyped handle on `Kusto.Language`; only bridge/ modules may use it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type KustoNamespace = any;

let kusto: KustoNamespace | undefined;

export function kustoLanguage(): KustoNamespace {
  if (kusto) return kusto;
  const require = createRequire(import.meta.url);
  const g = globalThis as Record<string, unknown>;
  if (!g['Bridge']) g['Bridge'] = require('@kusto/language-service-next/bridge.min.js');
  require('@kusto/language-service-next/Kusto.Language.Bridge.min.js');
  kusto = (g['Kusto'] as { Language: KustoNamespace }).Language;
  return kusto;
}
