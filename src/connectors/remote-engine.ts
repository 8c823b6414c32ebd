/**
 * A `KqlEngine` (src/engine/contract.ts) that sends the KQL text unchanged to a remote Kusto
 * engine — Defender (Graph runHuntingQuery), Log Analytics / Sentinel (query API v1) or Azure Data
 * Explorer (azure-kusto-data) — and answers in the same JSON contract as the local engine. A query
 * that is not portable to the engine (portability.ts) is refused with NOT-PORTABLE diagnostics and
 * never sent. `now` cannot be pinned remotely: the service's clock drives ago()/now().
 */
import { QueryError, type KqlEngine, type QueryOptions, type QueryResult } from '../engine/contract.js';
import type { TokenProvider } from '../respond/token.js';
import { AdxConnection } from './adx.js';
import { realClock, type Clock } from './clock.js';
import { ConnectorError, adxAuth, graphAuth, logAnalyticsAuth, type Env } from './config.js';
import { DEFENDER_CALLS_PER_MINUTE } from './collect-defender.js';
import { runHuntingQuery } from './graph-hunting.js';
import { queryLogAnalytics } from './log-analytics.js';
import { encodeRows, remoteResult } from './normalize.js';
import { portabilityProblems, type RemoteEngineName } from './portability.js';
import { RateLimiter } from './rate-limiter.js';

export interface RemoteEngineOptions {
  readonly engine: RemoteEngineName;
  readonly env: Env;
  /** Log Analytics workspace id (else HARRIER_LA_WORKSPACE). */
  readonly workspace?: string;
  /** ADX cluster URL and database (else HARRIER_ADX_CLUSTER / HARRIER_ADX_DATABASE). */
  readonly cluster?: string;
  readonly database?: string;
  readonly clock?: Clock;
  /** A token provider instead of MSAL (tests of the engine without a token endpoint). */
  readonly token?: TokenProvider;
  readonly onLog?: (line: string) => void;
}

export const ENGINE_LABEL: Readonly<Record<RemoteEngineName, string>> = {
  defender: 'Defender (Microsoft Graph runHuntingQuery)',
  loganalytics: 'Log Analytics / Sentinel',
  adx: 'Azure Data Explorer',
};

export function openRemoteEngine(opts: RemoteEngineOptions): KqlEngine {
  const clock = opts.clock ?? realClock;
  const onWait = (ms: number, status: number) => opts.onLog?.(`${status} from ${ENGINE_LABEL[opts.engine]}: waiting ${Math.ceil(ms / 1000)} s (Retry-After)`);
  let run: (text: string, maxRows: number) => Promise<QueryResult>;
  let close = () => undefined as void;
  switch (opts.engine) {
    case 'defender': {
      const auth = graphAuth(opts.env, opts.token);
      const limiter = new RateLimiter(DEFENDER_CALLS_PER_MINUTE, 60_000, clock);
      run = async (text, maxRows) => {
        const started = performance.now();
        await limiter.acquire();
        const a = await runHuntingQuery(text, undefined, { auth, clock, onWait });
        return remoteResult(a.columns, encodeRows(a.columns, a.results), maxRows, performance.now() - started);
      };
      break;
    }
    case 'loganalytics': {
      const workspaceId = opts.workspace || opts.env['HARRIER_LA_WORKSPACE'] || '';
      if (!workspaceId) throw new ConnectorError('--engine loganalytics needs the workspace id: --workspace ID or HARRIER_LA_WORKSPACE');
      const auth = logAnalyticsAuth(opts.env, opts.token);
      run = (text, maxRows) => queryLogAnalytics(text, undefined, maxRows, { auth, workspaceId, clock, onWait });
      break;
    }
    case 'adx': {
      const cluster = opts.cluster || opts.env['HARRIER_ADX_CLUSTER'] || '';
      const database = opts.database || opts.env['HARRIER_ADX_DATABASE'] || '';
      if (!cluster || !database) throw new ConnectorError('--engine adx needs the cluster URL and database: --cluster URL --database NAME (or HARRIER_ADX_CLUSTER / HARRIER_ADX_DATABASE)');
      const conn = new AdxConnection({ auth: adxAuth(opts.env, cluster, opts.token), database });
      run = (text, maxRows) => conn.query(text, maxRows);
      close = () => conn.close();
      break;
    }
    default:
      throw new ConnectorError(`unknown engine '${String(opts.engine)}' (defender, loganalytics or adx)`);
  }
  return {
    async query(text: string, options: QueryOptions = {}): Promise<QueryResult> {
      const problems = portabilityProblems(text, opts.engine);
      if (problems.length > 0) throw new QueryError(problems, `not portable to ${ENGINE_LABEL[opts.engine]}, not sent: ${problems.map((p) => p.message).join('; ')}`);
      return run(text, options.maxRows ?? 10_000);
    },
    explain(text: string) {
      return { syntax: text, ir: `(sent unchanged to ${ENGINE_LABEL[opts.engine]}: no local IR)`, sql: '' };
    },
    close,
  };
}
