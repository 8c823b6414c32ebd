/** Human-readable IR dump for `--dump ir` and golden tests: one node per line, indented. */
import type { Rel } from './relational.js';
import type { Scalar } from './scalar.js';

export function printScalar(e: Scalar): string {
  switch (e.k) {
    case 'col': return e.name;
    case 'lit': return `${JSON.stringify(e.value)}:${e.type}`;
    case 'call': return `${e.fn}(${e.args.map(printScalar).join(', ')}):${e.type}`;
    case 'row': return `${e.fn}(${e.args.map(printScalar).join(', ')}) over(${e.order.map((o) => printScalar(o.expr)).join(', ')})`;
    case 'subquery': return `toscalar(<${e.rel.k}>)`;
    case 'star': return '*';
    case 'param': return e.name;
  }
}

export function printRel(rel: Rel, indent = ''): string {
  const cols = `[${rel.columns.map((c) => `${c.name}:${c.type}`).join(', ')}]`;
  const line = (detail: string) => `${indent}${rel.k} ${detail} -> ${cols}`;
  const next = indent + '  ';
  switch (rel.k) {
    case 'scan': return line(rel.table);
    case 'values': return line(`${rel.rows.length} rows`);
    case 'range': return line(`${printScalar(rel.from)}..${printScalar(rel.to)} step ${printScalar(rel.step)}`);
    case 'filter': return `${line(printScalar(rel.predicate))}\n${printRel(rel.input, next)}`;
    case 'project': return `${line(rel.items.map((i) => `${i.name}=${printScalar(i.expr)}`).join(', '))}\n${printRel(rel.input, next)}`;
    case 'aggregate': return `${line(`by ${rel.keys.map((k) => `${k.name}=${printScalar(k.expr)}`).join(', ')} agg ${rel.aggs.map((a) => `${a.names.join('|')}=${a.fn}(${a.args.map(printScalar).join(', ')})`).join(', ')}`)}\n${printRel(rel.input, next)}`;
    case 'sort': return `${line(rel.keys.map((k) => `${printScalar(k.expr)} ${k.desc ? 'desc' : 'asc'}`).join(', '))}\n${printRel(rel.input, next)}`;
    case 'take': return `${line(printScalar(rel.count))}\n${printRel(rel.input, next)}`;
    case 'join': return `${line(`${rel.kind} on ${rel.on.map((o) => `${printScalar(o.left)}==${printScalar(o.right)}`).join(', ')}`)}\n${printRel(rel.left, next)}\n${printRel(rel.right, next)}`;
    case 'union': return `${line(rel.sourceColumn ? `withsource=${rel.sourceColumn}` : '')}\n${rel.inputs.map((i) => printRel(i, next)).join('\n')}`;
    case 'mvexpand': return `${line(rel.items.map((i) => `${i.name}=${printScalar(i.expr)}`).join(', '))}\n${printRel(rel.input, next)}`;
    case 'apply': return `${line(`#${rel.id} ${rel.items.map((i) => `${i.name}=${printScalar(i.expr)}`).join(', ')}`)}\n${printRel(rel.input, next)}\n${printRel(rel.sub, next)}`;
    case 'applysource': return line(`#${rel.id}`);
    case 'series': return `${line(`by ${rel.keys.join(', ')} on ${rel.axis.name} from ${printScalar(rel.axis.start)} to ${printScalar(rel.axis.end)} step ${printScalar(rel.axis.step)}`)}\n${printRel(rel.input, next)}`;
    case 'seqscan': return `${line(rel.steps.map((st) => `${st.name}: ${printScalar(st.condition)}${st.assigns.length ? ` => ${st.assigns.map((a) => `${a.name}=${printScalar(a.expr)}`).join(', ')}` : ''}`).join('; '))}\n${printRel(rel.input, next)}`;
    case 'shared': return `${line(`#${rel.id}`)}\n${printRel(rel.input, next)}`;
  }
}
