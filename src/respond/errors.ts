/**
 * Errors of the respond stage, each with a message meant for the analyst. `describeHttpError` turns
 * a Defender API error response into such a message, naming the app permission an action needs.
 */

export type ResponseErrorKind = 'config' | 'arguments' | 'token' | 'network' | 'http' | 'not-found' | 'approval' | 'timeout';

export class ResponseError extends Error {
  constructor(readonly kind: ResponseErrorKind, message: string, readonly status?: number) {
    super(message);
    this.name = 'ResponseError';
  }
}

/** A non-2xx answer from the Defender API, with its documented `{"error":{"code","message"}}` body. */
export class MdeHttpError extends Error {
  constructor(readonly status: number, readonly code: string, readonly apiMessage: string, readonly method: string, readonly url: string) {
    super(`${method} ${url} → ${status}${code ? ` ${code}` : ''}${apiMessage ? `: ${apiMessage}` : ''}`);
    this.name = 'MdeHttpError';
  }
}

export interface HttpErrorContext {
  /** What was being done, e.g. "isolate on ws-042" or "looking up device ws-042". */
  readonly doing: string;
  /** The application permission that call needs. */
  readonly permission: string;
  readonly device?: string;
}

export function describeHttpError(err: MdeHttpError, ctx: HttpErrorContext): ResponseError {
  const detail = err.apiMessage ? ` (Defender said: ${err.code ? `${err.code}: ` : ''}${err.apiMessage})` : '';
  switch (err.status) {
    case 400:
      if (/already in progress|pending/i.test(err.apiMessage)) {
        return new ResponseError('http', `${ctx.doing}: Defender refused it because the same action is already in progress on this device (400). Wait for the pending action to finish (check it in the Defender portal's Action center) before sending it again${detail}`, 400);
      }
      return new ResponseError('http', `${ctx.doing}: Defender rejected the request as invalid (400)${detail}`, 400);
    case 401:
      return new ResponseError('http', `${ctx.doing}: Defender rejected the access token (401 Unauthorized). Check HARRIER_TENANT_ID and HARRIER_CLIENT_ID, and that the token is for https://api.securitycenter.microsoft.com${detail}`, 401);
    case 403:
      return new ResponseError('http', `${ctx.doing}: forbidden (403). The app registration needs the WindowsDefenderATP application permission '${ctx.permission}' with admin consent (and the device must be in a device group the app may act on)${detail}`, 403);
    case 404:
      return new ResponseError('not-found', `${ctx.doing}: not found (404)${ctx.device ? `: Defender knows no device '${ctx.device}'` : ''}${detail}`, 404);
    case 429:
      return new ResponseError('http', `${ctx.doing}: Defender is rate limiting this app (429 Too Many Requests) and kept doing so after Harrier backed off; the documented limits are 100 calls a minute and 1500 an hour. Try again later${detail}`, 429);
    default:
      return new ResponseError('http', `${ctx.doing}: Defender answered ${err.status}${detail}`, err.status);
  }
}
