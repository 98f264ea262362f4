import type { Clock } from "./clock";

// Development only (POST /dev/clock): an offset from real time that every time-dependent
// rule reads through the request's clock. Outside development the offset stays 0.
let offsetMs = 0;

export function setDevClockOffset(ms: number): void {
  offsetMs = ms;
}

export function appClock(development: boolean): Clock {
  return development ? { now: () => Date.now() + offsetMs } : { now: () => Date.now() };
}
