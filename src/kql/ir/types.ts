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
