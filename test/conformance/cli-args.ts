/**
 * Parses the harness's command line into typed options (see README.md for each flag).
 * Promises: unknown flags and malformed values throw an Error with a usage hint.
 */

export interface HarnessArgs {
  readonly only?: 'docs' | 'hunting';
  readonly filter?: string;
  readonly summary: boolean;
  readonly verbose: boolean;
  readonly json: boolean;
  readonly minCore?: number;
  readonly minHunting?: number;
  readonly shared?: string;
  /** Per-query timeout for documentation examples (ms). */
  readonly docsTimeoutMs: number;
  /** Per-query timeout for hunting queries (ms). */
  readonly huntingTimeoutMs: number;
  /** Rebuild the simulated store even when it exists. */
  readonly rebuildStore: boolean;
  /** Which engine runs the suites (duckdb by default; chdb: test/conformance/chdb-engine.ts). */
  readonly engine?: 'duckdb' | 'chdb';
}

export const USAGE = `usage: npm run conformance -- [--only docs|hunting] [--filter SUBSTRING] [--summary] [--verbose] [--json]
       [--min-core PCT] [--min-hunting PCT] [--shared DIR] [--timeout MS] [--hunting-timeout MS] [--rebuild-store] [--engine duckdb|chdb]`;

export function parseArgs(argv: readonly string[]): HarnessArgs {
  const out: { -readonly [K in keyof HarnessArgs]: HarnessArgs[K] } = {
    summary: false, verbose: false, json: false, docsTimeoutMs: 20_000, huntingTimeoutMs: 30_000, rebuildStore: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const [name, inline] = flag.includes('=') ? [flag.slice(0, flag.indexOf('=')), flag.slice(flag.indexOf('=') + 1)] : [flag, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${name} needs a value\n${USAGE}`);
      return v;
    };
    const num = (): number => {
      const v = value();
      const n = Number(v);
      if (!Number.isFinite(n) || n < 0) throw new Error(`${name}: not a non-negative number: ${v}\n${USAGE}`);
      return n;
    };
    switch (name) {
      case '--only': {
        const v = value();
        if (v !== 'docs' && v !== 'hunting') throw new Error(`--only takes docs or hunting, not ${v}\n${USAGE}`);
        out.only = v;
        break;
      }
      case '--filter': out.filter = value(); break;
      case '--summary': out.summary = true; break;
      case '--verbose': out.verbose = true; break;
      case '--json': out.json = true; break;
      case '--min-core': out.minCore = num(); break;
      case '--min-hunting': out.minHunting = num(); break;
      case '--shared': out.shared = value(); break;
      case '--timeout': out.docsTimeoutMs = num(); break;
      case '--hunting-timeout': out.huntingTimeoutMs = num(); break;
      case '--rebuild-store': out.rebuildStore = true; break;
      case '--engine': {
        const v = value();
        if (v !== 'duckdb' && v !== 'chdb') throw new Error(`--engine takes duckdb or chdb, not ${v}\n${USAGE}`);
        out.engine = v;
        break;
      }
      case '--help': case '-h': throw new Error(USAGE);
      default: throw new Error(`unknown argument ${flag}\n${USAGE}`);
    }
  }
  return out;
}
