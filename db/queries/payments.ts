import "server-only";
import { and, count, desc, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "../client";
import { invoices, type NewPayment, type Payment, payments } from "../schema";

/** Statuses of a PaymentIntent the Customer may still complete; at most one such payment per invoice. */
export const REUSABLE_PAYMENT_STATUSES = [
  "requires_payment_method",
  "requires_confirmation",
  "requires_action",
  "failed",
] as const;

export async function insertPayment(db: Database, values: NewPayment): Promise<Payment> {
  const [row] = await db.insert(payments).values(values).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}

export async function updatePayment(db: Database, paymentId: string, values: Partial<NewPayment>) {
  const [row] = await db.update(payments).set(values).where(eq(payments.id, paymentId)).returning();
  if (!row) throw new Error("payment vanished");
  return row;
}

/** The invoice's latest payment that is processing or could still be completed. */
export async function findActivePayment(db: Database, invoiceId: string): Promise<Payment | undefined> {
  const [row] = await db
    .select()
    .from(payments)
    .where(
      and(
        eq(payments.invoiceId, invoiceId),
        inArray(payments.status, [...REUSABLE_PAYMENT_STATUSES, "processing"]),
      ),
    )
    .orderBy(desc(payments.createdAt))
    .limit(1);
  return row;
}

/** Lookup by PaymentIntent id for Stripe's callers (webhooks, the return page); locks the row. */
export async function lockPaymentByIntentId(
  db: Database,
  paymentIntentId: string,
): Promise<Payment | undefined> {
  const [row] = await db
    .select()
    .from(payments)
    .where(eq(payments.stripePaymentIntentId, paymentIntentId))
    .for("update")
    .limit(1);
  return row;
}

/** Lookup by PaymentIntent id for Stripe's callers; not scoped by a User, because Stripe is the caller. */
export async function findPaymentByIntentIdForStripe(
  db: Database,
  paymentIntentId: string,
): Promise<Payment | undefined> {
  const [row] = await db
    .select()
    .from(payments)
    .where(eq(payments.stripePaymentIntentId, paymentIntentId))
    .limit(1);
  return row;
}

export async function findPaymentOfInvoiceByIntentId(
  db: Database,
  params: { invoiceId: string; paymentIntentId: string },
): Promise<Payment | undefined> {
  const [row] = await db
    .select()
    .from(payments)
    .where(
      and(
        eq(payments.invoiceId, params.invoiceId),
        eq(payments.stripePaymentIntentId, params.paymentIntentId),
      ),
    )
    .limit(1);
  return row;
}

export async function listPaymentsOfInvoice(db: Database, params: { userId: string; invoiceId: string }) {
  return db
    .select()
    .from(payments)
    .where(and(eq(payments.invoiceId, params.invoiceId), eq(payments.userId, params.userId)))
    .orderBy(desc(payments.createdAt));
}

export async function getPayment(db: Database, params: { userId: string; paymentId: string }) {
  const [row] = await db
    .select()
    .from(payments)
    .where(and(eq(payments.id, params.paymentId), eq(payments.userId, params.userId)))
    .limit(1);
  return row;
}

export type PaymentListRow = Payment & { invoiceNumber: string };

export async function listPayments(
  db: Database,
  params: { userId: string; limit: number; offset: number },
): Promise<{ rows: PaymentListRow[]; total: number }> {
  const where = and(eq(payments.userId, params.userId), sql`${payments.stripePaymentIntentId} is not null`);
  const [rows, [total]] = await Promise.all([
    db
      .select({ payment: payments, invoiceNumber: invoices.number })
      .from(payments)
      .innerJoin(invoices, eq(invoices.id, payments.invoiceId))
      .where(where)
      .orderBy(desc(payments.createdAt), desc(payments.id))
      .limit(params.limit)
      .offset(params.offset),
    db.select({ n: count() }).from(payments).where(where),
  ]);
  return { rows: rows.map((r) => ({ ...r.payment, invoiceNumber: r.invoiceNumber })), total: total?.n ?? 0 };
}
