import "server-only";
import { and, count, desc, eq, inArray, isNotNull, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database } from "../client";
import { customers, invoices, type NewPayment, type Payment, payments } from "../schema";

/** Statuses of a PaymentIntent the Customer may still complete; at most one such payment per invoice. */
export const REUSABLE_PAYMENT_STATUSES = [
  "requires_payment_method",
  "requires_confirmation",
  "requires_action",
  "failed",
] as const;

export function isReusablePaymentStatus(status: Payment["status"]): boolean {
  return (REUSABLE_PAYMENT_STATUSES as readonly string[]).includes(status);
}

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

/**
 * Stripe's callers (webhooks, reconcile, the return page): the payment a Stripe object names, by its
 * PaymentIntent id, else by its charge id (a refund or dispute may name only the charge). Not scoped
 * by a User, because Stripe names the object. `lock` takes the payment's row lock.
 */
export async function findPaymentForStripe(
  db: Database,
  params: { paymentIntentId?: string | null; chargeId?: string | null; lock?: boolean },
): Promise<Payment | undefined> {
  const by = async (where: SQL) => {
    const query = db.select().from(payments).where(where);
    const [row] = await (params.lock ? query.for("update") : query).limit(1);
    return row;
  };
  const byIntent = params.paymentIntentId
    ? await by(eq(payments.stripePaymentIntentId, params.paymentIntentId))
    : undefined;
  if (byIntent || !params.chargeId) return byIntent;
  return by(eq(payments.stripeChargeId, params.chargeId));
}

/** Locks the signed-in User's payment: every refund decision on a payment runs under this lock. */
export async function lockPaymentOfUser(
  db: Database,
  params: { userId: string; paymentId: string },
): Promise<Payment | undefined> {
  const [row] = await db
    .select()
    .from(payments)
    .where(and(eq(payments.id, params.paymentId), eq(payments.userId, params.userId)))
    .for("update")
    .limit(1);
  return row;
}

/** The payment of an invoice reached by its pay link (the return page): scoped by the invoice, not a User. */
export async function findPaymentOfInvoiceForPayLink(
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

export type PaymentListRow = Payment & { invoiceNumber: string; customerName: string };

// Newest first, in the order payments_user_id_created_at_idx holds them (DESC NULLS LAST; created_at
// and id are NOT NULL, so this is plain newest-first): with the order spelled as the index has it,
// PostgreSQL reads the first rows from the index instead of sorting all of the User's payments.
const newestFirst = [sql`${payments.createdAt} desc nulls last`, sql`${payments.id} desc nulls last`];
const oldestFirst = [sql`${payments.createdAt} asc nulls first`, sql`${payments.id} asc nulls first`];

function listWhere(userId: string) {
  return and(eq(payments.userId, userId), isNotNull(payments.stripePaymentIntentId));
}

function toListRow(r: { payment: Payment; invoiceNumber: string; customerName: string }): PaymentListRow {
  return { ...r.payment, invoiceNumber: r.invoiceNumber, customerName: r.customerName };
}

// Each listed payment's invoice and customer: two primary-key probes per row.
const listColumns = { payment: payments, invoiceNumber: invoices.number, customerName: customers.name };

/** A page by offset with the exact count; both cost as much as the list is long (see listPaymentsPage). */
export async function listPayments(
  db: Database,
  params: { userId: string; limit: number; offset: number },
): Promise<{ rows: PaymentListRow[]; total: number }> {
  const where = listWhere(params.userId);
  const [rows, [total]] = await Promise.all([
    db
      .select(listColumns)
      .from(payments)
      .innerJoin(invoices, eq(invoices.id, payments.invoiceId))
      .innerJoin(customers, eq(customers.id, invoices.customerId))
      .where(where)
      .orderBy(...newestFirst)
      .limit(params.limit)
      .offset(params.offset),
    db.select({ n: count() }).from(payments).where(where),
  ]);
  return { rows: rows.map(toListRow), total: total?.n ?? 0 };
}

export type PaymentPage = {
  rows: PaymentListRow[];
  /** Pass as `before` for the page of newer payments; null on the newest page. */
  newerCursor: string | null;
  /** Pass as `after` for the page of older payments; null on the oldest page. */
  olderCursor: string | null;
};

/**
 * One page of a User's payments, newest first, by keyset on (created_at, id). The cursor is a payment
 * id (`after`: older than it, `before`: newer); its exact timestamp is read in the query, since a
 * JavaScript Date would drop the microseconds PostgreSQL keeps. A cursor that is not one of the User's
 * payments gives the first page.
 */
export async function listPaymentsPage(
  db: Database,
  params: { userId: string; limit: number; after?: string; before?: string },
): Promise<PaymentPage> {
  const backwards = params.after === undefined && params.before !== undefined;
  const cursorId = params.after ?? params.before;
  const conditions = [listWhere(params.userId)];
  if (cursorId !== undefined) {
    const c = alias(payments, "cursor");
    const cursor = db
      .select({ createdAt: c.createdAt, id: c.id })
      .from(c)
      .where(and(eq(c.id, cursorId), eq(c.userId, params.userId)));
    conditions.push(
      backwards
        ? sql`(${payments.createdAt}, ${payments.id}) > (${cursor})`
        : sql`(${payments.createdAt}, ${payments.id}) < (${cursor})`,
    );
  }
  const rows = await db
    .select(listColumns)
    .from(payments)
    .innerJoin(invoices, eq(invoices.id, payments.invoiceId))
    .innerJoin(customers, eq(customers.id, invoices.customerId))
    .where(and(...conditions))
    .orderBy(...(backwards ? oldestFirst : newestFirst))
    .limit(params.limit + 1);
  const more = rows.length > params.limit;
  const page = rows.slice(0, params.limit).map(toListRow);
  const firstPage = () => listPaymentsPage(db, { userId: params.userId, limit: params.limit });
  if (cursorId !== undefined && page.length === 0) return firstPage();
  if (backwards) {
    if (!more) return firstPage();
    page.reverse();
    return { rows: page, newerCursor: page[0]?.id ?? null, olderCursor: page.at(-1)?.id ?? null };
  }
  return {
    rows: page,
    newerCursor: cursorId === undefined ? null : (page[0]?.id ?? null),
    olderCursor: more ? (page.at(-1)?.id ?? null) : null,
  };
}
