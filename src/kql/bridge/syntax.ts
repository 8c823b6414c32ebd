/**
 * Typed views of the Kusto.Language syntax tree and symbols: the members the lowering uses, plus
 * helpers that turn Bridge lists and enums into plain TS values. Nodes stay the Bridge objects
 * (no copying), so a parse of a large query costs nothing extra here.
 */
import { kustoLanguage } from './load.js';

export interface KList<T> {
  readonly Count: number;
  getItem(index: number): T;
}

export interface KSymbol {
  readonly Name: string;
  /** Kusto.Language.Symbols.SymbolKind */
  readonly Kind: number;
}

export interface KColumnSymbol extends KSymbol {
  readonly Type: KSymbol;
}

/** A type symbol; tables carry Columns. */
export interface KTypeSymbol extends KSymbol {
  readonly Columns?: KList<KColumnSymbol>;
}

/** A syntax element (node or token). Operator-specific children are read with child()/list(). */
export interface KNode {
  readonly Kind: number;
  readonly IsToken: boolean;
  readonly Text: string;
  readonly TextStart: number;
  readonly Width: number;
  readonly ChildCount: number;
  GetChild(index: number): KNode | null;
  readonly ResultType?: KTypeSymbol | null;
  readonly ReferencedSymbol?: KSymbol | null;
  readonly LiteralValue?: unknown;
  readonly LiteralValueInfo?: { readonly ValueText: string } | null;
  readonly IsLiteral?: boolean;
  readonly SimpleName?: string | null;
  GetExpansion?(): KNode | null;
  ToString(): string;
}

export const SYMBOL_KIND = Object.freeze({
  Variable: 2, Function: 3, Parameter: 4, Tuple: 6, Bag: 7, Array: 8, Column: 9, Table: 10, Group: 15, Error: 17,
});

let kindNames: Map<number, string> | undefined;

/** The SyntaxKind enum member name of a node, e.g. 'FilterOperator'. */
export function kindName(node: KNode): string {
  if (!kindNames) {
    kindNames = new Map();
    const SK = kustoLanguage().Syntax.SyntaxKind as Record<string, number>;
    for (const [name, value] of Object.entries(SK)) if (typeof value === 'number') kindNames.set(value, name);
  }
  return kindNames.get(node.Kind) ?? `SyntaxKind#${node.Kind}`;
}

/** A named child node (e.g. 'Condition' of a FilterOperator); null when absent. */
export function child(node: KNode, property: string): KNode | null {
  const value = (node as unknown as Record<string, unknown>)[property];
  return (value ?? null) as KNode | null;
}

export function requireChild(node: KNode, property: string): KNode {
  const c = child(node, property);
  if (!c) throw new Error(`internal: ${kindName(node)} has no ${property}`);
  return c;
}

/** Elements of a SyntaxList property; separated elements are unwrapped. */
export function list(node: KNode | null, property: string): KNode[] {
  if (!node) return [];
  const l = (node as unknown as Record<string, unknown>)[property] as KList<KNode> | null | undefined;
  if (!l) return [];
  const out: KNode[] = [];
  for (let i = 0; i < l.Count; i++) {
    const item = l.getItem(i);
    const element = (item as unknown as { Element?: KNode }).Element;
    out.push(element ?? item);
  }
  return out;
}

export function tokenText(node: KNode | null): string {
  return node ? node.Text ?? '' : '';
}

/** Child token/node of a property as text ('' when absent). */
export function childText(node: KNode, property: string): string {
  const c = child(node, property);
  if (!c) return '';
  return c.IsToken ? c.Text : c.ToString().trim();
}

export function columnsOf(type: KTypeSymbol | null | undefined): { name: string; type: KSymbol }[] {
  const cols = type?.Columns;
  if (!cols) return [];
  const out = [];
  for (let i = 0; i < cols.Count; i++) {
    const c = cols.getItem(i);
    out.push({ name: c.Name, type: c.Type });
  }
  return out;
}

/** Named parameters (kind=inner, withsource=X, ...) as lower-cased name → raw value text. */
export function namedParameters(node: KNode): Map<string, KNode> {
  const out = new Map<string, KNode>();
  for (const p of list(node, 'Parameters')) {
    const name = child(p, 'Name');
    const expr = child(p, 'Expression');
    if (name && expr) out.set((name.SimpleName ?? name.ToString().trim()).toLowerCase(), expr);
  }
  return out;
}

/** Ticks of a System.TimeSpan literal value. */
export function timespanTicks(value: unknown): bigint | null {
  const ticks = (value as { ticks?: { toString(): string } } | null)?.ticks;
  return ticks ? BigInt(ticks.toString()) : null;
}
