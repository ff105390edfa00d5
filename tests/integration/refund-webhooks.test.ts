import { eq } from "drizzle-orm";
import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { refundPaymentAction } from "@/app/(dashboard)/payments/actions";
import { listRefundsOfPayment } from "@/db/queries/refunds";
import { refunds, stripeEvents } from "@/db/schema";
import { refundFigures } from "@/lib/refunds/figures";
import { applyStripeRefund } from "@/lib/stripe/sync/refund";
import {
  accountEvents,
  historyActions,
  type PaidInvoice,
  REFUND_EVENT_TYPES,
  refundState,
} from "../support/fixtures";
import { integrationHarness } from "../support/harness";
import { signInAs } from "../support/session";
import { deliverAndApply } from "../support/webhooks";

// Tests that want Stripe to deliver to the real route (like `stripe listen --forward-connect-to`) call
// h.listen(); the others deliver events themselves, in the order they choose.
const h = integrationHarness({ webhooks: "on-demand" });

async function refund(paid: PaidInvoice, amount: string) {
  signInAs(paid.user.id);
  return refundPaymentAction({ paymentId: paid.payment.id, amount, reason: "requested_by_customer" });
}

async function figures(paid: PaidInvoice) {
  const rows = await listRefundsOfPayment(h.db, { userId: paid.user.id, paymentId: paid.payment.id });
  return refundFigures(paid.payment, rows);
}

/** The state to compare across delivery orders, without ids that differ between sellers. */
async function comparable(paid: PaidInvoice) {
  const { refunds: rows, ...sums } = await refundState(h.db, paid);
  const history = (await historyActions(h.db, paid)).filter((a) => a.startsWith("refund."));
  return {
    ...sums,
    refunds: rows
      .map(({ stripeRefundId: _id, ...rest }) => rest)
      .sort((a, b) => a.amountMinor - b.amountMinor),
    history: history.sort(),
  };
}

describe("refunds made in the Stripe dashboard", () => {
  it("appear on the invoice once the webhook arrives", async () => {
    await h.listen();
    const paid = await h.paidInvoice();
    const made = await h.emulator.control.dashboardRefund(paid.accountId, {
      payment_intent: paid.paymentIntentId,
      amount: 3_000,
      reason: "duplicate",
    });
    await h.emulator.control.waitForDeliveries(10_000);
    expect(await refundState(h.db, paid)).toMatchObject({
      status: "paid",
      refundedMinor: 3_000,
      refunds: [{ amountMinor: 3_000, status: "succeeded", origin: "stripe", stripeRefundId: made.id }],
    });
    const actions = await historyActions(h.db, paid);
    expect(actions.filter((a) => a === "refund.created")).toHaveLength(1);
    expect(actions.filter((a) => a === "refund.succeeded")).toHaveLength(1);
    expect(await figures(paid)).toMatchObject({ refundedMinor: 3_000, refundableMinor: 9_000 });
  });
});

describe("order and repetition", () => {
  /** Two dashboard refunds that settle later (pending → succeeded; succeeded → failed), events held back. */
  async function scenario() {
    const pending = await h.paidInvoice({ paymentMethod: "pm_card_pendingRefund" });
    const failing = await h.paidInvoice({ paymentMethod: "pm_card_refundFail" });
    for (const [paid, amount] of [
      [pending, 5_000],
      [pending, 2_000],
      [failing, 4_000],
    ] as const) {
      await h.emulator.control.dashboardRefund(paid.accountId, {
        payment_intent: paid.paymentIntentId,
        amount,
      });
    }
    await h.emulator.control.settle();
    const events = [
      ...(await accountEvents(h.emulator, pending.accountId, REFUND_EVENT_TYPES)),
      ...(await accountEvents(h.emulator, failing.accountId, REFUND_EVENT_TYPES)),
    ];
    return { pending, failing, events };
  }

  async function deliverAll(events: Stripe.Event[]) {
    for (const event of events) expect((await deliverAndApply(event)).status).toBe(200);
  }

  it("ends in the same state in order, reversed, and delivered twice", async () => {
    const inOrder = await scenario();
    expect(inOrder.events.length).toBeGreaterThanOrEqual(9);
    await deliverAll(inOrder.events);

    const reversed = await scenario();
    await deliverAll([...reversed.events].reverse());
    await deliverAll([...reversed.events].reverse());

    const twice = await scenario();
    await Promise.all(twice.events.map((e) => deliverAndApply(e)));
    await deliverAll(twice.events);

    const expected = {
      pending: await comparable(inOrder.pending),
      failing: await comparable(inOrder.failing),
    };
    expect(expected.pending).toMatchObject({
      refundedMinor: 7_000,
      refunds: [
        { amountMinor: 2_000, status: "succeeded", origin: "stripe" },
        { amountMinor: 5_000, status: "succeeded", origin: "stripe" },
      ],
    });
    expect(expected.failing).toMatchObject({
      refundedMinor: 0,
      refunds: [{ amountMinor: 4_000, status: "failed", origin: "stripe" }],
    });
    for (const run of [reversed, twice]) {
      expect(await comparable(run.pending)).toEqual(expected.pending);
      expect(await comparable(run.failing)).toEqual(expected.failing);
    }
  });

  it("never lets a stale copy move a refund back", async () => {
    const paid = await h.paidInvoice({ paymentMethod: "pm_card_pendingRefund" });
    await refund(paid, "10.00");
    const [created] = await accountEvents(h.emulator, paid.accountId, ["refund.created"]);
    const stale = created?.data.object as Stripe.Refund;
    expect(stale.status).toBe("pending");
    await h.emulator.control.settle();
    const fresh = await h.stripe.refunds.retrieve(stale.id, {}, { stripeAccount: paid.accountId });
    expect(
      await applyStripeRefund(h.db, { refund: fresh, accountId: paid.accountId, source: "webhook" }),
    ).toMatchObject({ kind: "updated", refund: { status: "succeeded" } });
    expect(
      await applyStripeRefund(h.db, { refund: stale, accountId: paid.accountId, source: "webhook" }),
    ).toMatchObject({ kind: "unchanged", refund: { status: "succeeded" } });
    expect(await refundState(h.db, paid)).toMatchObject({ refundedMinor: 1_000 });
  });

  it("settles our own refund from refund.created when Stripe's answer never came back", async () => {
    const paid = await h.paidInvoice();
    await h.whileStripeUnreachable(async () => {
      expect(await refund(paid, "25.00")).toMatchObject({ ok: false, error: { code: "stripe_error" } });
    });
    const [row] = await listRefundsOfPayment(h.db, { userId: paid.user.id, paymentId: paid.payment.id });
    if (!row) throw new Error("no refund row");
    await h.stripe.refunds.create(
      { payment_intent: paid.paymentIntentId, amount: 2_500, metadata: { refund_id: row.id } },
      { stripeAccount: paid.accountId, idempotencyKey: `refund:${row.id}` },
    );
    for (const event of await accountEvents(h.emulator, paid.accountId, ["refund.created"])) {
      await deliverAndApply(event);
    }
    expect(await refundState(h.db, paid)).toMatchObject({
      refundedMinor: 2_500,
      refunds: [{ amountMinor: 2_500, status: "succeeded", origin: "app" }],
    });
  });
});

