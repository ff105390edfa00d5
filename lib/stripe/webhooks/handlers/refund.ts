import "server-only";
import type Stripe from "stripe";
import { logger } from "@/lib/logger";
import { applyStripeRefund } from "@/lib/refunds/apply";
import { findOurPaymentForStripe, stripeIdOf } from "@/lib/refunds/payment-lookup";
import { listStripeRefunds } from "@/lib/refunds/stripe-lists";
import { getStripe } from "../../client";
import { handleAccountRevoked } from "../../connect";
import { isAccountAccessRevoked } from "../../errors";
import { defineHandler } from "../types";

type Prepared =
  | { kind: "refunds"; accountId: string; refunds: Stripe.Refund[] }
  | { kind: "revoked"; accountId: string }
  | null;

/**
 * refund.created / refund.updated / refund.failed / charge.refund.updated (a Refund) and charge.refunded
 * (a Charge): whatever the event says, the refunds are read again from Stripe, so events in any order,
 * late or repeated, leave the state Stripe has now. charge.refunded lists all the charge's refunds.
 */
export const refundHandler = defineHandler<Prepared>({
  async prepare(db, event) {
    const accountId = event.account;
    // Direct charges live on connected accounts; a platform-level refund is not one of ours.
    if (!accountId) return null;
    const object = event.data.object as Stripe.Refund | Stripe.Charge;
    const isCharge = object.object === "charge";
    const payment = await findOurPaymentForStripe(db, {
      accountId,
      paymentIntentId: stripeIdOf(object.payment_intent),
      chargeId: isCharge ? object.id : stripeIdOf((object as Stripe.Refund).charge),
    });
    if (!payment) {
      logger.info("refund event for a payment that is not ours", { eventId: event.id, accountId });
      return null;
    }
    try {
      const refunds = isCharge
        ? await listStripeRefunds(accountId, { charge: object.id })
        : [await getStripe().refunds.retrieve(object.id, {}, { stripeAccount: accountId })];
      return { kind: "refunds", accountId, refunds };
    } catch (error) {
      if (isAccountAccessRevoked(error)) return { kind: "revoked", accountId };
      throw error;
    }
  },
  async apply(db, event, prepared) {
    if (!prepared) return;
    if (prepared.kind === "revoked") {
      await handleAccountRevoked(db, { accountId: prepared.accountId, at: new Date(), actor: "stripe" });
      return;
    }
    for (const refund of prepared.refunds) {
      const change = await applyStripeRefund(db, {
        refund,
        accountId: prepared.accountId,
        source: "webhook",
      });
      if (change.kind === "created" || change.kind === "updated") {
        logger.info("refund recorded from webhook", {
          eventId: event.id,
          stripeRefundId: refund.id,
          status: change.refund.status,
        });
      }
    }
  },
});
