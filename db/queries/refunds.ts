import "server-only";
import { and, asc, desc, eq, inArray, isNull, lt, sql } from "drizzle-orm";
import { IN_FLIGHT_REFUND_STATUSES, RESERVING_REFUND_STATUSES } from "@/lib/refunds/status";
import type { Database } from "../client";
import { type NewRefund, payments, type Refund, refunds } from "../schema";

/** Σ of the payment's refunds that are made or on their way; read under the payment's row lock. */
export async function reservedRefundMinor(
  db: Database,
  params: { userId: string; paymentId: string },
): Promise<number> {
  const [row] = await db
    .select({ total: sql<number>`coalesce(sum(${refunds.amountMinor}), 0)`.mapWith(Number) })
    .from(refunds)
    .where(
      and(
        eq(refunds.paymentId, params.paymentId),
        eq(refunds.userId, params.userId),
        inArray(refunds.status, [...RESERVING_REFUND_STATUSES]),
      ),
    );
  return row?.total ?? 0;
}

export async function insertRefund(db: Database, values: NewRefund): Promise<Refund> {
  const [row] = await db.insert(refunds).values(values).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}

export async function updateRefundRow(
  db: Database,
  params: { refundId: string; values: Partial<NewRefund> },
): Promise<Refund> {
  const [row] = await db
    .update(refunds)
    .set(params.values)
    .where(eq(refunds.id, params.refundId))
    .returning();
  if (!row) throw new Error("refund vanished");
  return row;
}

export async function getRefundOfUser(db: Database, params: { userId: string; refundId: string }) {
  const [row] = await db
    .select()
    .from(refunds)
    .where(and(eq(refunds.id, params.refundId), eq(refunds.userId, params.userId)))
    .limit(1);
  return row;
}

/** Locks one of the signed-in User's refunds (the retry of a refund Stripe never answered). */
export async function lockRefundOfUser(
  db: Database,
  params: { userId: string; refundId: string },
): Promise<Refund | undefined> {
  const [row] = await db
    .select()
    .from(refunds)
    .where(and(eq(refunds.id, params.refundId), eq(refunds.userId, params.userId)))
    .for("update")
    .limit(1);
  return row;
}

/** Stripe's callers: whether a refund row with this `re_` id exists (the webhook worker's choice of reads). */
export async function hasRefundWithStripeId(
  db: Database,
  params: { stripeRefundId: string },
): Promise<boolean> {
  const [row] = await db
    .select({ id: refunds.id })
    .from(refunds)
    .where(eq(refunds.stripeRefundId, params.stripeRefundId))
    .limit(1);
  return row !== undefined;
}

/** Stripe's callers: the refund row with this `re_` id, locked. */
export async function lockRefundByStripeIdForStripe(
  db: Database,
  params: { stripeRefundId: string },
): Promise<Refund | undefined> {
  const [row] = await db
    .select()
    .from(refunds)
    .where(eq(refunds.stripeRefundId, params.stripeRefundId))
    .for("update")
    .limit(1);
  return row;
}

/**
 * Stripe's callers: our refund row named in a refund's metadata, locked. It must belong to the payment
 * the refund is for and not be linked to another `re_` yet, so metadata cannot reach someone else's row.
 */
export async function lockUnlinkedRefundOfPaymentForStripe(
  db: Database,
  params: { refundId: string; paymentId: string },
): Promise<Refund | undefined> {
  const [row] = await db
    .select()
    .from(refunds)
    .where(
      and(
        eq(refunds.id, params.refundId),
        eq(refunds.paymentId, params.paymentId),
        isNull(refunds.stripeRefundId),
      ),
    )
    .for("update")
    .limit(1);
  return row;
}

export async function listRefundsOfInvoice(db: Database, params: { userId: string; invoiceId: string }) {
  return db
    .select()
    .from(refunds)
    .where(and(eq(refunds.invoiceId, params.invoiceId), eq(refunds.userId, params.userId)))
    .orderBy(asc(refunds.createdAt), asc(refunds.id));
}

export async function listRefundsOfPayment(db: Database, params: { userId: string; paymentId: string }) {
  return db
    .select()
    .from(refunds)
    .where(and(eq(refunds.paymentId, params.paymentId), eq(refunds.userId, params.userId)))
    .orderBy(desc(refunds.createdAt), desc(refunds.id));
}

export type RefundTotals = { refundedMinor: number; pendingMinor: number };

/** Refunded and in-flight sums per payment, for lists of payments. */
export async function refundTotalsOfPayments(
  db: Database,
  params: { userId: string; paymentIds: readonly string[] },
): Promise<Map<string, RefundTotals>> {
  const totals = new Map<string, RefundTotals>();
  if (params.paymentIds.length === 0) return totals;
  const rows = await db
    .select({
      paymentId: refunds.paymentId,
      refundedMinor:
        sql<number>`coalesce(sum(${refunds.amountMinor}) filter (where ${refunds.status} = 'succeeded'), 0)`.mapWith(
          Number,
        ),
      pendingMinor:
        sql<number>`coalesce(sum(${refunds.amountMinor}) filter (where ${inArray(refunds.status, [...IN_FLIGHT_REFUND_STATUSES])}), 0)`.mapWith(
          Number,
        ),
    })
    .from(refunds)
    .where(and(eq(refunds.userId, params.userId), inArray(refunds.paymentId, [...params.paymentIds])))
    .groupBy(refunds.paymentId);
  for (const row of rows)
    totals.set(row.paymentId, { refundedMinor: row.refundedMinor, pendingMinor: row.pendingMinor });
  return totals;
}

/**
 * Our refunds on an account that never got an answer from Stripe (still `creating`), older than
 * `before`: reconcile looks each up on Stripe. For Stripe's callers (the account, not a User, is known).
 */
export async function listStaleCreatingRefundsForStripe(
  db: Database,
  params: { accountId: string; before: Date },
) {
  return db
    .select({ refund: refunds, paymentIntentId: payments.stripePaymentIntentId })
    .from(refunds)
    .innerJoin(payments, eq(payments.id, refunds.paymentId))
    .where(
      and(
        eq(payments.stripeAccountId, params.accountId),
        eq(refunds.status, "creating"),
        lt(refunds.createdAt, params.before),
      ),
    )
    .orderBy(asc(refunds.createdAt))
    .limit(500);
}

/**
 * Moves a refund to its next idempotency key, only from `attempt` (so concurrent retries agree on the
 * key they use next). Called when Stripe answered a 5xx: Stripe keeps that answer as the key's result.
 */
export async function advanceRefundIdempotencyAttempt(
  db: Database,
  params: { refundId: string; attempt: number },
): Promise<void> {
  await db
    .update(refunds)
    .set({ idempotencyAttempt: params.attempt + 1 })
    .where(and(eq(refunds.id, params.refundId), eq(refunds.idempotencyAttempt, params.attempt)));
}
