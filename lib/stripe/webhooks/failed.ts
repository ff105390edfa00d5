import "server-only";
import { z } from "zod";
import type { Database } from "@/db";
import { retryFailedEventForUser } from "@/db/queries/stripe-events-failed";
import { now } from "@/lib/clock";
import { AppError } from "@/lib/errors";

/** Stripe's event ids: `evt_` and letters, digits or underscores (ours in tests add suffixes). */
export const eventIdSchema = z.object({
  eventId: z.string().regex(/^evt_[A-Za-z0-9_]{1,200}$/, "Not a valid Stripe event id"),
});

/**
 * Makes one of this seller's failed Stripe events due again, with fresh attempts; the worker applies
 * it on its next poll. Someone else's event, or one not failed, changes nothing and says so.
 */
export async function retryFailedStripeEvent(db: Database, userId: string, eventId: string) {
  const retried = await retryFailedEventForUser(db, { userId, eventId, now: now() });
  if (!retried)
    throw new AppError(
      "conflict",
      "That Stripe event is not waiting for a retry: it was applied, is queued, or is not yours.",
    );
}
