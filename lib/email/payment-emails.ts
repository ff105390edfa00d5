import "server-only";
import type { Database } from "@/db";
import { getInvoiceEmailContext, type InvoiceEmailContext } from "@/db/queries/email-outbox";
import type { Payment } from "@/db/schema";
import { formatPreferencesOf } from "@/lib/format";
import { amountDueMinor } from "@/lib/invoices/totals";
import { type EnqueueEmailParams, type EnqueueOutcome, enqueueEmail, enqueueEmails } from "./enqueue";
import { dashboardInvoiceUrl, PLATFORM_SENDER_NAME, payLinkUrl } from "./links";
import { renderOverpaidNoticeEmail } from "./templates/overpaid";
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
  params: {
    payment: Payment;
    now?: Date;
    /** The invoice, Customer and seller, when the caller read them already (with the invoice settled). */
    context?: InvoiceEmailContext;
  },
): Promise<PaymentEmailsResult> {
  const { payment } = params;
  const ctx =
    params.context ??
    (await getInvoiceEmailContext(tx, { userId: payment.userId, invoiceId: payment.invoiceId }));
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
    format: formatPreferencesOf(seller),
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
    return { receipt: { outcome: "no_customer_email" }, paidNotice: await enqueueEmail(tx, paidNotice) };
  }
  const receipt: EnqueueEmailParams = {
    ...common,
    kind: "payment_receipt",
    attachment: { kind: "receipt", id: payment.id },
    dedupeKey: `receipt:${payment.id}`,
    to: { address: customer.email, name: customer.name },
    fromName: seller.businessName,
    replyTo: seller.replyTo,
    content: renderReceiptEmail({
      ...facts,
      sellerEmail: seller.replyTo,
      payUrl: invoice.payToken ? payLinkUrl(invoice.payToken) : null,
    }),
  };
  const [receiptOutcome, noticeOutcome] = await enqueueEmails(tx, [receipt, paidNotice]);
  if (!receiptOutcome || !noticeOutcome) throw new Error("enqueueEmails returned too little");
  return { receipt: receiptOutcome, paidNotice: noticeOutcome };
}

/**
 * The User's notice that `payment` left the invoice holding more than it asks for (a stale pay tab, a
 * race with an edit, a payment in the invoice's old currency). In the transaction that records the
 * payment, keyed by it, so recording it twice still yields one email.
 */
export async function enqueueOverpaidNotice(
  tx: Database,
  params: { payment: Payment; excessMinor: number; now?: Date },
): Promise<EnqueueOutcome> {
  const { payment } = params;
  const ctx = await getInvoiceEmailContext(tx, { userId: payment.userId, invoiceId: payment.invoiceId });
  if (!ctx) throw new Error("invoice of an overpaying payment vanished");
  const { invoice, customer, seller } = ctx;
  const content = renderOverpaidNoticeEmail({
    businessName: seller.businessName,
    customerName: customer.name,
    invoiceNumber: invoice.number,
    paymentCurrency: payment.currency,
    paymentMinor: payment.amountMinor,
    invoiceCurrency: invoice.currency,
    invoiceTotalMinor: invoice.totalMinor,
    excessMinor: params.excessMinor,
    invoiceUrl: dashboardInvoiceUrl(invoice.id),
    format: formatPreferencesOf(seller),
  });
  return enqueueEmail(tx, {
    userId: payment.userId,
    invoiceId: invoice.id,
    kind: "payment_overpaid",
    dedupeKey: `overpaid-notice:${payment.id}`,
    to: { address: seller.email, name: seller.name },
    fromName: PLATFORM_SENDER_NAME,
    replyTo: null,
    content,
    now: params.now,
  });
}
