/**
 * Binary and unary operators (keys 'op:<OperatorKind>'), with Kusto semantics: case-insensitive
 * string operators unless _cs, `has` as whole-term match, negations true on empty input,
 * int/int truncating, datetime/timespan arithmetic in ticks.
 */
import { defineFunctions, scalar, type FnArg, type FnContext, type FnDef } from './catalog.js';
import { addTicks, as, commonType, escapeRegex, literalString, sqlStr, text } from './common.js';

/** A string predicate over two text arguments; `ci` folds case on both sides. */
function stringOp(build: (a: string, b: string, cx: FnContext, rawB: FnArg) => string, ci: boolean, negate = false): FnDef {
  return scalar(([a, b], cx) => {
    let x = text(a!, cx);
    let y = text(b!, cx);
    if (ci) { x = cx.h('lower')(x); y = cx.h('lower')(y); }
    const e = build(x, y, cx, b!);
    if (cx.predicate && !negate) return e;
    return negate ? `(NOT coalesce(${e}, FALSE))` : `coalesce(${e}, FALSE)`;
  });
}

const TERM = '[0-9A-Za-z]';

/** Regex for a whole-term match of `needle` (boundaries only where the needle edge is a term char). */
function termRegex(needle: string, prefix: boolean, suffix: boolean, ci: boolean): string {
  const left = prefix && /^[0-9A-Za-z]/.test(needle) ? `(?:^|[^0-9A-Za-z])` : '';
  const right = suffix && /[0-9A-Za-z]$/.test(needle) ? `(?:$|[^0-9A-Za-z])` : '';
  return `${ci ? '(?i)' : ''}${left}${escapeRegex(needle)}${right}`;
}

function termOp(prefix: boolean, suffix: boolean, ci: boolean, negate = false): FnDef {
  return scalar(([a, b], cx) => {
    const x = text(a!, cx);
    const needle = literalString(b!);
    let e: string;
    if (needle !== undefined) {
      if (needle === '') e = 'TRUE';
      else {
        const quick = ci ? cx.h('strContains')(cx.h('lower')(x), sqlStr(needle.toLowerCase())) : cx.h('strContains')(x, sqlStr(needle));
        e = `(${quick} AND ${cx.h('regexMatch')(x, sqlStr(termRegex(needle, prefix, suffix, ci)))})`;
      }
    } else {
      const y = text(b!, cx);
      const esc = cx.h('regexEscape')(y);
      const left = prefix ? `CASE WHEN ${cx.h('regexMatch')(y, `'^${TERM}'`)} THEN '(?:^|[^0-9A-Za-z])' ELSE '' END` : `''`;
      const right = suffix ? `CASE WHEN ${cx.h('regexMatch')(y, `'${TERM}$'`)} THEN '(?:$|[^0-9A-Za-z])' ELSE '' END` : `''`;
      e = cx.h('regexMatch')(x, `${ci ? `'(?i)' || ` : ''}${left} || ${esc} || ${right}`);
    }
    if (cx.predicate && !negate) return e;
    return negate ? `(NOT coalesce(${e}, FALSE))` : `coalesce(${e}, FALSE)`;
  });
}

function compare(op: string): FnDef {
  return scalar(([a, b], cx) => {
    const t = commonType(a!, b!);
    return `(${as(a!, t, cx)} ${op} ${as(b!, t, cx)})`;
  });
}

function equality(negate: boolean): FnDef {
  return scalar(([a, b], cx) => {
    if (a!.type === 'dynamic' && b!.type === 'dynamic') return `(${text(a!, cx)} ${negate ? '<>' : '='} ${text(b!, cx)})`;
    const t = commonType(a!, b!);
    const x = as(a!, t, cx), y = as(b!, t, cx);
    // Kusto: null != value is true (and null != null is false).
    if (t === 'string' || (cx.predicate && !negate)) return `(${x} ${negate ? '<>' : '='} ${y})`;
    // Kusto: a comparison with exactly one null side is false for == and true for !=; null vs null is null.
    return `coalesce(${x} ${negate ? '<>' : '='} ${y}, CASE WHEN ${x} IS NULL AND ${y} IS NULL THEN NULL ELSE ${negate ? 'TRUE' : 'FALSE'} END)`;
  });
}

