/**
 * Decides from the query text whether the documented row order is meaningful: the query sorts
 * (`sort by`/`order by`/`top`/`top-hitters`/`serialize`/`scan`) and no operator that does not
 * preserve order (`summarize`, `join`, `lookup`, `distinct`, `union`, `make-series`, `evaluate`,
 * `fork`, `facet`, `partition`, `top-nested`) follows the last sorting operator. Comments and
 * string literals are ignored.
 */

/** Replaces `//` comments and string literals (all KQL quote forms) with spaces, keeping length. */
export function stripCommentsAndStrings(query: string): string {
  let out = '';
  let i = 0;
  const blank = (s: string): string => s.replace(/[^\n]/g, ' ');
  while (i < query.length) {
    const c = query[i]!;
    const next = query[i + 1] ?? '';
    if (c === '/' && next === '/') {
      const end = query.indexOf('\n', i);
      const stop = end < 0 ? query.length : end;
      out += blank(query.slice(i, stop));
      i = stop;
    } else if (c === '`' && query.startsWith('```', i)) {
      const end = query.indexOf('```', i + 3);
      const stop = end < 0 ? query.length : end + 3;
      out += blank(query.slice(i, stop));
      i = stop;
    } else if (c === '"' || c === "'" || ((c === '@' || c === 'h' || c === 'H') && (next === '"' || next === "'"))) {
      const verbatim = c === '@';
      const start = i;
      if (c !== '"' && c !== "'") i++;
      const quote = query[i]!;
      i++;
      while (i < query.length && query[i] !== quote && query[i] !== '\n') {
        if (!verbatim && query[i] === '\\') i++;
        i++;
      }
      i = Math.min(i + 1, query.length);
      out += blank(query.slice(start, i));
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

const SORTING = /\|\s*(?:(?:sort|order)\s+by\b|top(?:-hitters)?(?!-)\b|serialize\b|scan\b)/gi;
const ORDER_BREAKING = /\|\s*(?:summarize|join|lookup|distinct|union|make-series|evaluate|fork|facet|partition|top-nested)\b/gi;

function lastIndex(re: RegExp, text: string): number {
  let last = -1;
  for (const m of text.matchAll(re)) last = m.index;
  return last;
}

/** True when the query's output rows come in a defined order. */
export function queryImposesOrder(query: string): boolean {
  const text = stripCommentsAndStrings(query);
  const sortAt = lastIndex(SORTING, text);
  if (sortAt < 0) return false;
  return lastIndex(ORDER_BREAKING, text) < sortAt;
}

/** True when the query text mentions any sorting operator at all (the corpus README's rule). */
export function queryMentionsSort(query: string): boolean {
  return lastIndex(SORTING, stripCommentsAndStrings(query)) >= 0;
}
