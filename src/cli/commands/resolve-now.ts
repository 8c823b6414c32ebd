/** `--now` for hunt commands: an ISO-8601 time, 'latest' (the store's last event), or the wall clock. */
import { latestEventTime } from '../../store/latest-event.js';
import { CliError } from '../cli-error.js';

export async function resolveNow(value: string | undefined, db: string): Promise<Date> {
  if (value === undefined) return new Date();
  if (value === 'latest') {
    const last = await latestEventTime(db);
    if (!last) throw new CliError(`--now latest: the store ${db} has no events`);
    return new Date(last.getTime() + 1000);
  }
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw new CliError(`--now must be an ISO-8601 time or 'latest', not '${value}'`);
  return d;
}
