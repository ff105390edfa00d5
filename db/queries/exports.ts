import "server-only";
import { and, eq, isNotNull, lt, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database } from "../client";
import { customers, invoices, payments, refunds } from "../schema";
import { type ListFilter, listConditions, sequenceOrder } from "./invoices";

// Keyset pages for the CSV exports: each page starts after the last row of the one before, reading
// `limit` index entries however far into the export it is, so 100,000 rows cost 100 equal pages. Every
// query is scoped by the owner in its WHERE. Pages are separate statements (no long transaction): a row
// written during an export may or may not appear, and none appears twice.

export const EXPORT_PAGE_SIZE = 1000;

export type InvoiceExportRow = {
  id: string;
  sequence: number;
  number: string;
  status: (typeof invoices.$inferSelect)["status"];
  currency: string;
  issueDate: string;
  dueDate: string;
  subtotalMinor: number;
  taxMinor: number;
  totalMinor: number;
  paidMinor: number;
  refundedMinor: number;
  sentAt: Date | null;
  paidAt: Date | null;
  voidedAt: Date | null;
  customerName: string;
  customerEmail: string | null;
  /** Stripe PaymentIntents that paid it, space-separated, oldest first (one probe of payments_invoice_id_idx). */
  paymentIntentIds: string | null;
};

/** The invoices the list shows for these filters, newest first, `after` a sequence. */
export async function pageInvoicesForExport(
  db: Database,
  params: ListFilter & { after?: number; limit: number },
): Promise<InvoiceExportRow[]> {
  const conditions = listConditions(params);
  if (params.after !== undefined) conditions.push(lt(invoices.sequence, params.after));
  return db
    .select({
      id: invoices.id,
      sequence: invoices.sequence,
      number: invoices.number,
      status: invoices.status,
      currency: invoices.currency,
      issueDate: invoices.issueDate,
      dueDate: invoices.dueDate,
      subtotalMinor: invoices.subtotalMinor,
      taxMinor: invoices.taxMinor,
      totalMinor: invoices.totalMinor,
      paidMinor: invoices.paidMinor,
      refundedMinor: invoices.refundedMinor,
      sentAt: invoices.sentAt,
      paidAt: invoices.paidAt,
      voidedAt: invoices.voidedAt,
      customerName: customers.name,
      customerEmail: customers.email,
      paymentIntentIds: sql<
        string | null
      >`(select string_agg(p.stripe_payment_intent_id, ' ' order by p.created_at, p.id) from ${payments} p where p.invoice_id = ${invoices.id} and p.status = 'succeeded')`,
    })
    .from(invoices)
    .innerJoin(customers, eq(customers.id, invoices.customerId))
    .where(and(...conditions))
    .orderBy(sequenceOrder(params.status))
    .limit(params.limit);
}

export type PaymentExportRow = {
  id: string;
  createdAt: Date;
  succeededAt: Date | null;
  status: (typeof payments.$inferSelect)["status"];
  currency: string;
  amountMinor: number;
  applicationFeeMinor: number;
  /** Sum of its succeeded refunds (one probe of refunds_payment_id_idx). */
  refundedMinor: number;
  stripePaymentIntentId: string | null;
  stripeChargeId: string | null;
  stripeAccountId: string;
  cardBrand: string | null;
  cardLast4: string | null;
  invoiceId: string;
  invoiceNumber: string;
  customerName: string;
  customerEmail: string | null;
};

// Newest first as payments_user_id_created_at_idx / refunds_user_id_created_at_idx hold them (DESC NULLS
// LAST, see db/queries/payments.ts), so a page is read from the index, never sorted.
const paymentsNewestFirst = [sql`${payments.createdAt} desc nulls last`, sql`${payments.id} desc nulls last`];
const refundsNewestFirst = [sql`${refunds.createdAt} desc nulls last`, sql`${refunds.id} desc nulls last`];

