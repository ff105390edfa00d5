import "server-only";
import type { Database } from "@/db";
import { findActivePayment, updatePayment } from "@/db/queries/payments";
import { errorContext, logger } from "@/lib/logger";
import { getStripe } from "@/lib/stripe/client";

/**
 * After an invoice is voided, the PaymentIntent a Customer may still have open in their browser is
 * canceled so it cannot be paid. Best effort: if Stripe already took the money (or is processing it),
 * the webhook records that payment and the User can refund it.
 */
export async function cancelOpenPaymentIntent(db: Database, invoiceId: string): Promise<void> {
  const payment = await findActivePayment(db, invoiceId);
  if (!payment?.stripePaymentIntentId || payment.status === "processing") return;
  try {
    await getStripe().paymentIntents.cancel(
      payment.stripePaymentIntentId,
      { cancellation_reason: "abandoned" },
      { stripeAccount: payment.stripeAccountId, idempotencyKey: `payment:${payment.id}:cancel` },
    );
    await updatePayment(db, payment.id, { status: "canceled" });
  } catch (error) {
    logger.warn("could not cancel the PaymentIntent of a voided invoice", {
      paymentId: payment.id,
      ...errorContext(error),
    });
  }
}
