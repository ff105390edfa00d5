import "server-only";
import type Stripe from "stripe";
import { applyStripeDispute } from "@/lib/disputes/apply";
import { findOurPaymentForStripe, stripeIdOf } from "@/lib/refunds/payment-lookup";
import { getStripe } from "../../client";
import { handleAccountRevoked } from "../../connect";
import { isAccountAccessRevoked } from "../../errors";
import { defineHandler } from "../types";

type Prepared =
  | { kind: "dispute"; accountId: string; dispute: Stripe.Dispute }
  | { kind: "revoked"; accountId: string }
  | null;

/** charge.dispute.created / .updated / .closed: the dispute as Stripe has it now, on our payment. */
export const disputeHandler = defineHandler<Prepared>({
  async prepare(db, event) {
    const accountId = event.account;
    if (!accountId) return null;
    const object = event.data.object as Stripe.Dispute;
    const payment = await findOurPaymentForStripe(db, {
      accountId,
      paymentIntentId: stripeIdOf(object.payment_intent),
      chargeId: stripeIdOf(object.charge),
    });
    if (!payment) return null;
    try {
      const dispute = await getStripe().disputes.retrieve(object.id, {}, { stripeAccount: accountId });
      return { kind: "dispute", accountId, dispute };
    } catch (error) {
      if (isAccountAccessRevoked(error)) return { kind: "revoked", accountId };
      throw error;
    }
  },
  async apply(db, _event, prepared) {
    if (!prepared) return;
    if (prepared.kind === "revoked") {
      await handleAccountRevoked(db, { accountId: prepared.accountId, at: new Date(), actor: "stripe" });
      return;
    }
    await applyStripeDispute(db, {
      dispute: prepared.dispute,
      accountId: prepared.accountId,
      source: "webhook",
    });
  },
});