/** A User's payments that reached Stripe, newest first, older than the payment `after` (an id). */
export async function pagePaymentsForExport(
  db: Database,
  params: { userId: string; after?: string; limit: number },
): Promise<PaymentExportRow[]> {
  const conditions: SQL[] = [eq(payments.userId, params.userId), isNotNull(payments.stripePaymentIntentId)];
  if (params.after !== undefined) {
    // The cursor's exact timestamp is read in SQL: a JavaScript Date drops PostgreSQL's microseconds.
    const c = alias(payments, "cursor");
    const cursor = db
      .select({ createdAt: c.createdAt, id: c.id })
      .from(c)
      .where(and(eq(c.id, params.after), eq(c.userId, params.userId)));
    conditions.push(sql`(${payments.createdAt}, ${payments.id}) < (${cursor})`);
  }
  return db
    .select({
      id: payments.id,
      createdAt: payments.createdAt,
      succeededAt: payments.succeededAt,
      status: payments.status,
      currency: payments.currency,
      amountMinor: payments.amountMinor,
      applicationFeeMinor: payments.applicationFeeMinor,
      refundedMinor:
        sql<number>`(select coalesce(sum(r.amount_minor), 0) from ${refunds} r where r.payment_id = ${payments.id} and r.status = 'succeeded')`.mapWith(
          Number,
        ),
      stripePaymentIntentId: payments.stripePaymentIntentId,
      stripeChargeId: payments.stripeChargeId,
      stripeAccountId: payments.stripeAccountId,
      cardBrand: payments.cardBrand,
      cardLast4: payments.cardLast4,
      invoiceId: invoices.id,
      invoiceNumber: invoices.number,
      customerName: customers.name,
      customerEmail: customers.email,
    })
    .from(payments)
    .innerJoin(invoices, eq(invoices.id, payments.invoiceId))
    .innerJoin(customers, eq(customers.id, invoices.customerId))
    .where(and(...conditions))
    .orderBy(...paymentsNewestFirst)
    .limit(params.limit);
}

export type RefundExportRow = {
  id: string;
  createdAt: Date;
  status: (typeof refunds.$inferSelect)["status"];
  currency: string;
  amountMinor: number;
  reason: (typeof refunds.$inferSelect)["reason"];
  origin: (typeof refunds.$inferSelect)["origin"];
  note: string | null;
  failureReason: string | null;
  stripeRefundId: string | null;
  paymentId: string;
  stripePaymentIntentId: string | null;
  stripeChargeId: string | null;
  invoiceId: string;
  invoiceNumber: string;
  customerName: string;
  customerEmail: string | null;
};

/** A User's refunds, newest first, older than the refund `after` (an id). */
export async function pageRefundsForExport(
  db: Database,
  params: { userId: string; after?: string; limit: number },
): Promise<RefundExportRow[]> {
  const conditions: SQL[] = [eq(refunds.userId, params.userId)];
  if (params.after !== undefined) {
    const c = alias(refunds, "cursor");
    const cursor = db
      .select({ createdAt: c.createdAt, id: c.id })
      .from(c)
      .where(and(eq(c.id, params.after), eq(c.userId, params.userId)));
    conditions.push(sql`(${refunds.createdAt}, ${refunds.id}) < (${cursor})`);
  }
  return db
    .select({
      id: refunds.id,
      createdAt: refunds.createdAt,
      status: refunds.status,
      currency: refunds.currency,
      amountMinor: refunds.amountMinor,
      reason: refunds.reason,
      origin: refunds.origin,
      note: refunds.note,
      failureReason: refunds.failureReason,
      stripeRefundId: refunds.stripeRefundId,
      paymentId: refunds.paymentId,
      stripePaymentIntentId: payments.stripePaymentIntentId,
      stripeChargeId: payments.stripeChargeId,
      invoiceId: invoices.id,
      invoiceNumber: invoices.number,
      customerName: customers.name,
      customerEmail: customers.email,
    })
    .from(refunds)
    .innerJoin(payments, eq(payments.id, refunds.paymentId))
    .innerJoin(invoices, eq(invoices.id, refunds.invoiceId))
    .innerJoin(customers, eq(customers.id, invoices.customerId))
    .where(and(...conditions))
    .orderBy(...refundsNewestFirst)
    .limit(params.limit);
}
