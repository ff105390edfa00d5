import "server-only";
import type Stripe from "stripe";
import type { Database } from "@/db";
import { appendAudit } from "@/db/queries/audit";
import { lockInvoiceForStripe, recomputeInvoiceSumsForStripe, updateInvoiceRow } from "@/db/queries/invoices";
import { findPaymentForStripe, updatePayment } from "@/db/queries/payments";
import type { Payment } from "@/db/schema";
import { withTransaction } from "@/db/transaction";
import { enqueuePaymentEmails } from "@/lib/email/payment-emails";
import { nextStatusAfterPayment } from "@/lib/invoices/status";
import { logger } from "@/lib/logger";
import { isFinalPaymentStatus, paymentStatusFromIntent } from "@/lib/payments/status";
import { getStripe } from "../client";
import { callConnectedAccount, collectPages, defineEventSync } from "./shared";

// PaymentIntents: the Customer's payment as Stripe has it, written into our payment row and its
// invoice. The return page, webhooks and reconcile all come here; the payment's row lock makes
// whichever comes second a no-op.

export type OutcomeActor = "customer" | "stripe";

export type RecordOutcomeResult =
  | { recorded: true; changed: boolean; payment: Payment }
  | { recorded: false; reason: "unknown_payment" | "wrong_account" };

function cardDetails(intent: Stripe.PaymentIntent) {
  const charge = typeof intent.latest_charge === "object" ? intent.latest_charge : null;
  const card = charge?.payment_method_details?.card;
  return {
    stripeChargeId: typeof intent.latest_charge === "string" ? intent.latest_charge : (charge?.id ?? null),
    cardBrand: card?.brand ?? null,
    cardLast4: card?.last4 ?? null,
  };
}

/**
 * Applies a PaymentIntent, freshly read from Stripe, to our payment and its invoice. The return page and
 * the webhook both call this; the payment row lock makes whichever comes second a no-op.
 */
export async function recordPaymentOutcome(
  db: Database,
  params: { intent: Stripe.PaymentIntent; accountId: string; actor: OutcomeActor; now?: Date },
): Promise<RecordOutcomeResult> {
  const { intent, accountId } = params;
  const now = params.now ?? new Date();
  return withTransaction(db, async (tx) => {
    const payment = await findPaymentForStripe(tx, { paymentIntentId: intent.id, lock: true });
    if (!payment) return { recorded: false, reason: "unknown_payment" } as const;
    if (payment.stripeAccountId !== accountId) {
      logger.warn("payment intent reported for another account", { paymentId: payment.id, accountId });
      return { recorded: false, reason: "wrong_account" } as const;
    }
    const status = paymentStatusFromIntent(intent);
    if (isFinalPaymentStatus(payment.status) || payment.status === status) {
      return { recorded: true, changed: false, payment } as const;
    }

    const error = intent.last_payment_error;
    const card = cardDetails(intent);
    const updated = await updatePayment(tx, payment.id, {
      status,
      amountMinor: intent.amount,
      ...(card.stripeChargeId ? card : {}),
      failureCode: status === "failed" ? (error?.decline_code ?? error?.code ?? "payment_failed") : null,
      failureMessage: status === "failed" ? (error?.message ?? null) : null,
      succeededAt: status === "succeeded" ? now : null,
    });

    if (status === "succeeded" || status === "failed") {
      const invoice = await lockInvoiceForStripe(tx, { invoiceId: payment.invoiceId });
      if (!invoice) throw new Error("invoice of payment vanished");
      if (status === "succeeded") {
        const sums = await recomputeInvoiceSumsForStripe(tx, { invoiceId: invoice.id });
        // Money taken on a voided invoice (paid in the instant before the void) is recorded, but the
        // invoice stays void: the User decides whether to refund it.
        if (invoice.status !== "void") {
          const next = nextStatusAfterPayment({ totalMinor: sums.totalMinor, paidMinor: sums.paidMinor });
          await updateInvoiceRow(tx, {
            userId: invoice.userId,
            invoiceId: invoice.id,
            values: { status: next, paidAt: next === "paid" ? now : invoice.paidAt },
          });
        }
        // In this transaction, keyed by payment: the receipt exists exactly when the payment does.
        await enqueuePaymentEmails(tx, { payment: updated, now });
      }
      await appendAudit(tx, {
        userId: payment.userId,
        invoiceId: payment.invoiceId,
        actor: params.actor,
        action: status === "succeeded" ? "payment.succeeded" : "payment.failed",
        amountMinor: intent.amount,
        currency: intent.currency,
        stripeIds: {
          paymentIntent: intent.id,
          ...(card.stripeChargeId ? { charge: card.stripeChargeId } : {}),
          account: accountId,
        },
        details: status === "failed" ? { failureCode: updated.failureCode } : null,
      });
    }
    return { recorded: true, changed: true, payment: updated } as const;
  });
}

/** Reads the PaymentIntent from Stripe (the source of truth, whatever order events came in) and records it. */
export async function syncPaymentIntent(
  db: Database,
  params: { accountId: string; paymentIntentId: string; actor: OutcomeActor },
) {
  const intent = await getStripe().paymentIntents.retrieve(
    params.paymentIntentId,
    { expand: ["latest_charge"] },
    { stripeAccount: params.accountId },
  );
  const result = await recordPaymentOutcome(db, { intent, accountId: params.accountId, actor: params.actor });
  return { intent, result };
}

/** Stripe's recent PaymentIntents on the account, newest first, with their charges (reconcile). */
export function listStripePaymentIntents(accountId: string): Promise<Stripe.PaymentIntent[]> {
  return collectPages((page) =>
    getStripe().paymentIntents.list(
      { ...page, expand: ["data.latest_charge"] },
      { stripeAccount: accountId },
    ),
  );
}

/** payment_intent.succeeded / payment_failed / processing / canceled: all record the intent as it is now. */
export const paymentIntentEventSync = defineEventSync<Stripe.PaymentIntent | null>({
  async prepare(db, event) {
    const object = event.data.object as Stripe.PaymentIntent;
    const payment = await findPaymentForStripe(db, { paymentIntentId: object.id });
    // Intents we did not create (the seller's own, from their dashboard) are not ours to record.
    if (!payment) return null;
    if (payment.stripeAccountId !== event.account) {
      logger.warn("event account does not own the payment", { eventId: event.id, paymentId: payment.id });
      return null;
    }
    // A succeeded or canceled payment can no longer change (the return page or an earlier event got
    // there first): a late or out-of-order event needs no round trip to Stripe.
    if (isFinalPaymentStatus(payment.status)) return null;
    const read = await callConnectedAccount(db, { accountId: payment.stripeAccountId }, () =>
      getStripe().paymentIntents.retrieve(
        object.id,
        { expand: ["latest_charge"] },
        { stripeAccount: payment.stripeAccountId },
      ),
    );
    return read.revoked ? null : read.value;
  },
  async apply(db, event, intent) {
    if (!intent || !event.account) return;
    await recordPaymentOutcome(db, { intent, accountId: event.account, actor: "stripe" });
  },
});
