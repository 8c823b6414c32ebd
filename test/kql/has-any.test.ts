/**
 * has_any / has_all / in~ with constant lists (literals, dynamic([...]), let-bound constants) are
 * expanded at compile time; these tests pin that the expansion keeps Kusto's `has` semantics
 * (whole term, case-insensitive, literal text) and agrees with the general per-row path that
 * non-constant lists (a column) still take.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { getEngine, rows } from './helpers.js';

after(async () => (await getEngine()).close());

/** Adversarial texts, one per row (KQL verbatim strings: no escapes). */
const TEXTS = [
  'cmd.exe', // the whole text
  'C:\\Windows\\System32\\CMD.EXE /c whoami', // upper case, at the end of a path
  'xcmd.exe', // glued on the left: not a term match for "cmd.exe"
  'cmd.exes', // glued on the right
  'run cmd.exe-now', // punctuation boundary
  'Temp', // only the term
  'C:\\Users\\a\\AppData\\Local\\Temp\\x.zip', // inside a path
  'Templates\\doc.docx', // prefix of a longer term: no match for "Temp"
  'MyTemp\\a', // suffix of a longer term: no match
  'a.b', // regex metacharacter text
  'axb', // would match an unescaped "a.b"
  'R&D budget', // term with punctuation inside
  'price (USD)', // parentheses
  '[x]+', // brackets and plus
  'C:\\Temp', // backslash
  '', // empty text
];

const LIST = ['CMD.exe', 'temp', 'a.b', 'r&d', '(usd)', '[x]+', '\\temp'];
const DYN = `dynamic([${LIST.map((s) => JSON.stringify(s)).join(', ')}])`;
const TABLE = `datatable(i:long, S:string)[${TEXTS.map((t, i) => `${i}, @"${t.replaceAll('"', '""')}"`).join(', ')}]`;

/** Expected `has` per (text, term), hand-checked: whole-term, case-insensitive, literal. */
const EXPECTED_ANY = [
  true, // cmd.exe
  true, // ...\CMD.EXE /c whoami
  false, // xcmd.exe: "cmd" glued to "x"
  false, // cmd.exes
  true, // cmd.exe-now: '-' is a boundary
  true, // Temp
  true, // \Temp\ (both "temp" and "\temp")
  false, // Templates
  false, // MyTemp\a: "temp" glued to "My", and no "\temp"
  true, // a.b
  false, // axb
  true, // R&D
  true, // (USD)
  true, // [x]+
  true, // C:\Temp
  false, // ''
];

async function column(q: string): Promise<unknown[]> {
  return (await rows(`${TABLE} | ${q} | order by i asc | project R`)).map((r) => r[0]);
}