/**
 * The members of a compile-time constant list argument: a string literal, or a dynamic literal
 * (`dynamic([...])`, a let-bound constant) holding strings (null counts as '', as jsonToText gives).
 * Undefined when the argument is not constant or holds anything else (numbers, bags...), so the
 * caller keeps its general per-row path.
 */
function constantMembers(a: FnArg): string[] | undefined {
  if (a.setSql || a.ir.k !== 'lit' || typeof a.ir.value !== 'string') return undefined;
  if (a.ir.type === 'string') return [a.ir.value];
  if (a.ir.type !== 'dynamic') return undefined;
  let v: unknown;
  try { v = JSON.parse(a.ir.value); } catch { return undefined; }
  const out: string[] = [];
  for (const e of Array.isArray(v) ? v : [v]) {
    if (typeof e === 'string') out.push(e);
    else if (e === null) out.push('');
    else return undefined;
  }
  return out;
}

const ASCII = /^[\x00-\x7f]*$/;

/** Elements of the right side of in/has_any: scalars, dynamic arrays and tabular subqueries. */
function setMembers(args: readonly FnArg[], cx: FnContext, ci: boolean): { scalars: string[]; lists: string[] } {
  const scalars: string[] = [];
  const lists: string[] = [];
  for (const a of args) {
    const constant = a.type === 'dynamic' ? constantMembers(a) : undefined;
    if (constant) {
      // Expanded at compile time into an IN list (ASCII folded here, anything else by lower()).
      for (const m of constant) scalars.push(!ci ? sqlStr(m) : ASCII.test(m) ? sqlStr(m.toLowerCase()) : cx.h('lower')(sqlStr(m)));
    } else if (a.setSql) lists.push(cx.h('subqueryList')(ci ? cx.h('lower')(cx.h('castText')('v')) : cx.h('castText')('v'), a.setSql));
    else if (a.type === 'dynamic') {
      const t = cx.h('listTransform')(cx.h('jsonElementsOrSelf')(a.sql), 'e', ci ? cx.h('lower')(cx.h('jsonToText')('e')) : cx.h('jsonToText')('e'));
      lists.push(t);
    } else scalars.push(ci ? cx.h('lower')(text(a, cx)) : text(a, cx));
  }
  return { scalars, lists };
}

function inOp(ci: boolean, negate: boolean): FnDef {
  return scalar(([left, ...rest], cx) => {
    const onlyScalars = rest.every((r) => !r.setSql && r.type !== 'dynamic');
    let e: string;
    if (onlyScalars && !ci && left!.type !== 'dynamic' && rest.every((r) => r.type === left!.type || left!.type !== 'string')) {
      e = rest.length === 0 ? 'FALSE' : `(${left!.sql} IN (${rest.map((r) => as(r, left!.type, cx)).join(', ')}))`;
    } else {
      const x = ci ? cx.h('lower')(text(left!, cx)) : text(left!, cx);
      // A tabular set (`in (T)`, toscalar(make_set(…))) is an IN subquery: DuckDB plans it as a hash
      // semi-join, where a list built from it would be scanned once per row (45 s for 20k IPs on 5M rows).
      const sets = rest.filter((r) => r.setSql).map((r) =>
        `${x} IN (SELECT ${ci ? cx.h('lower')(cx.h('castText')('v')) : cx.h('castText')('v')} FROM (${r.setSql}) AS s WHERE v IS NOT NULL)`);
      const { scalars, lists } = setMembers(rest.filter((r) => !r.setSql), cx, ci);
      const parts = [...sets];
      if (scalars.length) parts.push(`${x} IN (${scalars.join(', ')})`);
      for (const l of lists) parts.push(cx.h('listContains')(l, x));
      e = parts.length ? `(${parts.join(' OR ')})` : 'FALSE';
    }
    if (cx.predicate && !negate) return e;
    return negate ? `(NOT coalesce(${e}, FALSE))` : `coalesce(${e}, FALSE)`;
  });
}

