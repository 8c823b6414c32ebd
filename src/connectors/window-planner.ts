/**
 * Adaptive time windows over [from, to): each request covers one half-open window. A window whose
 * answer reaches the row cap, or that the API refuses as too large / preempted, is split in half
 * and asked again (nothing of it is kept); after a sparse answer (under a quarter of the cap) the
 * next window doubles, so quiet periods merge back into few calls. Pure: no I/O, no clock.
 */
export interface Window {
  readonly from: number;
  readonly to: number;
}

export interface PlannerOptions {
  /** First window width in ms (default: 6 hours, at most the whole range). */
  readonly initialMs?: number;
  /** Narrowest window (default 1 s): a window this narrow that still fails is an error. */
  readonly minMs?: number;
  /** Widest window (default: 7 days). */
  readonly maxMs?: number;
}

export const HOUR = 3_600_000;

export class WindowPlanner {
  private cursor: number;
  private width: number;
  readonly minMs: number;
  readonly maxMs: number;

  constructor(readonly from: number, readonly to: number, opts: PlannerOptions & { cursor?: number; width?: number } = {}) {
    if (!(to > from)) throw new Error('the time range is empty: --to must be after --from');
    this.minMs = opts.minMs ?? 1000;
    this.maxMs = opts.maxMs ?? 7 * 24 * HOUR;
    this.cursor = Math.max(from, Math.min(to, opts.cursor ?? from));
    this.width = clamp(opts.width ?? opts.initialMs ?? 6 * HOUR, this.minMs, this.maxMs);
  }

  get done(): boolean { return this.cursor >= this.to; }
  get position(): number { return this.cursor; }
  get currentWidth(): number { return this.width; }
  /** Fraction of the range behind the cursor (0..1). */
  get fraction(): number { return (this.cursor - this.from) / (this.to - this.from); }

  /** The next window to ask for (undefined when done). */
  next(): Window | undefined {
    if (this.done) return undefined;
    return { from: this.cursor, to: Math.min(this.to, this.cursor + this.width) };
  }

  /** The window was too big (row cap reached, too large, preempted): halve. False when it cannot shrink. */
  split(w: Window): boolean {
    const span = w.to - w.from;
    if (span <= this.minMs) return false;
    this.width = Math.max(this.minMs, Math.floor(span / 2));
    return true;
  }

  /** The window was stored: move past it; grow after a sparse answer. */
  complete(w: Window, rows: number, cap: number): void {
    this.cursor = w.to;
    if (rows < cap / 4) this.width = clamp(Math.max(this.width, w.to - w.from) * 2, this.minMs, this.maxMs);
  }
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}

/** ISO-8601 instant with milliseconds, UTC. */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** The API's `Timespan`: an ISO-8601 interval `start/end`. */
export function isoInterval(w: Window): string {
  return `${iso(w.from)}/${iso(w.to)}`;
}