describe('has_any / has_all with constant lists', () => {
  it('has_any with dynamic([...]) matches whole terms, case-insensitively, with literal metacharacters', async () => {
    assert.deepEqual(await column(`extend R = S has_any (${DYN})`), EXPECTED_ANY);
  });

  it('constant forms (dynamic literal, let-bound, scalar literals) agree with the per-row path and with has', async () => {
    const orOfHas = LIST.map((t) => `S has ${JSON.stringify(t)}`).join(' or ');
    const forms = [
      `extend R = S has_any (${DYN})`,
      `extend R = S has_any (${LIST.map((s) => JSON.stringify(s)).join(', ')})`,
      `extend R = S has_any (L)`,
      `extend D = ${DYN} | extend R = S has_any (D)`, // a column: the general path
      `extend R = ${orOfHas}`,
    ];
    const withLet = (q: string) => `let L = ${DYN};\n${TABLE} | ${q} | order by i asc | project R`;
    for (const f of forms) {
      const got = (await rows(withLet(f))).map((r) => r[0]);
      assert.deepEqual(got, EXPECTED_ANY, f);
    }
  });

  it('as a where filter, the expansion keeps the same rows', async () => {
    const got = (await rows(`let L = ${DYN};\n${TABLE} | where S has_any (L) | order by i asc | project i`)).map((r) => r[0]);
    assert.deepEqual(got, EXPECTED_ANY.flatMap((b, i) => (b ? [i] : [])));
    const neg = (await rows(`let L = ${DYN};\n${TABLE} | where not(S has_any (L)) | order by i asc | project i`)).map((r) => r[0]);
    assert.deepEqual(neg, EXPECTED_ANY.flatMap((b, i) => (b ? [] : [i])));
  });

  it('has_all needs every term; constant and per-row paths agree', async () => {
    const terms = ['c', 'temp'];
    const expected = [false, false, false, false, false, false, true, false, false, false, false, false, false, false, true, false];
    const dyn = `dynamic(${JSON.stringify(terms)})`;
    assert.deepEqual(await column(`extend R = S has_all (${dyn})`), expected);
    assert.deepEqual(await column(`extend D = ${dyn} | extend R = S has_all (D)`), expected);
    assert.deepEqual(await column(`extend R = S has_all ("C", "TEMP")`), expected);
  });

  it('empty lists and empty terms', async () => {
    assert.deepEqual(await rows(`print a = "x" has_any (dynamic([])), b = "x" has_all (dynamic([])), c = "" has_any (dynamic([]))`), [[false, true, false]]);
    // An empty term matches any text, as `has ""` does; on both paths.
    assert.deepEqual(await rows(`print a = "x" has_any (dynamic(["", "zz"])), b = "x" has_all (dynamic(["", "x"])), c = "x" has "", d = "x" has_all (dynamic(["", "zz"]))`), [[true, true, true, false]]);
    assert.deepEqual(await rows(`print D = dynamic(["", "zz"]) | project a = "x" has_any (D)`), [[true]]);
  });

  it('terms at the start and end of the text and next to punctuation', async () => {
    assert.deepEqual(await rows(`print a = "evil.exe" has_any (dynamic(["evil"])), b = "x/evil" has_any (dynamic(["EVIL"])), c = "evilx" has_any (dynamic(["evil"])), d = "_evil_" has_any (dynamic(["evil"])), e = "9evil" has_any (dynamic(["evil"]))`),
      [[true, true, false, true, false]]);
  });

  it('regex syntax in a term is literal text, never a pattern', async () => {
    assert.deepEqual(await rows(`print a = "aaaa" has_any (dynamic([".*"])), b = "x.*y" has_any (dynamic([".*"])), c = "a|b" has_any (dynamic(["a|b"])), d = "a" has_any (dynamic(["a|b"])), e = "(?i)" has_any (dynamic(["(?i)"])), f = "q" has_any (dynamic(["(?i)"]))`),
      [[false, true, true, false, true, false]]);
    assert.deepEqual(await rows(`print a = "it's" has_any (dynamic(["it's"])), b = @"a\\b" has_any (dynamic(["\\\\b"])), c = "ab" has_any (dynamic(["\\\\b"]))`),
      [[true, true, false]]);
  });

  it('non-ASCII terms keep has semantics', async () => {
    const q = (s: string) => `print a = "${s}" has_any (dynamic(["ünïcode", "zz"])), b = "${s}" has "ünïcode"`;
    for (const s of ['Ünïcode file', 'xünïcode', 'UNICODE']) {
      const [[a, b]] = await rows(q(s)) as [[boolean, boolean]];
      assert.equal(a, b, s);
    }
    assert.deepEqual(await rows(q('Ünïcode file')), [[true, true]]);
  });

  it('non-string constants take the general path', async () => {
    assert.deepEqual(await rows(`print a = "port 445 open" has_any (dynamic([445, 3389])), b = "port 4450" has_any (dynamic([445]))`), [[true, false]]);
  });

  it('long lists (IOC feeds) still compile: the alternation is chunked under RE2 limits', async () => {
    const terms = Array.from({ length: 2500 }, (_, i) => `bad-${i}.example.com`);
    const q = (s: string) => `print a = "${s}" has_any (dynamic(${JSON.stringify(terms)}))`;
    assert.deepEqual(await rows(q('GET BAD-2499.example.com/x')), [[true]]); // in the last chunk
    assert.deepEqual(await rows(q('GET bad-0.example.com')), [[true]]);
    assert.deepEqual(await rows(q('GET xbad-7.example.com')), [[false]]);
    assert.deepEqual(await rows(q('GET bad-2500.example.com')), [[false]]);
  });

  it('the constant expansion is one precompiled pattern, not a per-row list', async () => {
    const sql = (await getEngine()).explain(`let L = ${DYN}; ${TABLE} | where S has_any (L)`).sql;
    assert.doesNotMatch(sql, /list_filter|regexp_escape/);
    assert.equal(sql.match(/regexp_matches/g)?.length, 1);
  });
});

