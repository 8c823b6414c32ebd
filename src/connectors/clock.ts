/** The time source of the connectors: real by default, injected in tests so nothing sleeps for real. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};

/** A clock whose sleep advances virtual time at once (tests). */
export function virtualClock(start = 0): Clock & { slept: number[] } {
  let t = start;
  const slept: number[] = [];
  return {
    slept,
    now: () => t,
    sleep: async (ms) => { slept.push(ms); t += Math.max(0, ms); },
  };
}
