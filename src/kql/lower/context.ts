/**
 * Lowering state: lexical scopes for let-bound names and function parameters, the serialized row
 * order (for row functions), render metadata and the externaldata policy. Errors raised while
 * lowering are `LowerError`s carrying a span, turned into diagnostics by analyze.ts.
 */
import type { KNode } from '../bridge/syntax.js';
import type { Rel } from '../ir/relational.js';
import type { Scalar, SortKey } from '../ir/scalar.js';

export type Binding = { readonly kind: 'scalar'; readonly expr: Scalar } | { readonly kind: 'table'; readonly rel: Rel };

export class LowerError extends Error {
  constructor(message: string, readonly node?: KNode | null, readonly code = 'NOT-SUPPORTED') {
    super(message);
    this.name = 'LowerError';
  }
}

export const notSupported = (construct: string, node?: KNode | null): LowerError => new LowerError(`not supported: ${construct}`, node);

export interface RenderMeta { readonly visualization: string; readonly properties: Record<string, string> }

export class LowerContext {
  private readonly scopes: Map<string, Binding>[] = [new Map()];
  /** Ordering established by the last sort/top/serialize, for row functions; null when unordered. */
  ordering: readonly SortKey[] | null = null;
  render: RenderMeta | undefined;
  /** Input for a leading operator of an mv-apply subquery (which has no source of its own). */
  implicitInput: Rel | undefined;
  /** The input row shape of the operator being lowered (for pack_all()). */
  currentInput: Rel | undefined;
  /** While lowering a scan step: step name → 1-based index (`s1.col` becomes a step-state column). */
  scanSteps: ReadonlyMap<string, number> | undefined;
  private sharedIds = 0;

  constructor(readonly externalDataDir: string | undefined) {}

  push(): void { this.scopes.push(new Map()); }
  pop(): void { this.scopes.pop(); }

  bind(name: string, b: Binding): void {
    this.scopes[this.scopes.length - 1]!.set(name, b);
  }

  lookup(name: string): Binding | undefined {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const b = this.scopes[i]!.get(name);
      if (b) return b;
    }
    return undefined;
  }

  nextSharedId(): number { return ++this.sharedIds; }
}
