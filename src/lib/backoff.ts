import { HOUR, MINUTE } from "./clock";

/**
 * The wait before attempt `attempts + 1` (ms): 1 min, 2, 4 … up to 6 h, with "equal jitter"
 * (half fixed, half random), so that calls failed together do not retry together
 * (AWS Architecture Blog, "Exponential Backoff And Jitter"). Used by the mail and CKAN outboxes.
 */
export function backoff(attempts: number, random = Math.random): number {
  const base = Math.min(MINUTE * 2 ** attempts, 6 * HOUR);
  return Math.round(base / 2 + (random() * base) / 2);
}
