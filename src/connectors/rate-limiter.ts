/**
 * A sliding-window call limiter: at most `limit` calls in any `windowMs` (Defender's advanced
 * hunting allows 45 calls a minute per tenant). `acquire()` waits, on the given clock, until a call
 * may go out, then counts it.
 */
import type { Clock } from './clock.js';

export class RateLimiter {
  private readonly calls: number[] = [];

  constructor(readonly limit: number, readonly windowMs: number, private readonly clock: Clock) {
    if (!(limit > 0)) throw new Error('rate limit must be positive');
  }

  async acquire(): Promise<void> {
    for (;;) {
      const now = this.clock.now();
      while (this.calls.length > 0 && this.calls[0]! <= now - this.windowMs) this.calls.shift();
      if (this.calls.length < this.limit) {
        this.calls.push(now);
        return;
      }
      await this.clock.sleep(this.calls[0]! + this.windowMs - now);
    }
  }

  /** Calls counted in the current window (for tests and progress). */
  inWindow(): number {
    const now = this.clock.now();
    return this.calls.filter((t) => t > now - this.windowMs).length;
  }
}