const ALTERNATION_CHUNK = 1000;
/** Chunks of a tabular has_any set compiled as constants; a larger set takes the per-row path. */
const SET_CHUNKS = 64;

/** SQL (over lower-case term `n`) for the whole-term regex of `n`, as lowerTermRegex builds in JS. */
const termRegexSql = (n: string, cx: FnContext) =>
  `CASE WHEN ${cx.h('regexMatch')(n, `'^${TERM}'`)} THEN '(?:^|[^0-9a-z])' ELSE '' END || ${cx.h('regexEscape')(n)} || ` +
  `CASE WHEN ${cx.h('regexMatch')(n, `'${TERM}$'`)} THEN '(?:$|[^0-9a-z])' ELSE '' END`;

/**
 * has_any against a tabular set (`has_any (T)`): the set's distinct terms become alternations of
 * ALTERNATION_CHUNK terms, computed once before the query into a session constant, so each row runs
 * a few precompiled regexes instead of compiling one per term (minutes on a million rows). Sets
 * over SET_CHUNKS chunks keep the per-row path (`fallback`), chosen by a condition the planner folds.
 */
function hasAnyOfSet(x: string, setSql: string, fallback: string, cx: FnContext, constant: (sql: string) => string): string {
  const terms = `SELECT DISTINCT lower(CAST(v AS VARCHAR)) AS n FROM (${setSql}) AS s WHERE v IS NOT NULL`;
  const chunks = `SELECT g, string_agg(${termRegexSql('n', cx)}, '|' ORDER BY n) AS p FROM (` +
    `SELECT n, (row_number() OVER (ORDER BY n) - 1) // ${ALTERNATION_CHUNK} AS g FROM (${terms}) AS t) AS c GROUP BY g`;
  const patterns = constant(`SELECT list(p ORDER BY g) FROM (${chunks}) AS chunks`);
  const tests = Array.from({ length: SET_CHUNKS }, (_, i) => cx.h('regexMatch')(`lower(${x})`, `${patterns}[${i + 1}]`));
  return `(CASE WHEN coalesce(len(${patterns}), 0) <= ${SET_CHUNKS} THEN (${tests.join(' OR ')}) ELSE ${fallback} END)`;
}

/** Regex (over lower(text)) for a whole-term match of an ASCII, lower-case, non-empty needle. */
function lowerTermRegex(needle: string): string {
  const left = /^[0-9a-z]/.test(needle) ? '(?:^|[^0-9a-z])' : '';
  const right = /[0-9a-z]$/.test(needle) ? '(?:$|[^0-9a-z])' : '';
  return `${left}${escapeRegex(needle)}${right}`;
}

/**
 * has_any / has_all: `has` (whole-term, case-insensitive) against each member. Constant members
 * (literals, dynamic([...]), let-bound constants) are expanded at compile time: has_any becomes one
 * precompiled alternation over lower(text), has_all one precompiled term regex per member. Other
 * members (columns, subqueries) keep the general per-row path. An empty member matches any text.
 */
