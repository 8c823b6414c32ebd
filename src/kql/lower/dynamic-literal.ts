/**
 * dynamic(...) literals → JSON text, built from the binder's JSON syntax tree (Kusto allows
 * single-quoted strings, verbatim @'' strings, datetime(...) and timespans inside).
 */
import { child, kindName, list, type KNode } from '../bridge/syntax.js';
import { formatDatetime, formatTimespan } from '../../engine/encode.js';
import { DATETIME_TICK } from '../ir/scalar.js';
import { LowerError } from './context.js';
import { literalFor } from './literals.js';
import { scalarType } from './types.js';

function toValue(node: KNode): unknown {
  const k = kindName(node);
  if (k === 'JsonArrayExpression') return list(node, 'Values').map(toValue);
  if (k === 'JsonObjectExpression') {
    const out: Record<string, unknown> = {};
    for (const pair of list(node, 'Pairs')) {
      const name = child(pair, 'Name');
      const value = child(pair, 'Value');
      const key = name ? (typeof name.LiteralValue === 'string' ? name.LiteralValue : unquoteKusto(name.ToString().trim())) : '';
      out[key] = value ? toValue(value) : null;
    }
    return out;
  }
  if (k === 'ParenthesizedExpression') return toValue(child(node, 'Expression')!);
  // dynamic({...}) nested inside a dynamic literal is that value, not its text.
  if (k === 'DynamicExpression') return child(node, 'Expression') ? toValue(child(node, 'Expression')!) : null;
  if (k === 'UnaryMinusExpression') {
    const v = toValue(child(node, 'Expression')!);
    return typeof v === 'number' ? -v : v;
  }
  if (node.IsLiteral) {
    if (node.ResultType?.Name === 'null' || node.LiteralValue === null || node.LiteralValue === undefined) return null;
    const t = scalarType(node.ResultType, node);
    const l = literalFor(node, t);
    if (l.value === null) return null;
    switch (t) {
      case 'long': case 'int': return Number(l.value);
      case 'datetime': {
        const [, micros, tick] = DATETIME_TICK.exec(String(l.value))!;
        return formatDatetime(BigInt(micros!), BigInt(tick ?? 0));
      }
      case 'timespan': return formatTimespan(BigInt(String(l.value)));
      default: return l.value;
    }
  }
  throw new LowerError(`not supported: dynamic literal element ${node.ToString().trim()}`, node);
}

export function dynamicLiteralJson(node: KNode): string | null {
  const inner = child(node, 'Expression');
  if (!inner) return null;
  const v = toValue(inner);
  return v === null ? null : JSON.stringify(v);
}

/** Kusto string literal text ("..." or '...' with backslash escapes, or @"verbatim") → its value. */
function unquoteKusto(t: string): string {
  if (t.startsWith('@')) return t.slice(2, -1).replaceAll(t[1]! + t[1]!, t[1]!);
  const q = t[0];
  if (q !== '"' && q !== "'") return t;
  const inner = t.slice(1, -1);
  try {
    return JSON.parse(`"${inner.replace(/\\'/g, "'").replace(/(^|[^\\])"/g, '$1\\"')}"`) as string;
  } catch {
    return inner;
  }
}
