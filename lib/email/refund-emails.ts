import "server-only";
import type { Database } from "@/db";
import { getInvoiceEmailContext } from "@/db/queries/email-outbox";
import { getPayment } from "@/db/queries/payments";
import type { Refund } from "@/db/schema";
import { formatPreferencesOf } from "@/lib/format";
import { type EnqueueOutcome, enqueueEmail } from "./enqueue";
import { dashboardInvoiceUrl, PLATFORM_SENDER_NAME } from "./links";
import { type RefundFacts, renderRefundFailedEmail, renderRefundSucceededEmail } from "./templates/refund";

/** The refund columns the emails need; pass the refund row as it stands after the status change. */
export type RefundForEmail = Pick<
  Refund,
  "id" | "userId" | "invoiceId" | "paymentId" | "amountMinor" | "currency" | "failureReason"
>;

async function loadFacts(tx: Database, refund: RefundForEmail) {
  const scope = { userId: refund.userId };
  const [ctx, payment] = await Promise.all([
    getInvoiceEmailContext(tx, { ...scope, invoiceId: refund.invoiceId }),
    getPayment(tx, { ...scope, paymentId: refund.paymentId }),
  ]);
  if (!ctx || !payment) throw new Error("invoice or payment of a refund vanished");
  const facts: RefundFacts = {
    businessName: ctx.seller.businessName,
    customerName: ctx.customer.name,
    invoiceNumber: ctx.invoice.number,
    currency: refund.currency,
    amountMinor: refund.amountMinor,
    cardBrand: payment.cardBrand,
    cardLast4: payment.cardLast4,
    format: formatPreferencesOf(ctx.seller),
  };
  return { ...ctx, facts };
}

/**
 * Call inside the transaction that moves a refund to succeeded. Tells the Customer (when they have an
 * email address); keyed `refund-succeeded:<refundId>`, so recording the same refund twice sends one email.
 */
export async function enqueueRefundSucceededEmail(
  tx: Database,
  params: { refund: RefundForEmail; now?: Date },
): Promise<EnqueueOutcome | { outcome: "no_customer_email" }> {
  const { refund } = params;
  const { invoice, customer, seller, facts } = await loadFacts(tx, refund);
  if (!customer.email) return { outcome: "no_customer_email" };
  return enqueueEmail(tx, {
    userId: refund.userId,
    invoiceId: invoice.id,
    kind: "refund_succeeded",
    attachment: { kind: "credit_note", id: refund.id },
    dedupeKey: `refund-succeeded:${refund.id}`,
    to: { address: customer.email, name: customer.name },
    fromName: seller.businessName,
    replyTo: seller.replyTo,
    content: renderRefundSucceededEmail({
      ...facts,
      refundedAt: params.now ?? new Date(),
      sellerEmail: seller.replyTo,
    }),
    now: params.now,
  });
}

/**
 * Call inside the transaction that moves a refund to failed (Stripe's `failure_reason` stored on the
 * row). Tells the User; keyed `refund-failed:<refundId>`.
 */
export async function enqueueRefundFailedEmail(
  tx: Database,
  params: { refund: RefundForEmail; now?: Date },
): Promise<EnqueueOutcome> {
  const { refund } = params;
  const { invoice, seller, facts } = await loadFacts(tx, refund);
  return enqueueEmail(tx, {
    userId: refund.userId,
    invoiceId: invoice.id,
    kind: "refund_failed",
    dedupeKey: `refund-failed:${refund.id}`,
    to: { address: seller.email, name: seller.name },
    fromName: PLATFORM_SENDER_NAME,
    replyTo: null,
    content: renderRefundFailedEmail({
      ...facts,
      failureReason: refund.failureReason,
      invoiceUrl: dashboardInvoiceUrl(invoice.id),
    }),
    now: params.now,
  });
}
