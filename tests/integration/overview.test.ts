import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { dismissChecklistAction } from "@/app/(dashboard)/dashboard/actions";
import { checklistFacts } from "@/db/queries/overview";
import { insertPayment } from "@/db/queries/payments";
import { insertRefund } from "@/db/queries/refunds";
import { getUserById } from "@/db/queries/users";
import { payments, refunds, type User } from "@/db/schema";
import { isoDayIn } from "@/lib/format";
import { createInvoice } from "@/lib/invoices/service";
import { loadOverview } from "@/lib/overview/load";
import { overviewPeriods } from "@/lib/overview/periods";
import { requestRefund } from "@/lib/refunds/request";
import { addCustomer, oneLineInvoice } from "../support/fixtures";
import { integrationHarness } from "../support/harness";
import { signInAs } from "../support/session";

// The overview's "collected" figures come from collected_periods, kept by triggers on payments and
// refunds (migration 0014). Here they are compared with a model computed from the rows themselves, in
// three time zones whose month boundaries fall at different instants (one 45 minutes off the hour),
// with payments and refunds placed a minute either side of each boundary, in three currencies with
// different exponents, and with rows that change status after they were written.
const h = integrationHarness();

const NOW = new Date("2026-12-01T05:00:00Z"); // Dec 1 in Auckland and Kathmandu, still Nov 30 in Los Angeles
const ZONES = ["Pacific/Auckland", "America/Los_Angeles", "Asia/Kathmandu"] as const;
const CURRENCIES = ["gbp", "jpy", "kwd"] as const;

/** A small deterministic generator, so a failure replays exactly. */
function lcg(seed: number) {
  let state = seed >>> 0;
  return (n: number) => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state % n;
  };
}

async function midnight(day: string, zone: string): Promise<Date> {
  // PostgreSQL's own answer (the same tz database the query uses), as text so no driver reinterprets it.
  const [row] = await h.db
    .select({
      at: sql<string>`to_char((${day}::date::timestamp at time zone ${zone}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`,
    })
    .from(sql`(select 1) as one`);
  return new Date(row?.at ?? "");
}

type Counted = { currency: string; at: Date; amount: number; kind: "received" | "refunded" };

function model(events: readonly Counted[], zone: string) {
  const p = overviewPeriods(isoDayIn(NOW, zone));
  const out = new Map<string, { month: [number, number]; last30: [number, number] }>();
  for (const e of events) {
    const day = isoDayIn(e.at, zone);
    const figures = out.get(e.currency) ?? { month: [0, 0], last30: [0, 0] };
    const i = e.kind === "received" ? 0 : 1;
    if (day >= p.monthStart && day < p.nextMonthStart) figures.month[i] += e.amount;
    if (day >= p.last30Start && day <= p.today) figures.last30[i] += e.amount;
    out.set(e.currency, figures);
  }
  return [...out.entries()]
    .map(([currency, f]) => ({
      currency,
      month: { receivedMinor: f.month[0], refundedMinor: f.month[1], netMinor: f.month[0] - f.month[1] },
      last30: { receivedMinor: f.last30[0], refundedMinor: f.last30[1], netMinor: f.last30[0] - f.last30[1] },
    }))
    .filter(
      (c) =>
        c.month.receivedMinor + c.month.refundedMinor + c.last30.receivedMinor + c.last30.refundedMinor > 0,
    )
    .sort((a, b) => a.currency.localeCompare(b.currency));
}

async function draftInvoiceOf(user: User) {
  const customer = await addCustomer(h.db, user.id, {
    name: `Payer ${randomUUID().slice(0, 4)}`,
    email: null,
  });
  return createInvoice(h.db, { userId: user.id }, oneLineInvoice(customer.id));
}

/** Writes payments and refunds at the given instants, some of them through later status changes. */
async function writeMoney(user: User, instants: readonly Date[], seed: number): Promise<Counted[]> {
  const invoice = await draftInvoiceOf(user);
  const random = lcg(seed);
  const counted: Counted[] = [];
  for (const [n, at] of instants.entries()) {
    const currency = CURRENCIES[random(CURRENCIES.length)] as string;
    const amount = (1 + random(50_000)) * 10; // on every currency's charge step
    const ending = random(4); // 0, 1: succeeded at once; 2: processing then succeeded; 3: failed
    const payment = await insertPayment(h.db, {
      userId: user.id,
      invoiceId: invoice.id,
      stripeAccountId: "acct_overview",
      stripePaymentIntentId: `pi_${randomUUID().replace(/-/g, "")}`,
      amountMinor: amount,
      currency,
      status: ending < 2 ? "succeeded" : ending === 2 ? "processing" : "failed",
      succeededAt: ending < 2 ? at : null,
      createdAt: at,
    });
    if (ending === 2) {
      await h.db
        .update(payments)
        .set({ status: "succeeded", succeededAt: at })
        .where(eq(payments.id, payment.id));
    }
    if (ending === 3) continue;
    counted.push({ currency, at, amount, kind: "received" });
    if (n % 3 !== 0) continue;
    // A refund a little later (or at the same boundary instant): succeeded, pending, or succeeded then failed.
    const refundAt = new Date(at.getTime() + random(3) * 60_000);
    const refundEnding = random(3);
    const refund = await insertRefund(h.db, {
      userId: user.id,
      paymentId: payment.id,
      invoiceId: invoice.id,
      stripeRefundId: `re_${randomUUID().replace(/-/g, "")}`,
      amountMinor: Math.max(10, Math.floor(amount / 20) * 10),
      currency,
      status: refundEnding === 1 ? "pending" : "succeeded",
      createdAt: refundAt,
    });
    if (refundEnding === 2) {
      await h.db.update(refunds).set({ status: "failed" }).where(eq(refunds.id, refund.id));
    } else if (refundEnding === 0) {
      counted.push({ currency, at: refundAt, amount: refund.amountMinor, kind: "refunded" });
    }
  }
  return counted;
}

