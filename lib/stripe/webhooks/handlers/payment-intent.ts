import "server-only";
import type Stripe from "stripe";
import { findPaymentByIntentIdForStripe } from "@/db/queries/payments";
import { logger } from "@/lib/logger";
import { recordPaymentOutcome } from "@/lib/payments/outcome";
import { isFinalPaymentStatus } from "@/lib/payments/status";
import { getStripe } from "../../client";
import { handleAccountRevoked } from "../../connect";
import { isAccountAccessRevoked } from "../../errors";
import { defineHandler } from "../types";

/** payment_intent.succeeded / payment_failed / processing / canceled: all record the intent as it is now. */
export const paymentIntentHandler = defineHandler<Stripe.PaymentIntent | null>({
  async prepare(db, event) {
    const object = event.data.object as Stripe.PaymentIntent;
    const payment = await findPaymentByIntentIdForStripe(db, object.id);
    // Intents we did not create (the seller's own, from their dashboard) are not ours to record.
    if (!payment) return null;
    if (payment.stripeAccountId !== event.account) {
      logger.warn("event account does not own the payment", { eventId: event.id, paymentId: payment.id });
      return null;
    }
    // A succeeded or canceled payment can no longer change (the return page or an earlier event got
    // there first): a late or out-of-order event needs no round trip to Stripe.
    if (isFinalPaymentStatus(payment.status)) return null;
    try {
      return await getStripe().paymentIntents.retrieve(
        object.id,
        { expand: ["latest_charge"] },
        { stripeAccount: payment.stripeAccountId },
      );
    } catch (error) {
      // Access revoked: nothing can be read any more; mark the User disconnected and settle the event.
      if (!isAccountAccessRevoked(error)) throw error;
      await handleAccountRevoked(db, { accountId: payment.stripeAccountId, at: new Date(), actor: "stripe" });
      return null;
    }
  },
  async apply(db, event, intent) {
    if (!intent || !event.account) return;
    await recordPaymentOutcome(db, { intent, accountId: event.account, actor: "stripe" });
  },
});