describe("refunds that settle later", () => {
  it("gives a failed refund's amount back to what can be refunded (card 5126)", async () => {
    await h.listen();
    const paid = await h.paidInvoice({ paymentMethod: "pm_card_refundFail" });
    expect(await refund(paid, "30.00")).toMatchObject({ ok: true, data: { status: "succeeded" } });
    expect(await figures(paid)).toMatchObject({ refundedMinor: 3_000, refundableMinor: 9_000 });
    await h.emulator.control.settle();
    await h.emulator.control.waitForDeliveries(10_000);
    const state = await refundState(h.db, paid);
    expect(state).toMatchObject({
      refundedMinor: 0,
      refunds: [{ amountMinor: 3_000, status: "failed" }],
    });
    const [row] = await listRefundsOfPayment(h.db, { userId: paid.user.id, paymentId: paid.payment.id });
    expect(row?.failureReason).toBe("expired_or_canceled_card");
    expect(await figures(paid)).toMatchObject({ refundedMinor: 0, pendingMinor: 0, refundableMinor: 12_000 });
    expect(await historyActions(h.db, paid)).toContain("refund.failed");
    expect(await refund(paid, "120.00")).toMatchObject({ ok: true });
  });

  it("moves a pending refund to succeeded when the funds arrive (card 7726)", async () => {
    await h.listen();
    const paid = await h.paidInvoice({ paymentMethod: "pm_card_pendingRefund" });
    expect(await refund(paid, "120.00")).toMatchObject({ ok: true, data: { status: "pending" } });
    expect(await figures(paid)).toMatchObject({ refundedMinor: 0, pendingMinor: 12_000, refundableMinor: 0 });
    await h.emulator.control.settle();
    await h.emulator.control.waitForDeliveries(10_000);
    expect(await refundState(h.db, paid)).toMatchObject({
      status: "paid",
      refundedMinor: 12_000,
      refunds: [{ status: "succeeded" }],
    });
    const actions = await historyActions(h.db, paid);
    expect(actions.filter((a) => a === "refund.pending")).toHaveLength(1);
    expect(actions.filter((a) => a === "refund.succeeded")).toHaveLength(1);
  });
});

describe("events that change nothing", () => {
  it("stores and acknowledges refund events for accounts no User owns", async () => {
    const paid = await h.paidInvoice();
    await h.emulator.control.dashboardRefund(paid.accountId, { payment_intent: paid.paymentIntentId });
    const [event] = await accountEvents(h.emulator, paid.accountId, ["refund.created"]);
    if (!event) throw new Error("no event");
    const stranger = await h.emulator.control.createAccount({ connected: true });
    const foreign = { ...event, id: `${event.id}_foreign`, account: stranger.id };
    const response = await deliverAndApply(foreign);
    expect(response.status).toBe(200);
    const [stored] = await h.db.select().from(stripeEvents).where(eq(stripeEvents.id, foreign.id));
    expect(stored).toMatchObject({ account: stranger.id, processedAt: expect.any(Date) });
    const rows = await h.db.select().from(refunds).where(eq(refunds.paymentId, paid.payment.id));
    expect(rows).toEqual([]);
  });
});
