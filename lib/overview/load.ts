import "server-only";
import type { Database } from "@/db/client";
import { sumOutstanding, sumOverdue } from "@/db/queries/invoices";
import {
  type CollectedTotals,
  listRecentRefunds,
  type RecentRefundRow,
  sumCollected,
} from "@/db/queries/overview";
import { listPaymentsPage, type PaymentListRow } from "@/db/queries/payments";
import { refundTotalsOfPayments } from "@/db/queries/refunds";
import { isoDayIn } from "@/lib/format";
import { type OverviewPeriods, overviewPeriods } from "./periods";

export type Collected = { receivedMinor: number; refundedMinor: number; netMinor: number };

export type CurrencyOverview = {
  currency: string;
  /** Received minus refunded in the period, each counted when it happened (see sumCollected). */
  month: Collected;
  last30: Collected;
  outstanding: { dueMinor: number; count: number };
  overdue: { dueMinor: number; count: number };
};

export type Overview = {
  periods: OverviewPeriods;
  currencies: CurrencyOverview[];
  /** With each payment's succeeded refunds, so a refunded payment reads Refunded. */
  recentPayments: (PaymentListRow & { refundedMinor: number })[];
  recentRefunds: RecentRefundRow[];
};

const RECENT = 5;
const ZERO = { dueMinor: 0, count: 0 };

function net(part: { receivedMinor: number; refundedMinor: number } | undefined): Collected {
  const receivedMinor = part?.receivedMinor ?? 0;
  const refundedMinor = part?.refundedMinor ?? 0;
  return { receivedMinor, refundedMinor, netMinor: receivedMinor - refundedMinor };
}

/**
 * "How am I doing", per currency, in the User's time zone. Every read is bounded whatever the User's
 * history: stored totals (collected_periods, outstanding_totals), the overdue invoices alone
 * (invoices_overdue_idx), and the first rows of two indexes for the recent lists.
 */
export async function loadOverview(
  db: Database,
  params: { userId: string; timeZone: string; now: Date },
): Promise<Overview> {
  const periods = overviewPeriods(isoDayIn(params.now, params.timeZone));
  const { userId } = params;
  const [collected, outstanding, overdue, payments, recentRefunds] = await Promise.all([
    sumCollected(db, { userId, timeZone: params.timeZone, periods }),
    sumOutstanding(db, userId),
    sumOverdue(db, { userId, today: periods.today }),
    listPaymentsPage(db, { userId, limit: RECENT }),
    listRecentRefunds(db, { userId, limit: RECENT }),
  ]);
  const byCurrency = <T extends { currency: string }>(rows: readonly T[]) =>
    new Map(rows.map((r) => [r.currency, r]));
  const c = byCurrency<CollectedTotals>(collected);
  const o = byCurrency(outstanding);
  const d = byCurrency(overdue);
  const codes = [...new Set([...c.keys(), ...o.keys(), ...d.keys()])].sort();
  const currencies = codes.map((currency) => ({
    currency,
    month: net(c.get(currency)?.month),
    last30: net(c.get(currency)?.last30),
    outstanding: pick(o.get(currency)),
    overdue: pick(d.get(currency)),
  }));
  const refunded = await refundTotalsOfPayments(db, { userId, paymentIds: payments.rows.map((p) => p.id) });
  const recentPayments = payments.rows.map((p) => ({
    ...p,
    refundedMinor: refunded.get(p.id)?.refundedMinor ?? 0,
  }));
  return { periods, currencies, recentPayments, recentRefunds };
}

function pick(row: { dueMinor: number; count: number } | undefined) {
  return row ? { dueMinor: row.dueMinor, count: row.count } : ZERO;
}