describe('has_any with a tabular set (let T = datatable / a query)', () => {
  const SET = `datatable(t:string)[${LIST.map((s) => JSON.stringify(s)).join(', ')}]`;

  it('gives the same answers as the constant list, as a column and as a filter (and negated)', async () => {
    const q = (body: string) => `let T = ${SET};\n${TABLE} | ${body}`;
    assert.deepEqual((await rows(q(`extend R = S has_any (T) | order by i asc | project R`))).map((r) => r[0]), EXPECTED_ANY);
    assert.deepEqual((await rows(q(`where S has_any (T) | order by i asc | project i`))).map((r) => r[0]), EXPECTED_ANY.flatMap((b, i) => (b ? [i] : [])));
    assert.deepEqual((await rows(q(`where not(S has_any (T)) | order by i asc | project i`))).map((r) => r[0]), EXPECTED_ANY.flatMap((b, i) => (b ? [] : [i])));
    // A query over a table as the set, with duplicate terms and an empty term.
    const inline = (terms: string) => `let T2 = datatable(t:string)[${terms}] | where strlen(t) >= 0;\n${TABLE} | extend R = S has_any (T2) | order by i asc | project R`;
    assert.deepEqual((await rows(inline(`"temp", "TEMP", "nomatch", "cmd.exe", ""`))).map((r) => r[0]), TEXTS.map(() => true)); // "" matches any text
    assert.deepEqual((await rows(inline(`"temp", "TEMP", "nomatch", "cmd.exe"`))).map((r) => r[0]), TEXTS.map((_, i) => [0, 1, 4, 5, 6, 14].includes(i)));
  });

  it('an empty set matches nothing; not(has_any) of it matches everything', async () => {
    const empty = `datatable(t:string)[]`;
    assert.deepEqual(await rows(`${TABLE} | where S has_any (${empty}) | count`), [[0]]);
    assert.deepEqual(await rows(`${TABLE} | where not(S has_any (${empty})) | count`), [[TEXTS.length]]);
  });

  it('sets larger than one alternation chunk (IOC feeds) match in any chunk, whole terms only', async () => {
    const feed = `range i from 0 to 2499 step 1 | project t = strcat("bad-", i, ".example.com")`;
    const q = (s: string) => `print S = "${s}" | project R = S has_any (${feed})`;
    assert.deepEqual(await rows(q('GET BAD-2499.example.com/x')), [[true]]); // last chunk
    assert.deepEqual(await rows(q('GET bad-0.example.com')), [[true]]);
    assert.deepEqual(await rows(q('GET bad-1000.example.com')), [[true]]); // second chunk
    assert.deepEqual(await rows(q('GET xbad-7.example.com')), [[false]]);
    assert.deepEqual(await rows(q('GET bad-2500.example.com')), [[false]]);
  });

  it('compiles the set once before the query: the row test reads precompiled patterns, not per-term regexes', async () => {
    const sql = (await getEngine()).explain(`let T = ${SET};\n${TABLE} | where S has_any (T)`).sql;
    assert.match(sql, /^SET VARIABLE "__harrier_c1" = \(/);
    assert.match(sql, /regexp_matches\(lower\([^)]*\), getvariable\('__harrier_c1'\)\[1\]\)/);
    // A later query does not see the earlier one's constant (it is reset after each query).
    assert.deepEqual(await rows(`print v = 1`), [[1]]);
  });
});

