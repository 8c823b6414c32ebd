/** The schema browser: the MDE tables with their descriptions, columns with types and descriptions; a click inserts the name. */
import type { SchemaTable } from './contract.js';
import { h } from './dom.js';

export function schemaBrowser(tables: readonly SchemaTable[], insert: (text: string) => void): HTMLElement {
  const filter = h('input', { type: 'search', placeholder: 'Filter tables and columns', class: 'schema-filter', 'aria-label': 'Filter schema' });
  const list = h('div', { class: 'schema-list' });
  for (const t of tables) {
    const columns = t.columns.map((c) => h('li', { class: 'schema-column', title: c.description, 'data-name': c.name.toLowerCase() },
      h('button', { class: 'link', onclick: () => insert(c.name) }, c.name), h('span', { class: 'type' }, c.type),
      h('div', { class: 'desc' }, c.description)));
    list.append(h('details', { class: 'schema-table', 'data-name': t.name.toLowerCase() },
      h('summary', { title: t.description }, h('button', { class: 'link table-name', onclick: (e: Event) => { e.preventDefault(); insert(t.name); } }, t.name)),
      h('div', { class: 'desc' }, t.description),
      t.actionTypes.length ? h('div', { class: 'desc' }, `ActionType: ${t.actionTypes.join(', ')}`) : null,
      h('ul', {}, ...columns)));
  }
  filter.addEventListener('input', () => {
    const q = filter.value.trim().toLowerCase();
    for (const d of list.querySelectorAll<HTMLDetailsElement>('details.schema-table')) {
      let any = (d.dataset['name'] ?? '').includes(q);
      for (const li of d.querySelectorAll<HTMLElement>('li.schema-column')) {
        const hit = q === '' || any || (li.dataset['name'] ?? '').includes(q);
        li.hidden = !hit;
        any ||= hit && q !== '';
      }
      d.hidden = q !== '' && !any;
      d.open = q !== '' && any;
    }
  });
  return h('aside', { class: 'schema', 'aria-label': 'Schema' }, h('h2', {}, 'Schema'), filter, list);
}
