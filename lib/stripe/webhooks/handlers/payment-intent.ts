import "server-only";
import type Stripe from "stripe";
import { findPaymentByIntentIdForStripe } from "@/db/queries/payments";
import { logger } from "@/lib/logger";
import { cancelOpenPaymentIntents } from "@/lib/payments/cancel";
import { recordPaymentOutcome } from "@/lib/payments/outcome";
import { canPaymentMove, isFinalPaymentStatus, type PaymentStatus } from "@/lib/payments/status";
import { getStripe } from "../../client";
import { handleAccountRevoked } from "../../connect";
import { isAccountAccessRevoked } from "../../errors";
import { defineHandler } from "../types";

function statusOfEvent(type: string): PaymentStatus {
  return type === "payment_intent.succeeded" ? "succeeded" : "canceled";
}

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
    // there first): a late or out-of-order event needs no round trip to Stripe. Unless Stripe says a
    // payment we hold as canceled succeeded: that money is read and recorded, never dropped.
    if (isFinalPaymentStatus(payment.status) && !canPaymentMove(payment.status, statusOfEvent(event.type))) {
      return null;
    }
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
    const result = await recordPaymentOutcome(db, { intent, accountId: event.account, actor: "stripe" });
    if (!result.recorded || !result.invoiceClosed) return;
    const { invoiceId } = result.payment;
    // The invoice is paid (or void): intents other tabs still hold are canceled once this commits.
    return (db) => cancelOpenPaymentIntents(db, { invoiceId, reason: "closed" });
  },
});