function hasAnyAll(all: boolean): FnDef {
  return scalar(([left, ...rest], cx) => {
    const x = text(left!, cx);
    const parts: string[] = [];
    const has = termOp(true, true, true);
    const lists: { list: string; setSql?: string }[] = [];
    const needles = new Set<string>();
    for (const r of rest) {
      const constant = constantMembers(r);
      if (constant) {
        for (const m of constant) {
          if (ASCII.test(m)) needles.add(m.toLowerCase());
          else parts.push(has.sql([left!, { sql: sqlStr(m), type: 'string', ir: { k: 'lit', value: m, type: 'string' } }], cx));
        }
      } else if (r.setSql || r.type === 'dynamic') lists.push({ list: setMembers([r], cx, true).lists[0]!, setSql: r.setSql });
      else parts.push(has.sql([left!, r], cx));
    }
    if (needles.has('')) {
      if (!all) return 'TRUE';
      needles.delete('');
    }
    const terms = [...needles].map(lowerTermRegex);
    if (terms.length > 0) {
      if (all) for (const t of terms) parts.push(cx.h('regexMatch')(cx.h('lower')(x), sqlStr(t)));
      // RE2 refuses very large programs: long lists become an OR of chunked alternations.
      else for (let i = 0; i < terms.length; i += ALTERNATION_CHUNK) {
        const chunk = terms.slice(i, i + ALTERNATION_CHUNK);
        parts.push(cx.h('regexMatch')(cx.h('lower')(x), sqlStr(chunk.length === 1 ? chunk[0]! : `(?:${chunk.join('|')})`)));
      }
    }
    for (const { list: l, setSql } of lists) {
      const test = cx.h('regexMatch')(cx.h('lower')(x), termRegexSql('n', cx));
      const perRow = all ? cx.h('listAll')(l, 'n', test) : cx.h('listAny')(l, 'n', test);
      parts.push(!all && setSql && cx.constant ? hasAnyOfSet(x, setSql, perRow, cx, cx.constant) : perRow);
    }
    if (parts.length === 0) return all ? 'TRUE' : 'FALSE';
    const e = parts.join(all ? ' AND ' : ' OR ');
    // In a where predicate null and false filter alike.
    return cx.predicate ? `(${e})` : `coalesce(${e}, FALSE)`;
  });
}

function arith(op: '+' | '-' | '*' | '/' | '%'): FnDef {
  return scalar(([a, b], cx) => {
    const ta = a!.type, tb = b!.type;
    if (op === '+' && ta === 'datetime' && tb === 'timespan') return `(${addTicks(a!.sql, b!.sql, cx)})`;
    if (op === '+' && ta === 'timespan' && tb === 'datetime') return `(${addTicks(b!.sql, a!.sql, cx)})`;
    if (op === '-' && ta === 'datetime' && tb === 'timespan') return `(${addTicks(a!.sql, b!.sql, cx, '-')})`;
    if (op === '-' && ta === 'datetime' && tb === 'datetime') return `((${cx.h('epochMicros')(a!.sql)} - ${cx.h('epochMicros')(b!.sql)}) * 10)`;
    if (ta === 'timespan' && tb === 'timespan' && op === '/') return `(CAST(${a!.sql} AS ${cx.h('sqlType')('real')}) / ${b!.sql})`;
    if (ta === 'timespan' && (op === '*' || op === '/')) return `CAST(${cx.h('roundHalfAway')(`${a!.sql} ${op} ${as(b!, 'real', cx)}`)} AS ${cx.h('sqlType')('long')})`;
    if (tb === 'timespan' && op === '*') return `CAST(${cx.h('roundHalfAway')(`${as(a!, 'real', cx)} * ${b!.sql}`)} AS ${cx.h('sqlType')('long')})`;
    const t = cx.resultType;
    const x = as(a!, t === 'timespan' ? 'long' : t, cx);
    const y = as(b!, t === 'timespan' ? 'long' : t, cx);
    const integral = t === 'int' || t === 'long' || t === 'timespan';
    if (op === '/') return integral ? `(${cx.h('intDiv')(x, `nullif(${y}, 0)`)})` : `(CAST(${x} AS ${cx.h('sqlType')('real')}) / ${y})`;
    // Kusto's modulo result is never negative.
    if (op === '%') return `((${x} % nullif(${y}, 0) + abs(${y})) % nullif(abs(${y}), 0))`;
    return integral ? `CAST(${x} ${op} ${y} AS ${cx.h('sqlType')(t)})` : `(${x} ${op} ${y})`;
  });
}

function between(negate: boolean): FnDef {
  return scalar(([v, lo, hi], cx) => {
    let hiSql = hi!.sql;
    if (lo!.type === 'datetime' && hi!.type === 'timespan') hiSql = `(${addTicks(lo!.sql, hi!.sql, cx)})`;
    const t = commonType(v!, lo!);
    const e = `(${as(v!, t, cx)} BETWEEN ${as(lo!, t, cx)} AND ${hi!.type === 'timespan' && t === 'datetime' ? hiSql : as(hi!, t, cx)})`;
    return negate ? `(NOT coalesce(${e}, FALSE))` : e;
  });
}

