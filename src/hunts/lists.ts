/**
 * Named lists as data (`lists/<name>.yaml`: cloud-storage domains, priority folders, sanctioned
 * scanners, backup accounts…) and the resolution of a rule's `parameters`/`exclusions` to values.
 * A rule finds a list in a `lists/` folder next to it or in any parent folder, then in the
 * built-in pack's `hunts/lists/`.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ListFileSchema } from './rule-schema.js';
import { BUILTIN_RULES_DIR, type LoadedRule } from './load-rules.js';
import { locate, parseYamlSource, type SourceProblem } from './yaml-source.js';

export interface NamedList {
  readonly name: string;
  readonly values: readonly string[];
  readonly file: string;
}

const cache = new Map<string, { lists: Map<string, NamedList>; problems: SourceProblem[] }>();

/** Lists in one `lists/` folder (cached per folder); a missing folder has none. */
export function loadListDir(dir: string): { lists: ReadonlyMap<string, NamedList>; problems: readonly SourceProblem[] } {
  const hit = cache.get(dir);
  if (hit) return hit;
  const lists = new Map<string, NamedList>();
  const problems: SourceProblem[] = [];
  if (statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
    for (const name of readdirSync(dir).sort()) {
      if (!/\.ya?ml$/i.test(name)) continue;
      const file = join(dir, name);
      const src = parseYamlSource(file, readFileSync(file, 'utf8'));
      if (src.problems.length > 0) { problems.push(...src.problems); continue; }
      const parsed = ListFileSchema.safeParse(src.doc.toJS());
      if (!parsed.success) {
        for (const i of parsed.error.issues) problems.push({ file, ...locate(src, i.path), message: `${i.path.join('.')}: ${i.message}` });
        continue;
      }
      const expected = name.replace(/\.ya?ml$/i, '');
      if (parsed.data.name !== expected) {
        problems.push({ file, ...locate(src, ['name']), message: `list name '${parsed.data.name}' must match its file name '${expected}'` });
      }
      lists.set(parsed.data.name, { name: parsed.data.name, values: parsed.data.values, file });
    }
  }
  const entry = { lists, problems };
  cache.set(dir, entry);
  return entry;
}

/** The `lists/` folders a rule file can see, nearest first, ending with the built-in pack's. */
export function listDirsFor(ruleFile: string): string[] {
  const dirs: string[] = [];
  let dir = dirname(ruleFile);
  for (;;) {
    dirs.push(join(dir, 'lists'));
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  dirs.push(join(BUILTIN_RULES_DIR, 'lists'));
  return [...new Set(dirs)];
}

export function findList(ruleFile: string, name: string): NamedList | undefined {
  for (const dir of listDirsFor(ruleFile)) {
    const l = loadListDir(dir).lists.get(name);
    if (l) return l;
  }
  return undefined;
}

export interface ResolvedParameters {
  /** Parameter name → values, parameters first then exclusions (an exclusion may not reuse a name). */
  readonly values: ReadonlyMap<string, readonly string[]>;
  readonly problems: readonly SourceProblem[];
}

/** Resolves a rule's `parameters` and `exclusions` to string lists; unknown lists are problems. */
export function resolveParameters(loaded: LoadedRule): ResolvedParameters {
  const values = new Map<string, readonly string[]>();
  const problems: SourceProblem[] = [];
  for (const section of ['parameters', 'exclusions'] as const) {
    for (const [name, v] of Object.entries(loaded.rule[section])) {
      if (values.has(name) || name === 'HuntLookback') {
        problems.push({ file: loaded.file, line: loaded.line, column: 1, message: `${section}.${name}: name already used` });
        continue;
      }
      if (Array.isArray(v)) { values.set(name, v); continue; }
      const list = findList(loaded.file, v.list);
      if (!list) problems.push({ file: loaded.file, line: loaded.line, column: 1, message: `${section}.${name}: unknown list '${v.list}' (looked in ${listDirsFor(loaded.file).join(', ')})` });
      else values.set(name, list.values);
    }
  }
  return { values, problems };
}

/** Problems of every list file visible from the given rule files (for `rules lint`). */
export function listProblems(ruleFiles: readonly string[]): SourceProblem[] {
  const dirs = new Set(ruleFiles.flatMap(listDirsFor));
  return [...dirs].flatMap((d) => [...loadListDir(d).problems]);
}
