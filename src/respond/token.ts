/**
 * Acquires an app-only access token for the Defender API with OAuth 2.0 client credentials, through
 * Microsoft's `@azure/msal-node`. The token endpoint is given to MSAL as authority metadata (with
 * cloud discovery metadata and the authority host as a known authority), so MSAL makes no discovery
 * calls and `HARRIER_TOKEN_URL` may point anywhere allowed (https, or http on 127.0.0.1 for tests),
 * while the authority itself stays the https login.microsoftonline.com URL MSAL requires.
 */
import { AuthError, ConfidentialClientApplication, type Configuration } from '@azure/msal-node';
import { MDE_SCOPE, redact, type MdeConfig } from './config.js';
import { ResponseError } from './errors.js';

export type TokenProvider = () => Promise<string>;

const AUTHORITY_HOST = 'login.microsoftonline.com';

export function msalConfiguration(cfg: MdeConfig): Configuration {
  const authority = `https://${AUTHORITY_HOST}/${encodeURIComponent(cfg.tenantId)}`;
  const authorityMetadata = {
    token_endpoint: cfg.tokenUrl,
    issuer: `${authority}/v2.0`,
    authorization_endpoint: `${authority}/oauth2/v2.0/authorize`,
    jwks_uri: `${authority}/discovery/v2.0/keys`,
    end_session_endpoint: `${authority}/oauth2/v2.0/logout`,
  };
  const cloudDiscoveryMetadata = {
    tenant_discovery_endpoint: `${authority}/v2.0/.well-known/openid-configuration`,
    'api-version': '1.1',
    metadata: [{ preferred_network: AUTHORITY_HOST, preferred_cache: AUTHORITY_HOST, aliases: [AUTHORITY_HOST] }],
  };
  const credential = cfg.credential.kind === 'secret'
    ? { clientSecret: cfg.credential.secret }
    : { clientCertificate: { thumbprintSha256: cfg.credential.thumbprintSha256, privateKey: cfg.credential.privateKey, x5c: cfg.credential.x5c } };
  return {
    auth: {
      clientId: cfg.clientId,
      authority,
      knownAuthorities: [AUTHORITY_HOST],
      authorityMetadata: JSON.stringify(authorityMetadata),
      cloudDiscoveryMetadata: JSON.stringify(cloudDiscoveryMetadata),
      ...credential,
    },
    // MSAL's logger stays off: nothing it knows is printed.
    system: { loggerOptions: { piiLoggingEnabled: false, loggerCallback: () => undefined } },
  };
}

function tokenError(err: unknown, cfg: MdeConfig): ResponseError {
  const secrets = cfg.secrets;
  if (err instanceof AuthError) {
    const code = err.errorCode || 'error';
    const firstLine = (err.errorMessage || '').split(/\r?\n/)[0] ?? '';
    const network = /network|fetch|ECONNREFUSED|ENOTFOUND|timed? ?out/i.test(`${code} ${err.errorMessage}`);
    const hint = code === 'invalid_client' || /AADSTS7000215|AADSTS7000222/.test(err.errorMessage)
      ? ' (the client secret or certificate was rejected: check HARRIER_CLIENT_ID and the credential, and whether it has expired)'
      : /AADSTS90002|AADSTS900023/.test(err.errorMessage) ? ' (check HARRIER_TENANT_ID)' : '';
    return new ResponseError(network ? 'network' : 'token', redact(`cannot get an access token from ${cfg.tokenUrl}: ${code}${firstLine ? `: ${firstLine}` : ''}${hint}`, secrets));
  }
  return new ResponseError('token', redact(`cannot get an access token from ${cfg.tokenUrl}: ${err instanceof Error ? err.message : String(err)}`, secrets));
}

/**
 * A token provider backed by one MSAL client (which caches the token for its lifetime). `scope`
 * defaults to the Defender API's; the connectors pass Graph's, Log Analytics' or a cluster's.
 */
export function msalTokenProvider(cfg: MdeConfig, scope: string = MDE_SCOPE): TokenProvider {
  const app = new ConfidentialClientApplication(msalConfiguration(cfg));
  return async () => {
    let result;
    try {
      result = await app.acquireTokenByClientCredential({ scopes: [scope] });
    } catch (err) {
      throw tokenError(err, cfg);
    }
    if (!result?.accessToken) throw new ResponseError('token', `the token endpoint ${cfg.tokenUrl} returned no access token`);
    return result.accessToken;
  };
}
