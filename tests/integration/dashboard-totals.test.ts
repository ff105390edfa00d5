import { and, asc, count, eq, inArray, or, sql, TransactionRollbackError } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getInvoice, type OutstandingTotal, sumOutstanding } from "@/db/queries/invoices";
import { listPaymentsOfInvoice } from "@/db/queries/payments";
import { findUserByEmailForSignIn } from "@/db/queries/users";
import { invoices, outstandingTotals, users } from "@/db/schema";
import type { InvoiceValues } from "@/lib/invoices/schema";
import { createInvoice, sendInvoice, updateInvoice, voidInvoice } from "@/lib/invoices/service";
import { completeReturn } from "@/lib/payments/return-page";
import { reconcileUser } from "@/lib/reconcile/run";
import { requestRefund } from "@/lib/refunds/request";
import { DEMO_EMAIL, seedDemo } from "@/lib/seed/demo";
import { addCustomer, oneLineInvoice, payOnStripe as pay, type Seller } from "../support/fixtures";
import { integrationHarness } from "../support/harness";

// outstanding_totals is kept by triggers (migration 0005). After every step these tests compare it with
// the sum it replaces, computed from the invoices themselves: per currency as sumOutstanding returns it,
// and per stored row (User, currency, slot), so a slot that drifted cannot hide behind another.

const h = integrationHarness();

const OUTSTANDING = sql`${invoices.status} in ('open', 'partially_paid')`;
const slotOf = sql<number>`outstanding_slot(${invoices.id})`.mapWith(Number);

/** What sumOutstanding returned before the totals table: a sum over the User's invoices. */
function summedFromInvoices(userId: string): Promise<OutstandingTotal[]> {
  return h.db
    .select({
      currency: invoices.currency,
      dueMinor: sql<number>`sum(${invoices.totalMinor} - ${invoices.paidMinor})`.mapWith(Number),
      count: count(),
    })
    .from(invoices)
    .where(and(eq(invoices.userId, userId), OUTSTANDING))
    .groupBy(invoices.currency)
    .orderBy(asc(invoices.currency));
}

async function storedAndSummedSlots(userIds: string[]) {
  const stored = await h.db
    .select()
    .from(outstandingTotals)
    .where(
      and(
        inArray(outstandingTotals.userId, userIds),
        or(sql`${outstandingTotals.invoiceCount} <> 0`, sql`${outstandingTotals.dueMinor} <> 0`),
      ),
    )
    .orderBy(asc(outstandingTotals.userId), asc(outstandingTotals.currency), asc(outstandingTotals.slot));
  const summed = await h.db
    .select({
      userId: invoices.userId,
      currency: invoices.currency,
      slot: slotOf,
      dueMinor: sql<number>`sum(${invoices.totalMinor} - ${invoices.paidMinor})`.mapWith(Number),
      invoiceCount: count(),
    })
    .from(invoices)
    .where(and(inArray(invoices.userId, userIds), OUTSTANDING))
    .groupBy(invoices.userId, invoices.currency, slotOf)
    .orderBy(asc(invoices.userId), asc(invoices.currency), asc(slotOf));
  return { stored, summed };
}

/** The dashboard's totals equal the invoices' sums, for each User and for each stored row. */
async function expectInStep(...userIds: string[]) {
  for (const userId of userIds) {
    expect(await sumOutstanding(h.db, userId)).toEqual(await summedFromInvoices(userId));
  }
  const { stored, summed } = await storedAndSummedSlots(userIds);
  expect(stored).toEqual(summed);
}

function invoiceValues(
  customerId: string,
  currency: string,
  unitAmountMinor: number,
  extra: Partial<InvoiceValues> = {},
): InvoiceValues {
  return oneLineInvoice(customerId, { currency, unitAmountMinor }, extra);
}

async function customerOf(userId: string) {
  return (await addCustomer(h.db, userId)).id;
}

