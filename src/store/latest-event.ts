/** The time of a store's last event (any MDE table), or undefined for an empty store. */
import { openStore } from './open-store.js';
import { tableStats } from './table-stats.js';

export async function latestEventTime(db: string): Promise<Date | undefined> {
  const store = await openStore(db, { readOnly: true, ensureSchema: false });
  try {
    const stats = await tableStats(store.connection);
    const last = stats.map((s) => s.lastTimestamp).filter((t): t is string => t !== null).sort().pop();
    return last ? new Date(last) : undefined;
  } finally {
    store.close();
  }
}
