/**
 * Renders the HTTP requests of a machine action as text, exactly as they would be sent, with the
 * Authorization header's token replaced by a placeholder (the token exists only at run time).
 */

export const TOKEN_PLACEHOLDER = '<token acquired at run time>';

export interface PlannedRequest {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly body?: Readonly<Record<string, string>>;
}

/** Headers as sent, the token redacted. */
export function plannedHeaders(req: PlannedRequest): Record<string, string> {
  const h: Record<string, string> = { Authorization: `Bearer ${TOKEN_PLACEHOLDER}`, Accept: 'application/json' };
  if (req.body !== undefined) h['Content-Type'] = 'application/json';
  return h;
}

export function renderRequest(req: PlannedRequest): string {
  const lines = [`${req.method} ${req.url}`];
  for (const [k, v] of Object.entries(plannedHeaders(req))) lines.push(`${k}: ${v}`);
  if (req.body !== undefined) lines.push('', JSON.stringify(req.body, null, 2));
  return `${lines.join('\n')}\n`;
}
