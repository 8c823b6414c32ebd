/**
 * Defence in depth for ClickHouse query connections. Read-only mode does not stop ClickHouse's
 * file(), url(), s3() … table functions nor `INTO OUTFILE` (checked on chDB 26.7), and clickhouse-local
 * does not confine file() to user_files_path. Harrier's SQL comes from the compiler, which quotes
 * every user value; this guard still refuses, before anything runs, SQL that contains — outside
 * string literals and quoted identifiers — a statement separator, a comment, INTO OUTFILE, FORMAT,
 * SETTINGS, or a call of any table function but numbers() (the engine's own list of table functions,
 * read at connect). A refusal is an internal error: it means a compiler bug, never user input.
 */

export interface SqlToken {
  readonly kind: 'ident' | 'quoted' | 'string' | 'number' | 'punct' | 'comment';
  readonly text: string;
}

/** ClickHouse lexer: strings with backslash escapes and doubled quotes, "…" and `…` identifiers. */
export function tokenize(sql: string): SqlToken[] {
  const out: SqlToken[] = [];
  let i = 0;
  const quoted = (q: string): string => {
    let j = i + 1;
    while (j < sql.length) {
      const ch = sql[j]!;
      if (ch === '\\') { j += 2; continue; }
      if (ch === q) {
        if (sql[j + 1] === q) { j += 2; continue; }
        return sql.slice(i, j + 1);
      }
      j++;
    }
    throw new Error('unterminated quoted text in generated SQL');
  };
  while (i < sql.length) {
    const ch = sql[i]!;
    if (/\s/.test(ch)) { i++; continue; }
    if (ch === "'") { const t = quoted("'"); out.push({ kind: 'string', text: t }); i += t.length; continue; }
    if (ch === '"' || ch === '`') { const t = quoted(ch); out.push({ kind: 'quoted', text: t }); i += t.length; continue; }
    if ((ch === '-' && sql[i + 1] === '-') || (ch === '/' && sql[i + 1] === '*') || ch === '#') {
      out.push({ kind: 'comment', text: sql.slice(i, i + 2) });
      break;
    }
    const ident = /^[A-Za-z_][A-Za-z0-9_$]*/.exec(sql.slice(i, i + 256));
    if (ident) { out.push({ kind: 'ident', text: ident[0] }); i += ident[0].length; continue; }
    const num = /^[0-9][0-9A-Za-z_.]*/.exec(sql.slice(i, i + 256));
    if (num) { out.push({ kind: 'number', text: num[0] }); i += num[0].length; continue; }
    out.push({ kind: 'punct', text: ch });
    i++;
  }
  return out;
}

const KEYWORDS = new Set(['outfile', 'format', 'settings', 'into']);
/** Table functions the compiler itself uses. */
const ALLOWED_TABLE_FUNCTIONS = new Set(['numbers']);

/** Throws when `sql` holds anything but one read-only SELECT over tables and allowed functions. */
export function guardSql(sql: string, tableFunctions: ReadonlySet<string>): void {
  const tokens = tokenize(sql);
  tokens.forEach((t, k) => {
    if (t.kind === 'comment') throw new Error('internal: generated SQL contains a comment');
    if (t.kind === 'punct' && t.text === ';') throw new Error('internal: generated SQL contains a statement separator');
    if (t.kind !== 'ident') return;
    const name = t.text.toLowerCase();
    if (KEYWORDS.has(name)) throw new Error(`internal: generated SQL contains ${t.text.toUpperCase()}`);
    const next = tokens[k + 1];
    if (next?.kind === 'punct' && next.text === '(' && (tableFunctions.has(name) || name === 'file') && !ALLOWED_TABLE_FUNCTIONS.has(name)) {
      throw new Error(`internal: generated SQL calls the table function ${t.text}()`);
    }
  });
}
