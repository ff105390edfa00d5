import "server-only";
import type Stripe from "stripe";
import type { Database } from "@/db";
import { lockUnprocessedEvent, markEventProcessed } from "@/db/queries/stripe-events";
import { errorContext, logger } from "@/lib/logger";
import { accountDeauthorizedHandler } from "./handlers/account-deauthorized";
import { accountUpdatedHandler } from "./handlers/account-updated";
import { disputeHandler } from "./handlers/dispute";
import { paymentIntentHandler } from "./handlers/payment-intent";
import { refundHandler } from "./handlers/refund";
import type { FollowUp, WebhookHandler } from "./types";

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

export function isHandledEventType(type: string): boolean {
  return Object.hasOwn(WEBHOOK_HANDLERS, type);
}

export type ApplyOutcome = "processed" | "duplicate";

/**
 * Applies one stored, unprocessed event exactly once: Stripe is read outside the transaction (the
 * handler's `prepare`), then the change and the processed mark commit together under the event's row
 * lock. A failure rolls the change back and throws; the caller records it and tries again later.
 */
export async function applyStripeEvent(
  db: Database,
  event: Stripe.Event,
  now = new Date(),
): Promise<ApplyOutcome> {
  const handler = WEBHOOK_HANDLERS[event.type];
  const prepared = handler ? await handler.prepare(db, event) : undefined;
  let followUp: FollowUp | undefined;
  const outcome = await db.transaction(async (tx) => {
    if (!(await lockUnprocessedEvent(tx, event.id))) return "duplicate" as const;
    if (handler) followUp = (await handler.apply(tx, event, prepared)) ?? undefined;
    await markEventProcessed(tx, { eventId: event.id, at: now });
    return "processed" as const;
  });
  if (followUp) {
    await followUp(db).catch((error: unknown) =>
      logger.warn("webhook follow-up failed", { eventId: event.id, ...errorContext(error) }),
    );
  }
  return outcome;
}
