import "server-only";
import { logger } from "@/lib/logger";

// A value from Stripe the app does not know is recorded as "unknown" (with Stripe's word kept beside it)
// and the event that carried it settles; it is logged once per process and value, not once per event, so
// a webhook stream full of it cannot flood the log.

const seen = new Set<string>();

/** Logs the first sighting of `value` for `field` (e.g. "dispute.status") in this process. */
export function noteUnknownStripeValue(field: string, value: string | null | undefined): void {
  const key = `${field}\u0000${String(value)}`;
  if (seen.has(key)) return;
  seen.add(key);
  logger.warn("stripe sent a value the app does not know; recorded as unknown", {
    field,
    value: value === null || value === undefined ? String(value) : value.slice(0, 80),
  });
}
