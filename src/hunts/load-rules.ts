/**
 * Loads hunt rule files (Harrier pack files and Sentinel hunting-query YAML alike) from files and
 * folders. Every problem is a value positioned as file:line:col: YAML syntax, schema violations,
 * and duplicate ids or names across everything loaded (each offender listed). Nothing throws
 * except `loadRulesOrThrow`, which lists all problems in one error.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { RuleSchema, type HuntRule } from './rule-schema.js';
import { formatProblem, locate, parseYamlSource, valueStart, type SourceProblem } from './yaml-source.js';

/** The built-in pack shipped with Harrier (`hunts/` at the package root). */
export const BUILTIN_RULES_DIR = fileURLToPath(new URL('../../hunts', import.meta.url));

export interface LoadedRule {
  readonly rule: HuntRule;
  /** Absolute path of the rule file. */
  readonly file: string;
  /** Line of the `id:` key. */
  readonly line: number;
  /** Line where the query text starts (to position KQL diagnostics in the file). */
  readonly queryLine: number;
  /** Columns before the query text on its lines (the block scalar's indentation). */
  readonly queryIndent?: number;
}

export interface LoadResult {
  readonly rules: readonly LoadedRule[];
  readonly problems: readonly SourceProblem[];
}

/** Folders inside a rule folder that hold data, not rules. */
const NON_RULE_DIRS = new Set(['lists', 'tests', 'fixtures', 'node_modules']);

/** Rule files under the given files/folders (folders recursively, `.yaml`/`.yml` in any case), sorted. */
export function findRuleFiles(paths: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      if (name.startsWith('.')) continue;
      const p = join(dir, name);
      if (statSync(p).isDirectory()) {
        if (!NON_RULE_DIRS.has(name)) walk(p);
      } else if (/\.ya?ml$/i.test(name)) {
        out.push(p);
      }
    }
  };
  for (const raw of paths) {
    const p = resolve(raw);
    if (statSync(p, { throwIfNoEntry: false })?.isDirectory()) walk(p);
    else out.push(p);
  }
  return [...new Set(out)];
}

/** Parses and validates one rule file's text. */
export function parseRuleText(file: string, text: string): { rule?: LoadedRule; problems: SourceProblem[] } {
  const src = parseYamlSource(file, text);
  if (src.problems.length > 0) return { problems: [...src.problems] };
  const parsed = RuleSchema.safeParse(src.doc.toJS());
  if (!parsed.success) {
    return { problems: parsed.error.issues.map((issue) => ({ file, ...locate(src, issue.path), message: issueMessage(issue) })) };
  }
  const line = locate(src, ['id']).line;
  const q = valueStart(src, 'query', text);
  return { rule: { rule: parsed.data, file, line, queryLine: q?.line ?? line, queryIndent: q?.indent ?? 0 }, problems: [] };
}

function issueMessage(issue: z.core.$ZodIssue): string {
  const where = issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ` : '';
  return `${where}${issue.message}`;
}

export function loadRuleFile(file: string): { rule?: LoadedRule; problems: SourceProblem[] } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    return { problems: [{ file, line: 1, column: 1, message: `cannot read: ${(err as Error).message}` }] };
  }
  return parseRuleText(file, text);
}

/** Loads every rule under `paths` and checks ids and names are unique across all of them. */
export function loadRules(paths: readonly string[]): LoadResult {
  const rules: LoadedRule[] = [];
  const problems: SourceProblem[] = [];
  let files: string[];
  try {
    files = findRuleFiles(paths);
  } catch (err) {
    return { rules, problems: [{ file: paths.join(', '), line: 1, column: 1, message: (err as Error).message }] };
  }
  for (const file of files) {
    const r = loadRuleFile(file);
    problems.push(...r.problems);
    if (r.rule) rules.push(r.rule);
  }
  problems.push(...duplicateProblems(rules));
  return { rules, problems };
}

/** One problem per offending file for every id or name used more than once (case-insensitive). */
export function duplicateProblems(rules: readonly LoadedRule[]): SourceProblem[] {
  const problems: SourceProblem[] = [];
  const check = (what: 'id' | 'name', key: (r: LoadedRule) => string) => {
    const groups = new Map<string, LoadedRule[]>();
    for (const r of rules) groups.set(key(r), [...(groups.get(key(r)) ?? []), r]);
    for (const group of groups.values()) {
      if (group.length < 2) continue;
      const where = group.map((r) => `${r.file}:${r.line}`).join(', ');
      for (const r of group) {
        problems.push({ file: r.file, line: r.line, column: 1, message: `duplicate ${what} '${r.rule[what]}' (used by ${where})` });
      }
    }
  };
  check('id', (r) => r.rule.id.toLowerCase());
  check('name', (r) => r.rule.name.trim().toLowerCase());
  return problems;
}

export class RuleLoadError extends Error {
  constructor(readonly problems: readonly SourceProblem[]) {
    super(`${problems.length} problem(s) in rule files:\n${problems.map(formatProblem).join('\n')}`);
    this.name = 'RuleLoadError';
  }
}

export function loadRulesOrThrow(paths: readonly string[]): LoadedRule[] {
  const { rules, problems } = loadRules(paths);
  if (problems.length > 0) throw new RuleLoadError(problems);
  return [...rules];
}

/** Rules whose id, name or file slug matches one of `only` (case-insensitive); all when empty. */
export function selectRules(rules: readonly LoadedRule[], only: readonly string[]): LoadedRule[] {
  if (only.length === 0) return [...rules];
  const wanted = new Set(only.map((o) => o.toLowerCase()));
  return rules.filter((r) => {
    const slug = r.file.replace(/^.*[\\/]/, '').replace(/\.ya?ml$/i, '').toLowerCase();
    return wanted.has(r.rule.id.toLowerCase()) || wanted.has(r.rule.name.toLowerCase()) || wanted.has(slug);
  });
}