defineFunctions({
  'op:Equal': equality(false),
  'op:NotEqual': equality(true),
  'op:EqualTilde': stringOp((a, b) => `(${a} = ${b})`, true),
  'op:BangTilde': stringOp((a, b) => `(${a} = ${b})`, true, true),
  'op:LessThan': compare('<'),
  'op:LessThanOrEqual': compare('<='),
  'op:GreaterThan': compare('>'),
  'op:GreaterThanOrEqual': compare('>='),
  'op:And': scalar(([a, b]) => `(${a!.sql} AND ${b!.sql})`),
  'op:Or': scalar(([a, b]) => `(${a!.sql} OR ${b!.sql})`),
  'op:Add': arith('+'),
  'op:Subtract': arith('-'),
  'op:Multiply': arith('*'),
  'op:Divide': arith('/'),
  'op:Modulo': arith('%'),
  'op:UnaryMinus': scalar(([a]) => `(-${a!.sql})`),
  'op:UnaryPlus': scalar(([a]) => a!.sql),
  'op:Contains': stringOp((a, b, cx) => cx.h('strContains')(a, b), true),
  'op:ContainsCs': stringOp((a, b, cx) => cx.h('strContains')(a, b), false),
  'op:NotContains': stringOp((a, b, cx) => cx.h('strContains')(a, b), true, true),
  'op:NotContainsCs': stringOp((a, b, cx) => cx.h('strContains')(a, b), false, true),
  'op:StartsWith': stringOp((a, b, cx) => cx.h('strStartsWith')(a, b), true),
  'op:StartsWithCs': stringOp((a, b, cx) => cx.h('strStartsWith')(a, b), false),
  'op:NotStartsWith': stringOp((a, b, cx) => cx.h('strStartsWith')(a, b), true, true),
  'op:NotStartsWithCs': stringOp((a, b, cx) => cx.h('strStartsWith')(a, b), false, true),
  'op:EndsWith': stringOp((a, b, cx) => cx.h('strEndsWith')(a, b), true),
  'op:EndsWithCs': stringOp((a, b, cx) => cx.h('strEndsWith')(a, b), false),
  'op:NotEndsWith': stringOp((a, b, cx) => cx.h('strEndsWith')(a, b), true, true),
  'op:NotEndsWithCs': stringOp((a, b, cx) => cx.h('strEndsWith')(a, b), false, true),
  'op:Has': termOp(true, true, true),
  'op:HasCs': termOp(true, true, false),
  'op:NotHas': termOp(true, true, true, true),
  'op:NotHasCs': termOp(true, true, false, true),
  'op:HasPrefix': termOp(true, false, true),
  'op:HasPrefixCs': termOp(true, false, false),
  'op:NotHasPrefix': termOp(true, false, true, true),
  'op:NotHasPrefixCs': termOp(true, false, false, true),
  'op:HasSuffix': termOp(false, true, true),
  'op:HasSuffixCs': termOp(false, true, false),
  'op:NotHasSuffix': termOp(false, true, true, true),
  'op:NotHasSuffixCs': termOp(false, true, false, true),
  'op:MatchRegex': scalar(([a, b], cx) => `coalesce(${cx.h('regexMatch')(text(a!, cx), text(b!, cx))}, FALSE)`),
  'op:Like': stringOp((a, b) => `(${a} LIKE ${b})`, true),
  // Kusto.Language names `in~` InCs and `!in~` NotInCs (sic): the Cs variants are the case-insensitive ones.
  'op:In': inOp(false, false),
  'op:InCs': inOp(true, false),
  'op:NotIn': inOp(false, true),
  'op:NotInCs': inOp(true, true),
  'op:HasAny': hasAnyAll(false),
  'op:HasAll': hasAnyAll(true),
  'op:Between': between(false),
  'op:NotBetween': between(true),
});
