import "server-only";
import { and, eq, isNotNull, type SQL, sql } from "drizzle-orm";
import type { OverviewPeriods } from "@/lib/overview/periods";
import type { Database } from "../client";
import { collectedPeriods, customers, invoices, refunds, users } from "../schema";

export type CollectedTotals = {
  currency: string;
  month: { receivedMinor: number; refundedMinor: number };
  last30: { receivedMinor: number; refundedMinor: number };
};

/**
 * Money received and refunded per currency this month and in the last 30 days, each period starting at
 * the User's midnight in `timeZone`. Reads collected_periods (kept by triggers, migration 0014): at most
 * 96 rows per day and currency of the ~31 days covered, however many payments the User has had.
 * A payment counts when it succeeded; a refund when it was made, if it succeeded.
 */
export async function sumCollected(
  db: Database,
  params: { userId: string; timeZone: string; periods: OverviewPeriods },
): Promise<CollectedTotals[]> {
  const { periods, timeZone } = params;
  // The instant a calendar day starts in the User's zone (PostgreSQL's tz database, the same as Intl's).
  const startOf = (day: string) => sql`(${day}::date::timestamp at time zone ${timeZone})`;
  const monthStart = startOf(periods.monthStart);
  const last30Start = startOf(periods.last30Start);
  const inMonth = sql`${collectedPeriods.periodStart} >= ${monthStart} and ${collectedPeriods.periodStart} < ${startOf(periods.nextMonthStart)}`;
  const inLast30 = sql`${collectedPeriods.periodStart} >= ${last30Start} and ${collectedPeriods.periodStart} < ${startOf(periods.tomorrow)}`;
  const sum = (column: typeof collectedPeriods.receivedMinor, where: SQL) =>
    sql<number>`coalesce(sum(${column}) filter (where ${where}), 0)`.mapWith(Number);
  const rows = await db
    .select({
      currency: collectedPeriods.currency,
      monthReceived: sum(collectedPeriods.receivedMinor, inMonth),
      monthRefunded: sum(collectedPeriods.refundedMinor, inMonth),
      last30Received: sum(collectedPeriods.receivedMinor, inLast30),
      last30Refunded: sum(collectedPeriods.refundedMinor, inLast30),
    })
    .from(collectedPeriods)
    .where(
      and(
        eq(collectedPeriods.userId, params.userId),
        sql`${collectedPeriods.periodStart} >= least(${monthStart}, ${last30Start})`,
        // Tomorrow is never after the first of next month, so this month's end bounds both periods.
        sql`${collectedPeriods.periodStart} < ${startOf(periods.nextMonthStart)}`,
      ),
    )
    .groupBy(collectedPeriods.currency)
    .orderBy(collectedPeriods.currency);
  return rows
    .map((r) => ({
      currency: r.currency,
      month: { receivedMinor: r.monthReceived, refundedMinor: r.monthRefunded },
      last30: { receivedMinor: r.last30Received, refundedMinor: r.last30Refunded },
    }))
    .filter(
      (r) =>
        r.month.receivedMinor + r.month.refundedMinor + r.last30.receivedMinor + r.last30.refundedMinor > 0,
    );
}

export type RecentRefundRow = {
  id: string;
  paymentId: string;
  invoiceId: string;
  invoiceNumber: string;
  customerId: string;
  customerName: string;
  amountMinor: number;
  currency: string;
  status: (typeof refunds.$inferSelect)["status"];
  createdAt: Date;
};

/** The User's latest refunds with their invoice and customer: refunds_user_id_created_at_idx, read in order. */
export async function listRecentRefunds(
  db: Database,
  params: { userId: string; limit: number },
): Promise<RecentRefundRow[]> {
  return db
    .select({
      id: refunds.id,
      paymentId: refunds.paymentId,
      invoiceId: refunds.invoiceId,
      invoiceNumber: invoices.number,
      customerId: customers.id,
      customerName: customers.name,
      amountMinor: refunds.amountMinor,
      currency: refunds.currency,
      status: refunds.status,
      createdAt: refunds.createdAt,
    })
    .from(refunds)
    .innerJoin(invoices, eq(invoices.id, refunds.invoiceId))
    .innerJoin(customers, eq(customers.id, invoices.customerId))
    .where(eq(refunds.userId, params.userId))
    .orderBy(sql`${refunds.createdAt} desc nulls last`)
    .limit(params.limit);
}

export type ChecklistFacts = { hasCustomer: boolean; hasSentInvoice: boolean };

/**
 * Two probes that stop at the first row: whether the User has a customer, and an invoice ever sent (a
 * sent invoice keeps sent_at whatever happens to it later).
 */
export async function checklistFacts(db: Database, userId: string): Promise<ChecklistFacts> {
  const [row] = await db
    .select({
      hasCustomer:
        sql<boolean>`exists (select 1 from ${customers} where ${customers.userId} = ${userId})`.mapWith(
          Boolean,
        ),
      hasSentInvoice: sql<boolean>`exists (${db
        .select({ one: sql`1` })
        .from(invoices)
        .where(and(eq(invoices.userId, userId), isNotNull(invoices.sentAt)))
        .limit(1)})`.mapWith(Boolean),
    })
    .from(sql`(select 1) as one`);
  return { hasCustomer: row?.hasCustomer ?? false, hasSentInvoice: row?.hasSentInvoice ?? false };
}

export async function dismissChecklist(db: Database, userId: string): Promise<void> {
  await db.update(users).set({ checklistDismissedAt: new Date() }).where(eq(users.id, userId));
}