async function sent(userId: string, values: InvoiceValues): Promise<string> {
  const invoice = await createInvoice(h.db, { userId }, values);
  await sendInvoice(h.db, { userId, invoiceId: invoice.id });
  return invoice.id;
}

/** The Customer pays (`amount`, or all that is due) on Stripe; returns the PaymentIntent's id. */
async function payOnStripe(seller: Seller, invoiceId: string, amount?: string) {
  const invoice = await getInvoice(h.db, { userId: seller.user.id, invoiceId });
  const token = invoice?.payToken ?? "";
  const paymentIntentId = await pay(h.db, h.emulator, { token, accountId: seller.accountId, amount });
  return { token, paymentIntentId };
}

async function refund(seller: Seller, invoiceId: string, paymentIntentId: string, amount: string) {
  const payments = await listPaymentsOfInvoice(h.db, { userId: seller.user.id, invoiceId });
  const payment = payments.find((p) => p.stripePaymentIntentId === paymentIntentId);
  if (!payment) throw new Error("payment not recorded");
  const input = { paymentId: payment.id, amount, reason: "requested_by_customer" as const, note: null };
  const outcome = await requestRefund(h.db, { user: seller.user, input });
  expect(outcome.refund.status).toBe("succeeded");
}

describe("the dashboard's outstanding totals", () => {
  it("follow an invoice's life through the services, per currency and per User", async () => {
    const a = await h.seller();
    const b = await h.seller();
    const [aId, bId] = [a.user.id, b.user.id];
    const total = () => sumOutstanding(h.db, aId);
    const customer = await customerOf(aId);

    const first = await createInvoice(h.db, { userId: aId }, invoiceValues(customer, "gbp", 10_000));
    await expectInStep(aId, bId);
    expect(await total()).toEqual([]);
    await sendInvoice(h.db, { userId: aId, invoiceId: first.id });
    await expectInStep(aId, bId);
    expect(await total()).toEqual([{ currency: "gbp", dueMinor: 10_000, count: 1 }]);

    const edit = { userId: aId, invoiceId: first.id };
    await updateInvoice(h.db, edit, invoiceValues(customer, "gbp", 15_000));
    await expectInStep(aId, bId);
    expect(await total()).toEqual([{ currency: "gbp", dueMinor: 15_000, count: 1 }]);
    // A currency changed on an open invoice moves its amount from one total to the other.
    await updateInvoice(h.db, edit, invoiceValues(customer, "eur", 15_000));
    await expectInStep(aId, bId);
    expect(await total()).toEqual([{ currency: "eur", dueMinor: 15_000, count: 1 }]);

    const partial = { allowPartialPayments: true, partialMinimumMinor: 1_000 };
    const second = await sent(aId, invoiceValues(customer, "usd", 8_000, partial));
    const part = await payOnStripe(a, second, "30.00");
    await completeReturn(h.db, part);
    await expectInStep(aId, bId);
    expect(await total()).toEqual([
      { currency: "eur", dueMinor: 15_000, count: 1 },
      { currency: "usd", dueMinor: 5_000, count: 1 },
    ]);
    // Refunds recompute the invoice's sums but do not reopen it: what is due stays as it was.
    await refund(a, second, part.paymentIntentId, "10.00");
    await expectInStep(aId, bId);
    expect(await total()).toContainEqual({ currency: "usd", dueMinor: 5_000, count: 1 });

    // The rest is paid; only the reconcile job hears of it (the Customer never came back).
    const rest = await payOnStripe(a, second);
    await reconcileUser(h.db, a.user);
    expect((await getInvoice(h.db, { userId: aId, invoiceId: second }))?.status).toBe("paid");
    await expectInStep(aId, bId);
    expect(await total()).toEqual([{ currency: "eur", dueMinor: 15_000, count: 1 }]);
    await refund(a, second, rest.paymentIntentId, "20.00");
    await expectInStep(aId, bId);

    const yen = await sent(aId, invoiceValues(customer, "jpy", 5_000));
    await expectInStep(aId, bId);
    expect(await total()).toContainEqual({ currency: "jpy", dueMinor: 5_000, count: 1 });
    await voidInvoice(h.db, { userId: aId, invoiceId: yen });
    await expectInStep(aId, bId);

    // Another User's invoices count for them alone.
    const theirs = await customerOf(bId);
    await sent(bId, invoiceValues(theirs, "gbp", 4_200));
    await createInvoice(h.db, { userId: bId }, invoiceValues(theirs, "gbp", 9_900));
    await expectInStep(aId, bId);
    expect(await sumOutstanding(h.db, bId)).toEqual([{ currency: "gbp", dueMinor: 4_200, count: 1 }]);
    expect(await total()).toEqual([{ currency: "eur", dueMinor: 15_000, count: 1 }]);

    await voidInvoice(h.db, { userId: aId, invoiceId: first.id });
    await expectInStep(aId, bId);
    expect(await total()).toEqual([]);
  });

  it("follow the demo seed and bulk SQL, also in replica mode (as the bench seeds)", async () => {
    await seedDemo(h.db);
    const demo = await findUserByEmailForSignIn(h.db, DEMO_EMAIL);
    if (!demo) throw new Error("no demo User");
    await expectInStep(demo.id);
    expect((await sumOutstanding(h.db, demo.id)).map((t) => t.currency)).toEqual(["gbp", "jpy"]);

    const user = await h.user();
    const customer = await customerOf(user.id);
    await h.db.transaction(async (tx) => {
      // Skips foreign-key checks and ordinary triggers; the totals' triggers fire ALWAYS.
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(sql`
        insert into invoices (user_id, customer_id, sequence, number, status, currency, issue_date, due_date,
          total_minor, paid_minor)
        select ${user.id}, ${customer}, s, 'BULK-' || s,
          (array['draft', 'open', 'partially_paid', 'paid', 'void'])[1 + s % 5]::invoice_status,
          (array['gbp', 'usd', 'jpy'])[1 + s % 3], '2026-11-01', '2026-11-30', 1000 + s,
          case s % 5 when 2 then 500 when 3 then 1000 + s else 0 end
        from generate_series(1, 300) s`);
    });
    await expectInStep(user.id);
    const mine = sql`${invoices.userId} = ${user.id}`;
    await h.db.execute(sql`
      update invoices set status = 'paid', paid_minor = total_minor
      where ${mine} and status = 'partially_paid' and sequence % 2 = 0`);
    await expectInStep(user.id);
    await h.db.execute(sql`
      update invoices set total_minor = total_minor + 7, currency = 'eur'
      where ${mine} and status = 'open' and sequence % 4 = 1`);
    await expectInStep(user.id);
    await h.db.execute(sql`delete from invoices where ${mine} and sequence % 7 = 0`);
    await expectInStep(user.id);
    expect(await sumOutstanding(h.db, user.id)).toHaveLength(4);
  });

  // Rolled back at once: on PostgreSQL the test files share one database, which the TRUNCATE's lock holds
  // for those few milliseconds only.
  it("are cleared by a TRUNCATE of the invoices", async () => {
    const user = await h.user();
    await sent(user.id, invoiceValues(await customerOf(user.id), "gbp", 1_234));
    await h.db
      .transaction(async (tx) => {
        await tx.execute(sql`truncate invoices cascade`);
        expect(await tx.select().from(outstandingTotals)).toEqual([]);
        tx.rollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof TransactionRollbackError)) throw error;
      });
    expect(await sumOutstanding(h.db, user.id)).toEqual([{ currency: "gbp", dueMinor: 1_234, count: 1 }]);
  });

  it("go with a User deleted while their invoices are open, and leave other Users' as they were", async () => {
    const gone = await h.user();
    const stays = await h.user();
    const customer = await customerOf(gone.id);
    // Written as bulk SQL writes them (the bench's seeds): invoices sent through the app have audit
    // rows, which are append-only and refuse the User's deletion on their own.
    await h.db.execute(sql`
      insert into invoices (user_id, customer_id, sequence, number, status, currency, issue_date, due_date,
        total_minor, paid_minor)
      select ${gone.id}, ${customer}, s, 'GONE-' || s,
        (array['open', 'partially_paid', 'draft'])[1 + s % 3]::invoice_status,
        (array['gbp', 'usd'])[1 + s % 2], '2026-11-01', '2026-11-30', 1000 + s, case s % 3 when 1 then 500 else 0 end
      from generate_series(1, 12) s`);
    await sent(stays.id, invoiceValues(await customerOf(stays.id), "gbp", 4_000));
    await expectInStep(gone.id, stays.id);
    expect(await sumOutstanding(h.db, gone.id)).toHaveLength(2);

    // Deleting a User deletes their invoices (ON DELETE CASCADE), whose trigger must not write totals
    // rows for the User being deleted.
    await h.db.delete(users).where(eq(users.id, gone.id));
    expect(await h.db.select().from(invoices).where(eq(invoices.userId, gone.id))).toEqual([]);
    expect(await h.db.select().from(outstandingTotals).where(eq(outstandingTotals.userId, gone.id))).toEqual(
      [],
    );
    expect(await sumOutstanding(h.db, stays.id)).toEqual([{ currency: "gbp", dueMinor: 4_000, count: 1 }]);
    await expectInStep(stays.id);
  });
});

