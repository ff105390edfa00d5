// When an event whose handler failed is tried again. Pure, so the schedule is unit-tested.

const BASE_DELAY_MS = 10_000;
const MAX_DELAY_MS = 60 * 60_000;

/**
 * Delay after the `attempts`-th failed attempt: 10 s, 20 s, 40 s … at most an hour. Never given up:
 * a money event must not be dropped, and an hourly retry of one that keeps failing costs nothing.
 */
export function eventRetryDelayMs(attempts: number): number {
  const exponent = Math.min(Math.max(0, attempts - 1), 20);
  return Math.min(BASE_DELAY_MS * 2 ** exponent, MAX_DELAY_MS);
}

/** From this many failures on, each one is logged as an error someone should look at. */
export const ALERT_AFTER_ATTEMPTS = 5;
