import "server-only";
import type Stripe from "stripe";
import type { Database } from "@/db";
import { appendAudit } from "@/db/queries/audit";
import { lockInvoiceForStripe, recomputeInvoiceSums, updateInvoiceRow } from "@/db/queries/invoices";
import { lockPaymentByIntentId, updatePayment } from "@/db/queries/payments";
import type { Payment } from "@/db/schema";
import { withTransaction } from "@/db/transaction";
import { enqueuePaymentEmails } from "@/lib/email/payment-emails";
import { nextStatusAfterPayment } from "@/lib/invoices/status";
import { logger } from "@/lib/logger";
import { isFinalPaymentStatus, paymentStatusFromIntent } from "./status";

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
    const payment = await lockPaymentByIntentId(tx, intent.id);
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
      const invoice = await lockInvoiceForStripe(tx, payment.invoiceId);
      if (!invoice) throw new Error("invoice of payment vanished");
      if (status === "succeeded") {
        const sums = await recomputeInvoiceSums(tx, invoice.id);
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
