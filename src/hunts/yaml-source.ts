/**
 * Parses a YAML file keeping positions, and turns a path inside the document (as zod reports it)
 * into a 1-based line and column, so every rule-file problem can be reported as file:line:col.
 */
import { LineCounter, isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';

export interface SourceProblem {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

export interface YamlSource {
  readonly file: string;
  readonly doc: Document.Parsed;
  readonly lineCounter: LineCounter;
  /** Problems from the YAML parser itself (syntax errors), already positioned. */
  readonly problems: readonly SourceProblem[];
}

export function parseYamlSource(file: string, text: string): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const problems = doc.errors.map((e) => {
    const pos = lineCounter.linePos(e.pos[0]);
    return { file, line: pos.line, column: pos.col, message: e.message.split('\n')[0] ?? e.message };
  });
  return { file, doc, lineCounter, problems };
}

/**
 * Position of the node at `path`: the key of a map entry when the path ends at a key (so a
 * duplicate `id` points at `id:`), the item of a sequence, or the nearest existing ancestor when
 * the path does not exist (a missing required key points at its parent map).
 */
export function locate(src: YamlSource, path: readonly PropertyKey[]): { line: number; column: number } {
  let node: unknown = src.doc.contents;
  let offset = rangeStart(node) ?? 0;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(key));
      if (!pair) break;
      offset = rangeStart(pair.key) ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof key === 'number') {
      const item = node.items[key];
      if (item === undefined) break;
      node = item;
      offset = rangeStart(item) ?? offset;
    } else {
      break;
    }
  }
  const pos = src.lineCounter.linePos(offset);
  return { line: pos.line, column: pos.col };
}

/**
 * Where the text of a top-level scalar value starts: 1-based line, and the number of columns
 * before it on each of its lines (a block scalar's indentation), so offsets in the value map to
 * file positions.
 */
export function valueStart(src: YamlSource, key: string, text: string): { line: number; indent: number } | undefined {
  const contents = src.doc.contents;
  if (!isMap(contents)) return undefined;
  const pair = contents.items.find((p) => isScalar(p.key) && p.key.value === key);
  const value = pair?.value;
  if (!isScalar(value)) return undefined;
  const start = rangeStart(value);
  if (start === undefined) return undefined;
  const pos = src.lineCounter.linePos(start);
  if (value.type === 'BLOCK_LITERAL' || value.type === 'BLOCK_FOLDED') {
    const lines = text.split('\n');
    for (let i = pos.line; i < lines.length; i++) {
      const l = lines[i]!;
      if (l.trim() !== '') return { line: i + 1, indent: l.length - l.trimStart().length };
    }
    return { line: pos.line + 1, indent: 0 };
  }
  const quoted = value.type === 'QUOTE_DOUBLE' || value.type === 'QUOTE_SINGLE' ? 1 : 0;
  return { line: pos.line, indent: pos.col - 1 + quoted };
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? range[0] : undefined;
}

export function formatProblem(p: SourceProblem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.message}`;
}
