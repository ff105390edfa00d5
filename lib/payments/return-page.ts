import "server-only";
import Stripe from "stripe";
import type { Database } from "@/db";
import { getInvoiceByPayLinkToken } from "@/db/queries/invoices";
import { findPaymentOfInvoiceForPayLink } from "@/db/queries/payments";
import type { Payment } from "@/db/schema";
import { amountDueMinor } from "@/lib/invoices/totals";
import { syncPaymentIntent } from "@/lib/stripe/sync/payment-intent";
import { disconnectIfRevoked } from "@/lib/stripe/sync/shared";
import { cancelOpenPaymentIntents } from "./cancel";

export const PAYMENT_INTENT_ID = /^pi_[A-Za-z0-9_]{1,200}$/;

export type ReturnOutcome =
  | { kind: "not_found" }
  | { kind: "unavailable" }
  | { kind: "result"; payment: Payment; invoiceNumber: string; sellerName: string; dueMinor: number };

/**
 * The Customer's return from Stripe: the PaymentIntent must belong to this invoice, and its outcome is
 * read from Stripe (never from the query string) and recorded idempotently, so a reload changes nothing.
 */
export async function completeReturn(
  db: Database,
  params: { token: string; paymentIntentId: string },
): Promise<ReturnOutcome> {
  const invoice = await getInvoiceByPayLinkToken(db, params.token);
  if (!invoice) return { kind: "not_found" };
  const payment = await findPaymentOfInvoiceForPayLink(db, {
    invoiceId: invoice.id,
    paymentIntentId: params.paymentIntentId,
  });
  if (!payment) return { kind: "not_found" };
  try {
    const { result } = await syncPaymentIntent(db, {
      accountId: payment.stripeAccountId,
      paymentIntentId: params.paymentIntentId,
      actor: "customer",
    });
    const fresh = result.recorded ? result.payment : payment;
    if (result.recorded && result.invoiceClosed) {
      await cancelOpenPaymentIntents(db, { invoiceId: invoice.id, reason: "closed" });
    }
    const after = await getInvoiceByPayLinkToken(db, params.token);
    return {
      kind: "result",
      payment: fresh,
      invoiceNumber: invoice.number,
      sellerName: invoice.seller.businessName,
      dueMinor: after ? amountDueMinor(after) : 0,
    };
  } catch (error) {
    if (await disconnectIfRevoked(db, { accountId: payment.stripeAccountId, error }))
      return { kind: "unavailable" };
    // Stripe down, failing or busy: the page says so and offers a reload, never an error page.
    if (
      error instanceof Stripe.errors.StripeConnectionError ||
      error instanceof Stripe.errors.StripeAPIError ||
      error instanceof Stripe.errors.StripeRateLimitError
    )
      return { kind: "unavailable" };
    throw error;
  }
}
