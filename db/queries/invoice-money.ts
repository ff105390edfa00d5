import "server-only";
import { and, asc, eq, getTableColumns, inArray, isNotNull, ne, or, sql } from "drizzle-orm";
import type { Database } from "../client";
import { type Invoice, invoices, type Payment, payments, type Refund, refunds } from "../schema";
import { REUSABLE_PAYMENT_STATUSES } from "./payments";

export type InvoiceMoneyRows = {
  payments: Pick<Payment, "id" | "currency" | "amountMinor" | "status">[];
  refunds: Pick<Refund, "paymentId" | "currency" | "amountMinor" | "status">[];
};

/**
 * Recomputes the invoice's denormalised paid and refunded sums from its payment and refund rows,
 * counting only money in the invoice's own currency (pounds and euros are never added together: money
 * in another currency is an overpayment, see lib/invoices/ledger.ts); moves an open, partly paid or paid
 * invoice to the status its paid sum gives (nextStatusAfterPayment in lib/invoices/status.ts, which the
 * caller checks the row against; a draft or void invoice keeps its status), stamping `paid_at` when it
 * becomes paid; and returns the invoice with every payment and refund it has, as the money invariants
 * need them. One statement, since it sits on the webhook's path.
 *
 * Run it under the invoice's row lock, taken by an earlier statement: a statement's subqueries read the
 * snapshot it started with, and only a lock already held makes that snapshot hold every payment
 * committed on the invoice. Not scoped by a User: Stripe's callers know the invoice by id only.
 */
export async function recomputeInvoiceMoneyForStripe(
  db: Database,
  params: { invoiceId: string; now: Date },
): Promise<{ invoice: Invoice } & InvoiceMoneyRows> {
  const { invoiceId } = params;
  const paid = sql`(select coalesce(sum(p.amount_minor), 0) from payments p where p.invoice_id = ${invoiceId} and p.status = 'succeeded' and p.currency = ${invoices.currency})`;
  const status = sql`(case when ${invoices.status} in ('open', 'partially_paid', 'paid') then (case when ${paid} >= ${invoices.totalMinor} then 'paid' when ${paid} > 0 then 'partially_paid' else 'open' end)::invoice_status else ${invoices.status} end)`;
  const [row] = await db
    .update(invoices)
    .set({
      paidMinor: paid,
      refundedMinor: sql`(select coalesce(sum(r.amount_minor), 0) from refunds r where r.invoice_id = ${invoiceId} and r.status = 'succeeded' and r.currency = ${invoices.currency})`,
      status,
      paidAt: sql`(case when ${status} = 'paid' and ${invoices.status} <> 'paid' then ${params.now.toISOString()}::timestamptz else ${invoices.paidAt} end)`,
    })
    .where(eq(invoices.id, invoiceId))
    .returning({
      ...getTableColumns(invoices),
      moneyPayments: sql<
        InvoiceMoneyRows["payments"]
      >`(select coalesce(json_agg(json_build_object('id', p.id, 'currency', p.currency, 'amountMinor', p.amount_minor, 'status', p.status)), '[]') from payments p where p.invoice_id = ${invoiceId})`,
      moneyRefunds: sql<
        InvoiceMoneyRows["refunds"]
      >`(select coalesce(json_agg(json_build_object('paymentId', r.payment_id, 'currency', r.currency, 'amountMinor', r.amount_minor, 'status', r.status)), '[]') from refunds r where r.invoice_id = ${invoiceId})`,
    });
  if (!row) throw new Error("invoice vanished");
  const { moneyPayments, moneyRefunds, ...invoice } = row;
  return { invoice, payments: jsonRows(moneyPayments), refunds: jsonRows(moneyRefunds) };
}

/** json_agg arrives parsed from postgres.js and PGlite alike; a string would mean a driver that did not. */
function jsonRows<T>(value: T[] | string): T[] {
  return typeof value === "string" ? (JSON.parse(value) as T[]) : value;
}

/**
 * Every payment and refund of an invoice, as the money invariants need them. Not scoped by a User: the
 * callers record Stripe's news under the invoice's row lock and know the invoice by id only.
 */
