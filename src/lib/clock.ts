/** Every time-dependent rule reads the time from a Clock, so tests and /dev/clock can move it. */
export interface Clock {
  now(): number;
}

export function fixedClock(at: number | Date): Clock & { set(at: number | Date): void; advance(ms: number): void } {
  let t = typeof at === "number" ? at : at.getTime();
  return {
    now: () => t,
    set: (v) => {
      t = typeof v === "number" ? v : v.getTime();
    },
    advance: (ms) => {
      t += ms;
    },
  };
}

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
