import "server-only";
import type Stripe from "stripe";
import { applyIntentFromEvent, type IntentOutcome } from "./payment-intent";
import { defineEventSync, NOTHING_TO_APPLY, stripeIdOf } from "./shared";

// charge.succeeded carries a card payment's success, card included. Stripe sends it with every card
// payment (API reference, "Events": "when a charge succeeds, we create a charge.succeeded event"),
// beside payment_intent.succeeded and in no guaranteed order ("Webhooks": event ordering). A
// PaymentIntent has at most one succeeded charge and a succeeded intent never changes again, so the
// charge's own copy says what a read of the intent would, however late or repeated the event: the
// success is recorded from it, with no read. Whichever of the two events comes first records the
// success; the second changes nothing, except that the card is filled in if it was missing.

/**
 * The PaymentIntent outcome a succeeded charge shows, or null when it shows none: no intent (a charge
 * made without one), not succeeded, or authorised but not captured (manual capture: the intent is
 * then `requires_capture`, which its own events report).
 */
export function intentFromSucceededCharge(charge: Stripe.Charge): IntentOutcome | null {
  const intentId = stripeIdOf(charge.payment_intent);
  if (!intentId || charge.status !== "succeeded" || !charge.paid || !charge.captured) return null;
  return {
    id: intentId,
    status: "succeeded",
    // The intent's amount: its one succeeded charge is for all of it (automatic capture).
    amount: charge.amount,
    currency: charge.currency,
    latest_charge: charge,
    last_payment_error: null,
  };
}

/** charge.succeeded: the intent's success, from the charge alone (never a read). */
export const chargeSucceededEventSync = defineEventSync<IntentOutcome>({
  async prepare(_db, event) {
    if (!event.account) return NOTHING_TO_APPLY;
    // Whether the payment is ours, on this account, and not already succeeded with its card is
    // decided under the payment's row lock (recordPaymentOutcome): no statement spent before it.
    return intentFromSucceededCharge(event.data.object as Stripe.Charge) ?? NOTHING_TO_APPLY;
  },
  async apply(db, event, intent) {
    if (!event.account) return;
    return applyIntentFromEvent(db, { intent, accountId: event.account });
  },
});
