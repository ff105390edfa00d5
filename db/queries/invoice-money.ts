import "server-only";
import { and, asc, eq, inArray, isNotNull, ne, or } from "drizzle-orm";
import type { Database } from "../client";
import { invoices, type Payment, payments, refunds } from "../schema";
import { REUSABLE_PAYMENT_STATUSES } from "./payments";

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
