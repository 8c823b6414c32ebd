/**
 * SQL accessors for one key of a JSON record (JSON pointer, so any key spelling is safe) and the
 * StagedField built from them. Shared by the API JSON and streaming readers.
 */
import { quoteString } from '../sql/quote.js';
import type { StagedField } from './load-staged.js';

export function jsonPointer(key: string): string {
  return quoteString(`/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`);
}

export function jsonField(record: string, key: string): StagedField {
  const ptr = jsonPointer(key);
  return { name: key, text: `json_extract_string(${record}, ${ptr})`, json: `json_extract(${record}, ${ptr})` };
}

/** Known columns in table order first, then the other keys sorted: a stable field order. */
export function orderKeys(keys: readonly string[], columnOrder: readonly string[]): string[] {
  const rank = new Map(columnOrder.map((c, i) => [c.toLowerCase(), i]));
  return [...new Set(keys)].sort((a, b) => {
    const ra = rank.get(a.toLowerCase()) ?? Number.MAX_SAFE_INTEGER;
    const rb = rank.get(b.toLowerCase()) ?? Number.MAX_SAFE_INTEGER;
    return ra !== rb ? ra - rb : a < b ? -1 : a > b ? 1 : 0;
  });
}
