/**
 * KQL types as the IR sees them, and the mapping from binder type symbols to them.
 * Every IR node carries one of these; `table` results carry a column list instead.
 */
import type { KqlType } from '../../schema/kql-types.js';

export type { KqlType };

export interface IrColumn {
  readonly name: string;
  readonly type: KqlType;
}

const BY_NAME: Readonly<Record<string, KqlType>> = {
  bool: 'bool', boolean: 'bool', int: 'int', long: 'long', real: 'real', double: 'real', decimal: 'decimal',
  string: 'string', datetime: 'datetime', date: 'datetime', timespan: 'timespan', time: 'timespan', guid: 'guid',
  uniqueid: 'guid', dynamic: 'dynamic',
};

/** KQL type for a binder type-symbol name; undefined for non-scalar or unknown types. */
export function kqlTypeFromName(name: string): KqlType | undefined {
  if (name.startsWith('dynamic')) return 'dynamic';
  return BY_NAME[name];
}

export function isNumeric(t: KqlType): boolean {
  return t === 'int' || t === 'long' || t === 'real' || t === 'decimal';
}

/**
 * The hidden column carrying a bag_unpack'ed (or pivoted) bag: `__bag|<prefix>`, or with a column
 * conflict policy `__bag|\u0001e<prefix>` (columnsConflict='error', bag_unpack's default) /
 * `__bag|\u0001r<prefix>` ('replace_source'); the plain form keeps the source column (keep_source).
 */
export type BagConflict = 'keep' | 'error' | 'replace';
export function hiddenBagName(prefix: string, conflict: BagConflict): string {
  return `__bag|${conflict === 'keep' ? '' : conflict === 'error' ? '\u0001e' : '\u0001r'}${prefix}`;
}
export function parseHiddenBag(name: string): { prefix: string; conflict: BagConflict } | undefined {
  if (!name.startsWith('__bag|')) return undefined;
  const rest = name.slice(6);
  if (rest.startsWith('\u0001e')) return { prefix: rest.slice(2), conflict: 'error' };
  if (rest.startsWith('\u0001r')) return { prefix: rest.slice(2), conflict: 'replace' };
  return { prefix: rest, conflict: 'keep' };
}