describe("the overview's collected figures", () => {
  it("match a model of the rows, per currency, at the User's month and 30-day boundaries in three zones", async () => {
    const minute = 60_000;
    const random = lcg(16);
    const instants: Date[] = [];
    for (const zone of ZONES) {
      for (const day of ["2026-11-01", "2026-11-02", "2026-12-01", "2026-10-31"]) {
        const start = (await midnight(day, zone)).getTime();
        for (const offset of [-minute, -1, 0, 1, 14 * minute, 15 * minute])
          instants.push(new Date(start + offset));
      }
    }
    const spreadFrom = Date.parse("2026-10-20T00:00:00Z");
    for (let i = 0; i < 40; i++) instants.push(new Date(spreadFrom + random(43 * 24 * 60) * minute));

    for (const [z, zone] of ZONES.entries()) {
      const user = await h.user();
      const counted = await writeMoney(user, instants, 100 + z);
      const overview = await loadOverview(h.db, { userId: user.id, timeZone: zone, now: NOW });
      const collected = overview.currencies
        .map(({ currency, month, last30 }) => ({ currency, month, last30 }))
        .filter(
          (c) =>
            c.month.receivedMinor + c.month.refundedMinor + c.last30.receivedMinor + c.last30.refundedMinor >
            0,
        );
      expect(collected, zone).toEqual(model(counted, zone));
      expect(collected.length, zone).toBeGreaterThan(1);
    }
  });

  it("counts only the User's own money", async () => {
    const mine = await h.user();
    const theirs = await h.user();
    const at = new Date("2026-11-20T12:00:00Z");
    await writeMoney(theirs, [at, at, at], 7);
    const before = await loadOverview(h.db, { userId: mine.id, timeZone: "UTC", now: NOW });
    expect(before.currencies).toEqual([]);
    expect(before.recentPayments).toEqual([]);
    expect(before.recentRefunds).toEqual([]);
  });
});

describe("the overview through the app", () => {
  it("shows a real payment and refund with their customer, beside outstanding and overdue", async () => {
    const seller = await h.seller();
    const late = await h.sentInvoice(seller.user, { issueDate: "2026-10-01", dueDate: "2026-10-15" });
    const paidInvoice = await h.paidInvoice({ seller });
    const refund = await requestRefund(h.db, {
      user: seller.user,
      input: {
        paymentId: paidInvoice.payment.id,
        amount: "20.00",
        reason: "requested_by_customer",
        note: null,
      },
    });
    expect(refund.refund.status).toBe("succeeded");

    const overview = await loadOverview(h.db, {
      userId: seller.user.id,
      timeZone: "Europe/London",
      now: new Date(),
    });
    expect(overview.currencies).toEqual([
      {
        currency: "gbp",
        month: { receivedMinor: 12_000, refundedMinor: 2_000, netMinor: 10_000 },
        last30: { receivedMinor: 12_000, refundedMinor: 2_000, netMinor: 10_000 },
        outstanding: { dueMinor: 12_000, count: 1 },
        overdue: { dueMinor: 12_000, count: 1 },
      },
    ]);
    expect(overview.recentPayments).toEqual([
      expect.objectContaining({
        id: paidInvoice.payment.id,
        refundedMinor: 2_000,
        customerName: expect.any(String),
      }),
    ]);
    expect(overview.recentRefunds).toEqual([
      expect.objectContaining({
        id: refund.refund.id,
        paymentId: paidInvoice.payment.id,
        invoiceId: paidInvoice.invoiceId,
        amountMinor: 2_000,
        customerName: overview.recentPayments[0]?.customerName,
      }),
    ]);
    expect(late.invoiceId).not.toBe(paidInvoice.invoiceId);
  });
});

describe("the first-run checklist's facts", () => {
  it("follow what the User has done, and dismissing writes only their own row", async () => {
    const user = await h.user();
    const other = await h.user();
    expect(await checklistFacts(h.db, user.id)).toEqual({ hasCustomer: false, hasSentInvoice: false });
    await draftInvoiceOf(user);
    expect(await checklistFacts(h.db, user.id)).toEqual({ hasCustomer: true, hasSentInvoice: false });
    const seller = await h.seller();
    await h.sentInvoice(seller.user);
    expect(await checklistFacts(h.db, seller.user.id)).toEqual({ hasCustomer: true, hasSentInvoice: true });
    expect(await checklistFacts(h.db, other.id)).toEqual({ hasCustomer: false, hasSentInvoice: false });

    signInAs(null);
    expect((await dismissChecklistAction({})).ok).toBe(false);
    signInAs(user.id);
    expect((await dismissChecklistAction({})).ok).toBe(true);
    expect((await getUserById(h.db, user.id))?.checklistDismissedAt).toBeInstanceOf(Date);
    expect((await getUserById(h.db, other.id))?.checklistDismissedAt).toBeNull();
  });
});
