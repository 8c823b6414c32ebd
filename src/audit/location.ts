/** Where the audit trail lives by default: `harrier-audit.jsonl` beside the store. */
import { dirname, join, resolve } from 'node:path';

export const AUDIT_FILE_NAME = 'harrier-audit.jsonl';

export function defaultAuditPath(db: string): string {
  const dir = db === ':memory:' || db === '' ? process.cwd() : dirname(resolve(db));
  return join(dir, AUDIT_FILE_NAME);
}
