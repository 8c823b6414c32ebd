/** Binder type symbols → IR types, refusing what the engine cannot represent. */
import type { KNode, KTypeSymbol } from '../bridge/syntax.js';
import { columnsOf } from '../bridge/syntax.js';
import { kqlTypeFromName, type IrColumn, type KqlType } from '../ir/types.js';
import { LowerError } from './context.js';

export function scalarType(t: KTypeSymbol | null | undefined, node: KNode): KqlType {
  const name = t?.Name ?? '';
  const mapped = kqlTypeFromName(name);
  if (mapped) return mapped;
  if (t && (t.Kind === 7 || t.Kind === 8)) return 'dynamic';
  throw new LowerError(`not supported: expression of type '${name || 'unknown'}'`, node);
}

export function tableColumns(t: KTypeSymbol | null | undefined, node: KNode): IrColumn[] {
  return columnsOf(t).map((c) => {
    // 'unknown' columns come from open schemas (after bag_unpack): their values are dynamic.
    const type = kqlTypeFromName(c.type.Name) ?? ((c.type.Kind === 7 || c.type.Kind === 8 || c.type.Name === 'unknown') ? 'dynamic' : undefined);
    if (!type) throw new LowerError(`not supported: column '${c.name}' of type '${c.type.Name}'`, node);
    return { name: c.name, type };
  });
}
