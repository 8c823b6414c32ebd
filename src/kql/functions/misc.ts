/** Conditionals and null tests: iff/iif, case, coalesce, not, isnull/isnotnull. */
import { defineFunctions, lookupFunction, scalar, type FnContext } from './catalog.js';
import { as } from './common.js';

const iff = scalar(([c, a, b], cx: FnContext) => `CASE WHEN ${c!.sql} THEN ${as(a!, cx.resultType, cx)} ELSE ${as(b!, cx.resultType, cx)} END`);

defineFunctions({
  iff,
  iif: iff,
  case: scalar((args, cx) => {
    const parts: string[] = [];
    for (let i = 0; i + 1 < args.length; i += 2) parts.push(`WHEN ${args[i]!.sql} THEN ${as(args[i + 1]!, cx.resultType, cx)}`);
    return `CASE ${parts.join(' ')} ELSE ${as(args[args.length - 1]!, cx.resultType, cx)} END`;
  }),
  coalesce: scalar((args, cx) => {
    if (cx.resultType === 'string') return `coalesce(${args.map((a) => `nullif(${as(a, 'string', cx)}, '')`).join(', ')}, '')`;
    return `coalesce(${args.map((a) => as(a, cx.resultType, cx)).join(', ')})`;
  }),
  not: scalar(([a]) => `(NOT ${a!.sql})`),
  // Internal (the compiler's, never the binder's): x, or null where the condition holds.
  __null_when: scalar(([c, x]) => `CASE WHEN ${c!.sql} THEN NULL ELSE ${x!.sql} END`),
  isnull: scalar(([a], cx) => (a!.type === 'string' ? 'FALSE' : a!.type === 'dynamic' ? `(${a!.sql} IS NULL OR ${cx.h('jsonType')(a!.sql)} = 'NULL')` : `(${a!.sql} IS NULL)`)),
  isnotnull: scalar(([a], cx) => (a!.type === 'string' ? 'TRUE' : a!.type === 'dynamic' ? `(${a!.sql} IS NOT NULL AND ${cx.h('jsonType')(a!.sql)} <> 'NULL')` : `(${a!.sql} IS NOT NULL)`)),
  notnull: scalar(([a]) => (a!.type === 'string' ? 'TRUE' : `(${a!.sql} IS NOT NULL)`)),
  notempty: scalar((args, cx) => lookupFunction('isnotempty')!.sql(args, cx)),
});
