import "server-only";
import type Stripe from "stripe";
import type { Database } from "@/db";
import { markEventProcessedIfUnprocessed } from "@/db/queries/stripe-events";
import { errorContext, logger } from "@/lib/logger";
import { accountDeauthorizedEventSync, accountUpdatedEventSync } from "../sync/account";
import { chargeSucceededEventSync } from "../sync/charge";
import { disputeEventSync } from "../sync/dispute";
import { paymentIntentEventSync } from "../sync/payment-intent";
import { refundEventSync } from "../sync/refund";
import { type EventSync, type FollowUp, NOTHING_TO_APPLY } from "../sync/shared";

/**
 * The allow-list, straight to the sync module of the Stripe object each event is about (events of any
 * other type are stored and acknowledged, and change nothing).
 */
const EVENT_SYNCS: Partial<Record<Stripe.Event.Type, EventSync<unknown>>> = {
  "payment_intent.succeeded": paymentIntentEventSync,
  "payment_intent.payment_failed": paymentIntentEventSync,
  "payment_intent.processing": paymentIntentEventSync,
  "payment_intent.canceled": paymentIntentEventSync,
  "charge.succeeded": chargeSucceededEventSync,
  "account.updated": accountUpdatedEventSync,
  "account.application.deauthorized": accountDeauthorizedEventSync,
  "refund.created": refundEventSync,
  "refund.updated": refundEventSync,
  "refund.failed": refundEventSync,
  "charge.refund.updated": refundEventSync,
  "charge.refunded": refundEventSync,
  "charge.dispute.created": disputeEventSync,
  "charge.dispute.updated": disputeEventSync,
  "charge.dispute.closed": disputeEventSync,
  "charge.dispute.funds_withdrawn": disputeEventSync,
  "charge.dispute.funds_reinstated": disputeEventSync,
};

export function isHandledEventType(type: string): boolean {
  return Object.hasOwn(EVENT_SYNCS, type);
}

export type ApplyOutcome = "processed" | "duplicate";

/** Rolls back a transaction whose event another worker applied first. */
class AppliedElsewhere extends Error {}

/**
 * Applies one stored, unprocessed event exactly once: Stripe is read outside the transaction (the
 * handler's `prepare`), then the change and the processed mark commit together under the event's row
 * lock. An event that changes nothing is only marked processed (one statement). A failure rolls the
 * change back and throws; the caller records it and tries again later. `receivedAt` (the queue's)
 * lets a handler hold the event back a little (lib/stripe/sync/awaiting-charge.ts); without it the
 * event is applied now.
 */
export async function applyStripeEvent(
  db: Database,
  event: Stripe.Event,
  options: { now?: Date; receivedAt?: Date | null } = {},
): Promise<ApplyOutcome> {
  const now = options.now ?? new Date();
  const handler = EVENT_SYNCS[event.type];
  if (handler?.markIfSettled && (await handler.markIfSettled(db, event, now))) return "processed";
  const prepared = handler
    ? await handler.prepare(db, event, { now, receivedAt: options.receivedAt ?? null })
    : NOTHING_TO_APPLY;
  if (prepared === NOTHING_TO_APPLY) {
    return (await markEventProcessedIfUnprocessed(db, { eventId: event.id, at: now }))
      ? "processed"
      : "duplicate";
  }
  let followUp: FollowUp | undefined;
  const outcome = await db
    .transaction(async (tx) => {
      // The processed mark goes out with the handler's first statement (pipelined on the connection, one
      // round trip fewer than marking after its last). A worker whose lease overlapped ours waits on the
      // event's row until we commit, then finds it processed and rolls its own work back; a rollback of
      // ours leaves it unmarked.
      const [marked, handed] = await Promise.all([
        markEventProcessedIfUnprocessed(tx, { eventId: event.id, at: now }),
        handler ? handler.apply(tx, event, prepared) : undefined,
      ]);
      if (!marked) throw new AppliedElsewhere();
      followUp = handed ?? undefined;
      return "processed" as const;
    })
    .catch((error: unknown) => {
      if (error instanceof AppliedElsewhere) return "duplicate" as const;
      throw error;
    });
  if (outcome === "duplicate") return outcome;
  if (followUp) {
    await followUp(db).catch((error: unknown) =>
      logger.warn("webhook follow-up failed", { eventId: event.id, ...errorContext(error) }),
    );
  }
  return outcome;
}
