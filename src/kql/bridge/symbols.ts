/**
 * Kusto.Language's own symbol tables: built-in scalar functions, aggregates, evaluate plugins and
 * the SyntaxKind names of tabular query operators. Read by the coverage table (src/kql/coverage.ts).
 */
import { kustoLanguage } from './load.js';

export interface LanguageSymbols {
  readonly functions: readonly string[];
  readonly aggregates: readonly string[];
  readonly plugins: readonly string[];
  readonly operators: readonly string[];
}

interface Sym { Name: string; IsHidden?: boolean; IsObsolete?: boolean }

export function languageSymbols(): LanguageSymbols {
  const K = kustoLanguage();
  const names = (l: ArrayLike<Sym>) => [...new Set(Array.from(l).filter((s) => !s.IsHidden).map((s) => s.Name))].sort();
  const kinds = Object.keys(K.Syntax.SyntaxKind as Record<string, unknown>)
    .filter((k) => /Operator$/.test(k) && k !== 'BadQueryOperator').sort();
  return { functions: names(K.Functions.All), aggregates: names(K.Aggregates.All), plugins: names(K.PlugIns.All), operators: kinds };
}