describe('a dynamic array computed by the query (toscalar(summarize make_set(…))) as the list', () => {
  // Kusto flattens dynamic arrays in in/has_any lists: the members are the array's elements.
  const L = `let L = toscalar(datatable(x:string)["cmd.exe", "temp"] | summarize make_set(x));`;

  it('in, in~, !in, has_any and has_all test the elements, not the array text', async () => {
    assert.deepEqual(await rows(`${L} print a = "cmd.exe" in (L), b = "CMD.exe" in~ (L), c = "x" !in (L), d = "run temp" has_any (L), e = "x" has_any (L), f = "cmd.exe temp" has_all (L), g = "run temp now" has_all (L)`),
      [[true, true, true, true, false, true, false]]);
    assert.deepEqual((await rows(`${L}\n${TABLE} | where S has_any (L) | order by i asc | project i`)).map((r) => r[0]), [0, 1, 4, 5, 6, 14]);
  });

  it('numbers and empty arrays', async () => {
    const N = `let N = toscalar(datatable(x:long)[445, 3389] | summarize make_set(x)); let E = toscalar(datatable(x:long)[] | summarize make_set(x));`;
    assert.deepEqual(await rows(`${N} print a = 445 in (N), b = 446 in (N), c = "port 3389 open" has_any (N), d = 1 in (E), e = 1 !in (E), f = "a" has_any (E)`),
      [[true, false, true, false, true, false]]);
  });
});

describe('in / !in / in~ with a tabular set', () => {
  it('membership with nulls in the set: !in stays true for non-members; case rules per operator', async () => {
    assert.deepEqual(await rows(`let S = datatable(x:long)[1, long(null), 3]; let T = datatable(s:string)["CMD.exe", "a"];
      print a = 2 !in (S), b = 1 in (S), c = 2 in (S), d = "cmd.EXE" in~ (T), e = "cmd.exe" in (T), f = "cmd.exe" !in~ (T), g = "b" !in (T)`),
    [[true, true, false, true, false, false, true]]);
  });

  it('is a semi-join, not a per-row list scan', async () => {
    const sql = (await getEngine()).explain(`let T = datatable(s:string)["a"]; ${TABLE} | where S in (T)`).sql;
    assert.match(sql, /"S" IN \(SELECT CAST\(v AS VARCHAR\) FROM/);
    assert.doesNotMatch(sql, /list_contains/);
    const rowsIn = (await rows(`let T = ${TABLE} | where i < 3 | project S; ${TABLE} | where S in (T) | order by i asc | project i`)).map((r) => r[0]);
    assert.deepEqual(rowsIn, [0, 1, 2]);
  });
});

describe('in~ / !in~ with constant lists', () => {
  it('dynamic and let-bound lists compare whole values case-insensitively', async () => {
    const q = (op: string) => `let L = dynamic(["CMD.exe", "a.b", "it's", ""]);\n${TABLE} | extend R = S ${op} (L) | order by i asc | project R`;
    const expectIn = TEXTS.map((t) => ['cmd.exe', 'a.b', ''].includes(t.toLowerCase()));
    assert.deepEqual((await rows(q('in~'))).map((r) => r[0]), expectIn);
    assert.deepEqual((await rows(q('!in~'))).map((r) => r[0]), expectIn.map((b) => !b));
    assert.deepEqual((await rows(q('in'))).map((r) => r[0]), TEXTS.map((t) => ['a.b', ''].includes(t)));
    const sql = (await getEngine()).explain(q('in~')).sql;
    assert.doesNotMatch(sql, /list_contains/);
  });

  it('empty constant lists', async () => {
    assert.deepEqual(await rows(`print a = "x" in~ (dynamic([])), b = "x" !in~ (dynamic([])), c = "x" in (dynamic([])), d = "" in~ (dynamic([null]))`), [[false, true, false, true]]);
  });

  it('non-constant lists still work', async () => {
    assert.deepEqual(await rows(`print D = dynamic(["X", "y"]) | project a = "x" in~ (D), b = "z" in~ (D), c = "x" !in~ (D)`), [[true, false, false]]);
  });
});
