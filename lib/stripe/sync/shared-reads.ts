import "server-only";

// One read of a Stripe object serves every event about it that the read is new enough for: lanes that
// apply events of one PaymentIntent side by side, or a burst of events of one object, cost one read.
// A read is new enough for an event when it started after the change the event tells of: after we
// received the event (our clock: Stripe made the change before it sent the event), or, when we do not
// know that, after the event's `created` (Stripe's clock, in seconds) plus a margin for the skew
// between Stripe's clock and ours. A read that fails is not shared with later events (each tries its own).

/** Allowed skew between Stripe's clock and ours, on top of `created`'s one-second resolution. */
export const CLOCK_MARGIN_MS = 5_000;
/** A finished read is reused for at most this long: only bursts share, nothing stays cached. */
const KEEP_MS = 10_000;
const MAX_ENTRIES = 1_000;

type Entry = { startedAt: number; value: Promise<unknown> };

const holder = globalThis as typeof globalThis & { __sixthdeskSharedStripeReads?: Map<string, Entry> };

function entries(): Map<string, Entry> {
  holder.__sixthdeskSharedStripeReads ??= new Map();
  return holder.__sixthdeskSharedStripeReads;
}

export type SharedReadStats = { reads: number; shared: number };
const stats: SharedReadStats = { reads: 0, shared: 0 };

/**
 * The earliest start (our clock, ms) of a read that can stand for `event`: its receipt when known (both
 * times on our clock, so no margin), else its `created` plus the skew margin; the earlier of the two,
 * since each is a moment after Stripe made the change.
 */
export function readNewEnoughFrom(event: { created: number }, receivedAt?: Date | null): number {
  const byCreated = (event.created + 1) * 1000 + CLOCK_MARGIN_MS;
  return receivedAt ? Math.min(receivedAt.getTime(), byCreated) : byCreated;
}

/**
 * `read()` for the object `key` (e.g. `pi:acct_…:pi_…`), or the result of one already started at or
 * after `newEnough` (readNewEnoughFrom).
 */
export function sharedStripeRead<T>(
  key: string,
  newEnough: number,
  read: () => Promise<T>,
  now: () => number = Date.now,
): Promise<T> {
  const map = entries();
  const t = now();
  const existing = map.get(key);
  if (existing && existing.startedAt >= newEnough && existing.startedAt > t - KEEP_MS) {
    stats.shared += 1;
    return existing.value as Promise<T>;
  }
  stats.reads += 1;
  const value = read();
  const entry: Entry = { startedAt: t, value };
  map.set(key, entry);
  value.catch(() => {
    if (map.get(key) === entry) map.delete(key);
  });
  if (map.size > MAX_ENTRIES) {
    for (const [k, e] of map) if (e.startedAt <= t - KEEP_MS) map.delete(k);
  }
  return value;
}

/** How many reads were made and how many events were served by another's (tests, the bench's logs). */
export function sharedReadStats(): SharedReadStats {
  return { ...stats };
}

/** Tests only. */
export function forgetSharedStripeReads(): void {
  entries().clear();
  stats.reads = 0;
  stats.shared = 0;
}
