/**
 * Settings of the remote engines, read from the environment. Credentials, the token endpoint and
 * the https-or-loopback rule are the respond module's (`src/respond/config.ts`, `token.ts`); this
 * file adds each service's API base and OAuth scope. Secrets are listed for scrubbing.
 */
import { checkEndpoint, loadMdeConfig, redact, type MdeConfig } from '../respond/config.js';
import { ResponseError } from '../respond/errors.js';
import { msalTokenProvider, type TokenProvider } from '../respond/token.js';

export type Env = Readonly<Record<string, string | undefined>>;

export const DEFAULT_GRAPH_API = 'https://graph.microsoft.com/v1.0';
export const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';
export const DEFAULT_LOG_ANALYTICS_API = 'https://api.loganalytics.azure.com/v1';
export const LOG_ANALYTICS_SCOPE = 'https://api.loganalytics.io/.default';

/** A configuration error of a connector (bad or missing settings): exit code 1 with the message. */
export class ConnectorError extends Error {
  constructor(message: string, readonly kind: string = 'config', readonly status?: number) {
    super(message);
    this.name = 'ConnectorError';
  }
}

export interface ServiceAuth {
  readonly apiBase: string;
  readonly tokenUrl: string;
  readonly token: TokenProvider;
  readonly secrets: readonly string[];
}

/** The app registration's credentials, with messages that fit the connectors (not `--execute`). */
export function loadCredentials(env: Env): MdeConfig {
  try {
    return loadMdeConfig(env);
  } catch (err) {
    if (err instanceof ResponseError) throw new ConnectorError(err.message.replace(/^--execute needs/, 'remote engines need'));
    throw err;
  }
}

function wrapToken(cfg: MdeConfig, scope: string): TokenProvider {
  const inner = msalTokenProvider(cfg, scope);
  return async () => {
    try {
      return await inner();
    } catch (err) {
      throw new ConnectorError(redact((err as Error).message, cfg.secrets), 'token');
    }
  };
}

/** Graph security API: `HARRIER_GRAPH_API` (default v1.0), scope graph/.default (ThreatHunting.Read.All). */
export function graphAuth(env: Env, token?: TokenProvider): ServiceAuth {
  const cfg = loadCredentials(env);
  const apiBase = checkApi('HARRIER_GRAPH_API', env['HARRIER_GRAPH_API'] || DEFAULT_GRAPH_API);
  return { apiBase, tokenUrl: cfg.tokenUrl, token: token ?? wrapToken(cfg, GRAPH_SCOPE), secrets: cfg.secrets };
}

/** Log Analytics query API: `HARRIER_LOGANALYTICS_API` (default …/v1), scope api.loganalytics.io/.default. */
export function logAnalyticsAuth(env: Env, token?: TokenProvider): ServiceAuth {
  const cfg = loadCredentials(env);
  const apiBase = checkApi('HARRIER_LOGANALYTICS_API', env['HARRIER_LOGANALYTICS_API'] || DEFAULT_LOG_ANALYTICS_API);
  return { apiBase, tokenUrl: cfg.tokenUrl, token: token ?? wrapToken(cfg, LOG_ANALYTICS_SCOPE), secrets: cfg.secrets };
}

/** Azure Data Explorer: the cluster URL is the API base; the scope is `<cluster>/.default`. */
export function adxAuth(env: Env, cluster: string, token?: TokenProvider): ServiceAuth {
  const cfg = loadCredentials(env);
  const apiBase = checkApi('--cluster / HARRIER_ADX_CLUSTER', cluster);
  return { apiBase, tokenUrl: cfg.tokenUrl, token: token ?? wrapToken(cfg, `${apiBase}/.default`), secrets: cfg.secrets };
}

function checkApi(name: string, value: string): string {
  try {
    return checkEndpoint(name, value).replace(/\/+$/, '');
  } catch (err) {
    if (err instanceof ResponseError) throw new ConnectorError(err.message);
    throw err;
  }
}
