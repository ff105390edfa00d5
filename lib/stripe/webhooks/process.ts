import "server-only";
import type Stripe from "stripe";
import type { Database } from "@/db";
import {
  claimEvent,
  isEventProcessed,
  markEventProcessed,
  recordEventFailure,
} from "@/db/queries/stripe-events";
import { errorContext, logger } from "@/lib/logger";
import { accountDeauthorizedHandler } from "./handlers/account-deauthorized";
import { accountUpdatedHandler } from "./handlers/account-updated";
import { disputeHandler } from "./handlers/dispute";
import { paymentIntentHandler } from "./handlers/payment-intent";
import { refundHandler } from "./handlers/refund";
import type { WebhookHandler } from "./types";

/** The allow-list: events of any other type are stored and acknowledged, and change nothing. */
export const WEBHOOK_HANDLERS: Partial<Record<Stripe.Event.Type, WebhookHandler<unknown>>> = {
  "payment_intent.succeeded": paymentIntentHandler,
  "payment_intent.payment_failed": paymentIntentHandler,
  "payment_intent.processing": paymentIntentHandler,
  "payment_intent.canceled": paymentIntentHandler,
  "account.updated": accountUpdatedHandler,
  "account.application.deauthorized": accountDeauthorizedHandler,
  "refund.created": refundHandler,
  "refund.updated": refundHandler,
  "refund.failed": refundHandler,
  "charge.refund.updated": refundHandler,
  "charge.refunded": refundHandler,
  "charge.dispute.created": disputeHandler,
  "charge.dispute.updated": disputeHandler,
  "charge.dispute.closed": disputeHandler,
};

export type ProcessOutcome = "processed" | "duplicate" | "ignored";

/**
 * Applies one verified event exactly once. A failure rolls the change back, records the error and
 * rethrows, so the route answers 5xx and Stripe delivers the event again.
 */
export async function processStripeEvent(
  db: Database,
  event: Stripe.Event,
  now = new Date(),
): Promise<ProcessOutcome> {
  if (await isEventProcessed(db, event.id)) return "duplicate";
  const handler = WEBHOOK_HANDLERS[event.type];
  try {
    const prepared = handler ? await handler.prepare(db, event) : undefined;
    return await db.transaction(async (tx) => {
      if (!(await claimEvent(tx, event))) return "duplicate";
      if (handler) await handler.apply(tx, event, prepared);
      await markEventProcessed(tx, {
        eventId: event.id,
        at: now,
        note: handler ? undefined : "type not handled",
      });
      return handler ? "processed" : "ignored";
    });
  } catch (error) {
    logger.error("webhook event failed", { eventId: event.id, type: event.type, ...errorContext(error) });
    await recordEventFailure(db, {
      event,
      error: error instanceof Error ? error.message : String(error),
    }).catch(() => {});
    throw error;
  }
}
