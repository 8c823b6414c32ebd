/**
 * The function catalog: every KQL scalar function, aggregate and operator the engine can compile,
 * keyed by the binder's resolved symbol name ('tolower', 'dcount', 'op:Has'). Entries live in one
 * file per family and are registered through `defineFunctions`; see docs/ENGINE-NOTES.md.
 */
import type { KqlType } from '../../schema/kql-types.js';
import type { Dialect, DialectHooks } from '../../sql/dialect.js';
import { hook } from '../../sql/dialect.js';
import type { Scalar } from '../ir/scalar.js';

/** One compiled argument: its SQL text, KQL type and IR (for literal inspection). */
export interface FnArg {
  readonly sql: string;
  readonly type: KqlType;
  readonly ir: Scalar;
  /** For a tabular argument (x in (T | project y)): SQL selecting its first column. */
  readonly setSql?: string;
}

export interface FnContext {
  readonly dialect: Dialect;
  /** The KQL type the binder gave the call. */
  readonly resultType: KqlType;
  /** SQL for the query clock (now()). */
  readonly nowSql: string;
  /** True when the call is (an and/or operand of) a where predicate, where null and false are alike. */
  readonly predicate: boolean;
  /**
   * Evaluates `sql` (an uncorrelated scalar SELECT) once before the query and returns SQL that
   * reads its value as a plan-time constant. Absent when the dialect or compiler cannot.
   */
  readonly constant?: (sql: string) => string;
  h<K extends keyof DialectHooks>(name: K): DialectHooks[K];
}

export interface ScalarFnDef {
  readonly kind: 'scalar';
  sql(args: readonly FnArg[], cx: FnContext): string;
}

export interface AggregateFnDef {
  readonly kind: 'aggregate';
  sql(args: readonly FnArg[], cx: FnContext): string;
  /** For tuple aggregates (arg_max): SQL producing a struct; fields named by the output columns. */
  tuple?: boolean;
}

export type FnDef = ScalarFnDef | AggregateFnDef;

const registry = new Map<string, FnDef>();

export function defineFunctions(defs: Readonly<Record<string, FnDef>>): void {
  for (const [name, def] of Object.entries(defs)) {
    if (registry.has(name)) throw new Error(`function catalog: duplicate entry ${name}`);
    registry.set(name, Object.freeze(def));
  }
}

export function lookupFunction(name: string): FnDef | undefined {
  return registry.get(name);
}

export function catalogNames(): string[] {
  return [...registry.keys()].sort();
}

export const scalar = (sql: ScalarFnDef['sql']): ScalarFnDef => ({ kind: 'scalar', sql });
export const aggregate = (sql: AggregateFnDef['sql'], tuple = false): AggregateFnDef => ({ kind: 'aggregate', sql, tuple });

export function makeContext(dialect: Dialect, resultType: KqlType, nowSql: string, predicate = false, constant?: (sql: string) => string): FnContext {
  return { dialect, resultType, nowSql, predicate, ...(constant ? { constant } : {}), h: (name) => hook(dialect, name) };
}
