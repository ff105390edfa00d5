// When an event whose handler failed is tried again. Pure, so the schedule is unit-tested.

const BASE_DELAY_MS = 10_000;
const MAX_DELAY_MS = 60 * 60_000;

/**
 * Delay after the `attempts`-th failed attempt: 10 s, 20 s, 40 s … at most an hour, until the event
 * gives up (below).
 */
export function eventRetryDelayMs(attempts: number): number {
  const exponent = Math.min(Math.max(0, attempts - 1), 20);
  return Math.min(BASE_DELAY_MS * 2 ** exponent, MAX_DELAY_MS);
}

/** From this many failures on, each one is logged as an error someone should look at. */
export const ALERT_AFTER_ATTEMPTS = 5;

/** An event is given up on only after at least this many failed attempts … */
export const EVENT_MAX_ATTEMPTS = 10;
/**
 * … and once it was received this long ago: the window in which Stripe itself retries a delivery (3
 * days in live mode), so an outage of ours or of Stripe's shorter than that is ridden out hourly.
 */
export const EVENT_MAX_AGE_MS = 3 * 24 * 60 * 60_000;

/**
 * Whether an event that just failed its `attempts`-th attempt stops (marked failed, no longer claimed,
 * shown to its seller with the error, retryable). Both bounds must be reached: ten attempts alone pass
 * in about an hour and a half, too soon to outlast an outage; age alone would kill an event retried by
 * hand (its attempts start again at zero) at its first failure. Reconcile still repairs what it missed.
 */
export function eventGivesUp(params: { attempts: number; receivedAt: Date; now: Date }): boolean {
  return (
    params.attempts >= EVENT_MAX_ATTEMPTS &&
    params.now.getTime() - params.receivedAt.getTime() >= EVENT_MAX_AGE_MS
  );
}