// On PGlite (one connection) the same writes run one after another; on PostgreSQL they contend.
describe("the totals under concurrent writes", () => {
  it("lose no update and deadlock nowhere while one User's invoices change at once", async () => {
    const seller = await h.seller();
    const userId = seller.user.id;
    const customer = await customerOf(userId);
    const ids: string[] = [];
    for (let i = 0; i < 48; i++) {
      ids.push(await sent(userId, invoiceValues(customer, i % 2 ? "usd" : "gbp", 1_000 + i)));
    }
    // 48 invoices over 2 currencies × 16 slots: some share a totals row, so their writers queue on it.
    const before = await storedAndSummedSlots([userId]);
    expect(before.stored.some((row) => row.invoiceCount > 1)).toBe(true);
    const [paid, voided, edited, held] = [
      ids.slice(0, 8),
      ids.slice(8, 12),
      ids.slice(12, 36),
      ids.slice(36),
    ];
    const payments = [];
    for (const invoiceId of paid) payments.push(await payOnStripe(seller, invoiceId));

    const currencies = ["eur", "gbp", "usd"];
    const results = await Promise.allSettled([
      ...payments.map((payment) => completeReturn(h.db, payment)),
      ...voided.map((invoiceId) => voidInvoice(h.db, { userId, invoiceId })),
      ...edited.map((invoiceId, i) =>
        updateInvoice(
          h.db,
          { userId, invoiceId },
          invoiceValues(customer, currencies[i % 3] ?? "gbp", 2_000 + i),
        ),
      ),
      // Currency swaps both ways at once (gbp → usd and usd → gbp), each holding its two totals rows
      // a while: taken in key order within the statement, they wait for each other but never deadlock.
      ...held.map((invoiceId) =>
        h.db.transaction(async (tx) => {
          await tx.execute(sql`select id from invoices where id = ${invoiceId} for update`);
          await tx.execute(sql`
            update invoices set total_minor = total_minor + 1,
              currency = case currency when 'gbp' then 'usd' else 'gbp' end
            where id = ${invoiceId}`);
          await tx.execute(sql`select pg_sleep(0.05)`);
        }),
      ),
    ]);
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    await expectInStep(userId);
    const statuses = await h.db
      .select({ status: invoices.status, n: count() })
      .from(invoices)
      .where(eq(invoices.userId, userId))
      .groupBy(invoices.status)
      .orderBy(asc(invoices.status));
    expect(statuses).toEqual([
      { status: "open", n: 36 },
      { status: "paid", n: 8 },
      { status: "void", n: 4 },
    ]);
  });
});
