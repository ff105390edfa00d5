import "server-only";
import type { Database } from "@/db/client";
import {
  getBusinessLogo,
  getBusinessProfile,
  getCreditNote,
  insertCreditNote,
  lockBusinessProfile,
  takeNextCreditNoteSequence,
} from "@/db/queries/business-profiles";
import { getInvoice, getInvoiceByPayLinkToken } from "@/db/queries/invoices";
import { getPayment, listPaymentsOfInvoice } from "@/db/queries/payments";
import { getRefundOfUser } from "@/db/queries/refunds";
import { getUserById } from "@/db/queries/users";
import type { Payment } from "@/db/schema";
import { sellerIdentity } from "@/lib/business/profile";
import { formatPreferencesOf } from "@/lib/format";
import { buildCreditNoteDocument, buildInvoiceDocument, buildReceiptDocument, receiptNumber } from "./build";
import { renderDocumentPdf } from "./renderer";

// Each function returns null when the record is not this User's (or the token is unknown): the
// routes answer 404 alike, so nobody learns whether another User's record exists.
export type RenderedDocument = { fileName: string; pdf: Buffer };

async function sellerContext(db: Database, userId: string) {
  const [user, profile, logo] = await Promise.all([
    getUserById(db, userId),
    getBusinessProfile(db, userId),
    getBusinessLogo(db, userId),
  ]);
  if (!user) return null;
  return {
    seller: sellerIdentity(user, profile),
    format: formatPreferencesOf(profile),
    logo,
  };
}

const fileNameOf = (kind: string, number: string) =>
  `${kind}-${number.replace(/[^A-Za-z0-9._-]+/g, "-")}.pdf`;

export async function invoicePdfForUser(db: Database, params: { userId: string; invoiceId: string }) {
  const invoice = await getInvoice(db, params);
  const ctx = invoice && (await sellerContext(db, params.userId));
  if (!invoice || !ctx) return null;
  const pdf = await renderDocumentPdf(buildInvoiceDocument({ ...ctx, invoice }), ctx.logo);
  return { fileName: fileNameOf("invoice", invoice.number), pdf } satisfies RenderedDocument;
}

export async function invoicePdfByPayLinkToken(db: Database, token: string) {
  const invoice = await getInvoiceByPayLinkToken(db, token);
  const ctx = invoice && (await sellerContext(db, invoice.userId));
  if (!invoice || !ctx) return null;
  const pdf = await renderDocumentPdf(buildInvoiceDocument({ ...ctx, invoice }), ctx.logo);
  return { fileName: fileNameOf("invoice", invoice.number), pdf } satisfies RenderedDocument;
}

/** Receipts are numbered after their invoice: the k-th succeeded payment of INV-0007 is INV-0007-R<k>. */
function receiptIndex(payments: Payment[], paymentId: string): number {
  const succeeded = payments
    .filter((p) => p.status === "succeeded")
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
  return succeeded.findIndex((p) => p.id === paymentId) + 1;
}

export async function receiptPdfForUser(db: Database, params: { userId: string; paymentId: string }) {
  const payment = await getPayment(db, params);
  if (payment?.status !== "succeeded") return null;
  const invoice = await getInvoice(db, { userId: params.userId, invoiceId: payment.invoiceId });
  const ctx = invoice && (await sellerContext(db, params.userId));
  if (!invoice || !ctx) return null;
  const all = await listPaymentsOfInvoice(db, { userId: params.userId, invoiceId: invoice.id });
  const number = receiptNumber(invoice.number, receiptIndex(all, payment.id));
  const pdf = await renderDocumentPdf(buildReceiptDocument({ ...ctx, invoice, payment, number }), ctx.logo);
  return { fileName: fileNameOf("receipt", number), pdf } satisfies RenderedDocument;
}

/** The receipt from the pay-complete page: the payment must belong to the invoice behind the token. */
export async function receiptPdfByPayLinkToken(db: Database, params: { token: string; paymentId: string }) {
  const invoice = await getInvoiceByPayLinkToken(db, params.token);
  if (!invoice) return null;
  const payment = await getPayment(db, { userId: invoice.userId, paymentId: params.paymentId });
  if (!payment || payment.invoiceId !== invoice.id) return null;
  return receiptPdfForUser(db, { userId: invoice.userId, paymentId: payment.id });
}

/**
 * A credit note's number is taken once, the first time it is needed, and kept. The profile row lock is
 * taken before looking, so concurrent first requests (the refund email and a download) agree on one.
 */
export async function creditNoteNumber(db: Database, params: { userId: string; refundId: string }) {
  return db.transaction(async (tx) => {
    await lockBusinessProfile(tx, params.userId);
    const existing = await getCreditNote(tx, params);
    if (existing) return existing.number;
    const sequence = await takeNextCreditNoteSequence(tx, params.userId);
    const number = `CN-${String(sequence).padStart(4, "0")}`;
    return (await insertCreditNote(tx, { ...params, sequence, number })).number;
  });
}

export async function creditNotePdfForUser(db: Database, params: { userId: string; refundId: string }) {
  const refund = await getRefundOfUser(db, params);
  if (refund?.status !== "succeeded") return null;
  const invoice = await getInvoice(db, { userId: params.userId, invoiceId: refund.invoiceId });
  const ctx = invoice && (await sellerContext(db, params.userId));
  if (!invoice || !ctx) return null;
  const number = await creditNoteNumber(db, params);
  const pdf = await renderDocumentPdf(buildCreditNoteDocument({ ...ctx, invoice, refund, number }), ctx.logo);
  return { fileName: fileNameOf("credit-note", number), pdf } satisfies RenderedDocument;
}
