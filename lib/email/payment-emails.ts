import "server-only";
import type { Database } from "@/db";
import { getInvoiceEmailContext } from "@/db/queries/email-outbox";
import type { Payment } from "@/db/schema";
import { formatPreferencesOf } from "@/lib/format";
import { amountDueMinor } from "@/lib/invoices/totals";
import { type EnqueueEmailParams, type EnqueueOutcome, enqueueEmails } from "./enqueue";
import { dashboardInvoiceUrl, PLATFORM_SENDER_NAME, payLinkUrl } from "./links";
import { type PaymentFacts, renderPaidNoticeEmail, renderReceiptEmail } from "./templates/receipt";

export type PaymentEmailsResult = {
  receipt: EnqueueOutcome | { outcome: "no_customer_email" };
  paidNotice: EnqueueOutcome;
};

/**
 * Called inside the transaction that marks a payment succeeded (lib/stripe/sync/payment-intent.ts), after the
 * invoice's sums were recomputed: a receipt to the Customer (when they have an email address) and a
 * notice to the User. Keyed by payment id, so a payment recorded twice still yields one of each. Two
 * statements in all, since this sits on the webhook's path.
 */
export async function enqueuePaymentEmails(
  tx: Database,
  params: { payment: Payment; now?: Date },
): Promise<PaymentEmailsResult> {
  const { payment } = params;
  const ctx = await getInvoiceEmailContext(tx, { userId: payment.userId, invoiceId: payment.invoiceId });
  if (!ctx) throw new Error("invoice of a succeeded payment vanished");
  const { invoice, customer, seller } = ctx;

  const facts: PaymentFacts = {
    businessName: seller.businessName,
    customerName: customer.name,
    invoiceNumber: invoice.number,
    currency: payment.currency,
    amountMinor: payment.amountMinor,
    paidAt: payment.succeededAt ?? params.now ?? new Date(),
    cardBrand: payment.cardBrand,
    cardLast4: payment.cardLast4,
    remainingMinor: amountDueMinor(invoice),
    reference: payment.stripePaymentIntentId,
    format: formatPreferencesOf({ id: payment.userId }),
  };
  const common = { userId: payment.userId, invoiceId: invoice.id, now: params.now };

  const paidNotice: EnqueueEmailParams = {
    ...common,
    kind: "payment_received",
    dedupeKey: `paid-notice:${payment.id}`,
    to: { address: seller.email, name: seller.name },
    fromName: PLATFORM_SENDER_NAME,
    replyTo: null,
    content: renderPaidNoticeEmail({ ...facts, invoiceUrl: dashboardInvoiceUrl(invoice.id) }),
  };
  if (!customer.email) {
    const [notice] = await enqueueEmails(tx, [paidNotice]);
    if (!notice) throw new Error("enqueueEmails returned nothing");
    return { receipt: { outcome: "no_customer_email" }, paidNotice: notice };
  }
  const receipt: EnqueueEmailParams = {
    ...common,
    kind: "payment_receipt",
    dedupeKey: `receipt:${payment.id}`,
    to: { address: customer.email, name: customer.name },
    fromName: seller.businessName,
    replyTo: seller.email,
    content: renderReceiptEmail({
      ...facts,
      sellerEmail: seller.email,
      payUrl: invoice.payToken ? payLinkUrl(invoice.payToken) : null,
    }),
  };
  const [receiptOutcome, noticeOutcome] = await enqueueEmails(tx, [receipt, paidNotice]);
  if (!receiptOutcome || !noticeOutcome) throw new Error("enqueueEmails returned too little");
  return { receipt: receiptOutcome, paidNotice: noticeOutcome };
}