export async function listInvoiceMoneyForStripe(db: Database, invoiceId: string) {
  // One after the other: in a transaction they share one connection anyway.
  const paymentRows = await db
    .select({
      id: payments.id,
      currency: payments.currency,
      amountMinor: payments.amountMinor,
      status: payments.status,
    })
    .from(payments)
    .where(eq(payments.invoiceId, invoiceId));
  const refundRows = await db
    .select({
      paymentId: refunds.paymentId,
      currency: refunds.currency,
      amountMinor: refunds.amountMinor,
      status: refunds.status,
    })
    .from(refunds)
    .where(eq(refunds.invoiceId, invoiceId));
  return { payments: paymentRows, refunds: refundRows };
}

/**
 * The invoice's PaymentIntents a Customer could still confirm, in any currency and on any account,
 * oldest first. Not scoped by a User: the invoice service and Stripe's callers pass an invoice they hold.
 */
export async function listOpenPaymentsOfInvoice(db: Database, invoiceId: string): Promise<Payment[]> {
  return db
    .select()
    .from(payments)
    .where(
      and(
        eq(payments.invoiceId, invoiceId),
        isNotNull(payments.stripePaymentIntentId),
        inArray(payments.status, [...REUSABLE_PAYMENT_STATUSES]),
      ),
    )
    .orderBy(asc(payments.createdAt), asc(payments.id));
}

/** Whether any payment on the invoice took money or is taking it (succeeded or processing), in any currency. */
export async function hasMoneyOnInvoice(db: Database, invoiceId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: payments.id })
    .from(payments)
    .where(and(eq(payments.invoiceId, invoiceId), inArray(payments.status, ["succeeded", "processing"])))
    .limit(1);
  return row !== undefined;
}

/**
 * The succeeded payments of the User's invoice in one currency, locked in id order (the overpayment
 * refund takes them before the invoice, as every refund change on a payment does).
 */
export async function lockPaidPaymentsOfInvoice(
  db: Database,
  params: { userId: string; invoiceId: string; currency: string },
): Promise<Payment[]> {
  return db
    .select()
    .from(payments)
    .where(
      and(
        eq(payments.userId, params.userId),
        eq(payments.invoiceId, params.invoiceId),
        eq(payments.currency, params.currency),
        eq(payments.status, "succeeded"),
      ),
    )
    .orderBy(asc(payments.id))
    .for("update");
}

/**
 * Open PaymentIntents a Customer could still confirm but should not (reconcile): on an invoice that is
 * paid or void, or in a currency the invoice no longer has. Their cancel failed when it was due (Stripe
 * down); one account's, for its User.
 */
export async function listStrandedOpenPaymentsForStripe(
  db: Database,
  params: { userId: string; accountId: string },
): Promise<Payment[]> {
  const rows = await db
    .select({ payment: payments })
    .from(payments)
    .innerJoin(invoices, eq(invoices.id, payments.invoiceId))
    .where(
      and(
        eq(payments.userId, params.userId),
        eq(payments.stripeAccountId, params.accountId),
        isNotNull(payments.stripePaymentIntentId),
        inArray(payments.status, [...REUSABLE_PAYMENT_STATUSES]),
        or(inArray(invoices.status, ["paid", "void"]), ne(invoices.currency, payments.currency)),
      ),
    )
    .orderBy(asc(payments.createdAt), asc(payments.id));
  return rows.map((r) => r.payment);
}

/**
 * Open PaymentIntents of any User that a Customer could still confirm but should not, oldest first: on
 * a paid or void invoice, or in a currency the invoice no longer has (the scheduled pass,
 * lib/payments/stranded.ts). Their cancel failed when it was due; at most `limit`.
 */
export async function listStrandedOpenPayments(db: Database, params: { limit: number }): Promise<Payment[]> {
  const rows = await db
    .select({ payment: payments })
    .from(payments)
    .innerJoin(invoices, eq(invoices.id, payments.invoiceId))
    .where(
      and(
        isNotNull(payments.stripePaymentIntentId),
        inArray(payments.status, [...REUSABLE_PAYMENT_STATUSES]),
        or(inArray(invoices.status, ["paid", "void"]), ne(invoices.currency, payments.currency)),
      ),
    )
    .orderBy(asc(payments.createdAt), asc(payments.id))
    .limit(params.limit);
  return rows.map((r) => r.payment);
}
