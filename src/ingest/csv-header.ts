/**
 * Reads a CSV export's header line (first record only, with csv-parse), strips a UTF-8 BOM, guesses
 * the delimiter (comma, tab or semicolon) and gives each header cell a unique, non-empty name that
 * DuckDB can use as a column name (names are case-insensitive there).
 */
import { parse } from 'csv-parse/sync';
import { readTextHead } from './detect-format.js';
import { IngestFileError } from './types.js';

export interface CsvHeader {
  readonly delimiter: string;
  /** Header cells as written (trimmed). */
  readonly names: readonly string[];
  /** Unique column names for read_csv, one per header cell. */
  readonly columnNames: readonly string[];
}

function firstLine(text: string): string {
  const nl = text.search(/\r?\n/);
  return nl < 0 ? text : text.slice(0, nl);
}

export function guessDelimiter(line: string): string {
  const counts = [',', '\t', ';'].map((d) => ({ d, n: line.split(d).length - 1 }));
  counts.sort((a, b) => b.n - a.n);
  return counts[0]!.n > 0 ? counts[0]!.d : ',';
}

export function parseCsvHeader(text: string): CsvHeader {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') throw new IngestFileError('empty CSV file (no header line)');
  const delimiter = guessDelimiter(firstLine(body));
  let records: string[][];
  try {
    records = parse(body, { delimiter, to_line: 1, relax_column_count: true, relax_quotes: true, skip_empty_lines: false }) as string[][];
  } catch (err) {
    throw new IngestFileError(`cannot read the CSV header: ${(err as Error).message}`);
  }
  const names = (records[0] ?? []).map((n) => n.trim());
  if (names.length === 0) throw new IngestFileError('empty CSV header');
  const seen = new Set<string>();
  const columnNames = names.map((n, i) => {
    let name = n === '' ? `column${i + 1}` : n;
    for (let k = 2; seen.has(name.toLowerCase()); k++) name = `${n || `column${i + 1}`}_${k}`;
    seen.add(name.toLowerCase());
    return name;
  });
  return { delimiter, names, columnNames };
}

export async function readCsvHeader(path: string): Promise<CsvHeader> {
  return parseCsvHeader(await readTextHead(path));
}
