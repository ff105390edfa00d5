import "server-only";
import Stripe from "stripe";
import type { Database } from "@/db";
import { listOpenPaymentsOfInvoice } from "@/db/queries/invoice-money";
import type { Payment } from "@/db/schema";
import { errorContext, logger } from "@/lib/logger";
import { retryAfterServerError } from "@/lib/stripe/after-server-error";
import { getStripe } from "@/lib/stripe/client";
import { recordPaymentOutcome } from "@/lib/stripe/sync/payment-intent";

/** Why an invoice's open PaymentIntents are canceled (for the logs). */
export type CancelReason = "voided" | "edited" | "closed";

/** The same parameters everywhere: Stripe refuses one idempotency key sent with different ones. */
export const CANCEL_PARAMS: Stripe.PaymentIntentCancelParams = { cancellation_reason: "abandoned" };

export const cancelKey = (payment: Pick<Payment, "id">) => `payment:${payment.id}:cancel`;

/** The statuses Stripe lets a PaymentIntent be canceled from. */
const CANCELABLE = new Set<string>([
  "requires_payment_method",
  "requires_confirmation",
  "requires_action",
  "requires_capture",
]);

/**
 * Cancels one open PaymentIntent and records what Stripe says. If it can no longer be canceled because
 * the Customer paid first (or it is processing), the intent is read and that outcome is recorded now:
 * the money is never dropped, and an overpayment shows at once.
 */
async function cancelOne(db: Database, payment: Payment, reason: CancelReason): Promise<void> {
  const id = payment.stripePaymentIntentId;
  if (!id) return;
  const stripe = getStripe();
  const options = { stripeAccount: payment.stripeAccountId };
  try {
    let intent: Stripe.PaymentIntent;
    const cancel = (idempotencyKey: string) =>
      stripe.paymentIntents.cancel(id, CANCEL_PARAMS, { ...options, idempotencyKey });
    const read = () => stripe.paymentIntents.retrieve(id, { expand: ["latest_charge"] }, options);
    try {
      intent = await cancel(cancelKey(payment)).catch((error: unknown) =>
        // A 5xx spent the key: Stripe is read, and the cancel sent again under a new key only if the
        // intent is still open (not canceled, and not paid meanwhile).
        retryAfterServerError(
          error,
          { lookup: read, done: (current) => !CANCELABLE.has(current.status), resend: cancel },
          cancelKey(payment),
        ),
      );
    } catch (error) {
      if (!(error instanceof Stripe.errors.StripeInvalidRequestError)) throw error;
      intent = await read();
    }
    await recordPaymentOutcome(db, { intent, accountId: payment.stripeAccountId, actor: "stripe" });
  } catch (error) {
    logger.warn("could not cancel an open PaymentIntent", {
      paymentId: payment.id,
      reason,
      ...errorContext(error),
    });
  }
}

/**
 * Cancels every PaymentIntent of the invoice a Customer could still confirm, in any currency and on any
 * account (not only the newest), after the invoice was voided, edited or closed by a payment. Called
 * after the caller's transaction, so no row lock is held during the round trips to Stripe. Best effort:
 * one that cannot be canceled is left to the webhook, the return page or reconcile, which record it.
 */
/** Cancels the given open PaymentIntents (reconcile's stranded ones), best effort like the above. */
export async function cancelPaymentIntentsOf(
  db: Database,
  open: Payment[],
  reason: CancelReason,
): Promise<void> {
  for (const payment of open) await cancelOne(db, payment, reason);
}

export async function cancelOpenPaymentIntents(
  db: Database,
  params: { invoiceId: string; reason: CancelReason; except?: string },
): Promise<void> {
  const open = await listOpenPaymentsOfInvoice(db, params.invoiceId);
  for (const payment of open) {
    if (payment.id !== params.except) await cancelOne(db, payment, params.reason);
  }
}
