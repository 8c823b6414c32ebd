/** A `dynamic` value as a collapsible tree (<details> per object/array), text only. */
import type { Value } from './contract.js';
import { h } from './dom.js';

function node(key: string | null, v: Value, depth: number): HTMLElement {
  const label = key === null ? null : h('span', { class: 'key' }, `${key}: `);
  if (v === null || typeof v !== 'object') {
    return h('div', { class: 'leaf' }, label, h('span', { class: `v-${v === null ? 'null' : typeof v}` }, v === null ? 'null' : typeof v === 'string' ? JSON.stringify(v) : String(v)));
  }
  const entries: [string, Value][] = Array.isArray(v) ? v.map((x, i) => [String(i), x]) : Object.entries(v);
  const summary = Array.isArray(v) ? `[${entries.length}]` : `{${entries.length}}`;
  const details = h('details', depth < 2 ? { open: true } : {}, h('summary', {}, label, h('span', { class: 'muted' }, summary)));
  for (const [k, x] of entries) details.append(node(k, x, depth + 1));
  return details;
}

export function jsonTree(v: Value): HTMLElement {
  return h('div', { class: 'json-tree' }, node(null, v, 0));
}
