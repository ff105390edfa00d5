import "server-only";
import type Stripe from "stripe";
import { recordPaymentOutcome } from "@/lib/payments/outcome";
import { getStripe } from "../../client";
import { defineHandler } from "../types";

/** payment_intent.succeeded / payment_failed / processing / canceled: all record the intent as it is now. */
export const paymentIntentHandler = defineHandler<Stripe.PaymentIntent | null>({
  async prepare(event) {
    const object = event.data.object as Stripe.PaymentIntent;
    if (!event.account) return null;
    return getStripe().paymentIntents.retrieve(
      object.id,
      { expand: ["latest_charge"] },
      { stripeAccount: event.account },
    );
  },
  async apply(db, event, intent) {
    if (!intent || !event.account) return;
    await recordPaymentOutcome(db, { intent, accountId: event.account, actor: "stripe" });
  },
});
