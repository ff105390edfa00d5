import "server-only";
import type { Database } from "@/db";
import { getInvoice } from "@/db/queries/invoices";
import { getUserById } from "@/db/queries/users";
import type { Payment } from "@/db/schema";
import { type EnqueueOutcome, enqueueEmail } from "./enqueue";
import { dashboardInvoiceUrl, PLATFORM_SENDER_NAME, payLinkUrl } from "./links";
import { type PaymentFacts, renderPaidNoticeEmail, renderReceiptEmail } from "./templates/receipt";

export type PaymentEmailsResult = {
  receipt: EnqueueOutcome | { outcome: "no_customer_email" };
  paidNotice: EnqueueOutcome;
};

/**
 * Called inside the transaction that marks a payment succeeded (lib/payments/outcome.ts), after the
 * invoice's sums were recomputed: a receipt to the Customer (when they have an email address) and a
 * notice to the User. Keyed by payment id, so a payment recorded twice still yields one of each.
 */
export async function enqueuePaymentEmails(
  tx: Database,
  params: { payment: Payment; now?: Date },
): Promise<PaymentEmailsResult> {
  const { payment } = params;
  const [invoice, seller] = await Promise.all([
    getInvoice(tx, { userId: payment.userId, invoiceId: payment.invoiceId }),
    getUserById(tx, payment.userId),
  ]);
  if (!invoice || !seller) throw new Error("invoice or seller of a succeeded payment vanished");

  const facts: PaymentFacts = {
    businessName: seller.businessName,
    customerName: invoice.customer.name,
    invoiceNumber: invoice.number,
    currency: payment.currency,
    amountMinor: payment.amountMinor,
    paidAt: payment.succeededAt ?? params.now ?? new Date(),
    cardBrand: payment.cardBrand,
    cardLast4: payment.cardLast4,
    remainingMinor: Math.max(0, invoice.totalMinor - invoice.paidMinor),
    reference: payment.stripePaymentIntentId,
  };
  const common = { userId: payment.userId, invoiceId: invoice.id, now: params.now };

  const receipt = invoice.customer.email
    ? await enqueueEmail(tx, {
        ...common,
        kind: "payment_receipt",
        dedupeKey: `receipt:${payment.id}`,
        to: { address: invoice.customer.email, name: invoice.customer.name },
        fromName: seller.businessName,
        replyTo: seller.email,
        content: renderReceiptEmail({
          ...facts,
          sellerEmail: seller.email,
          payUrl: invoice.payToken ? payLinkUrl(invoice.payToken) : null,
        }),
      })
    : ({ outcome: "no_customer_email" } as const);

  const paidNotice = await enqueueEmail(tx, {
    ...common,
    kind: "payment_received",
    dedupeKey: `paid-notice:${payment.id}`,
    to: { address: seller.email, name: seller.name },
    fromName: PLATFORM_SENDER_NAME,
    replyTo: null,
    content: renderPaidNoticeEmail({ ...facts, invoiceUrl: dashboardInvoiceUrl(invoice.id) }),
  });
  return { receipt, paidNotice };
}
