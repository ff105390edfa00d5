import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { refundPaymentAction, retryRefundAction } from "@/app/(dashboard)/payments/actions";
import { refundStatusLabel } from "@/components/status/status-labels";
import { listDisputesOfInvoice } from "@/db/queries/disputes";
import { listRefundsOfPayment } from "@/db/queries/refunds";
import { stripeEvents } from "@/db/schema";
import { drainStripeEvents } from "@/lib/stripe/webhooks/worker";
import { type PaidInvoice, refundState } from "../support/fixtures";
import { integrationHarness } from "../support/harness";
import { signInAs } from "../support/session";

// The app against a Stripe that fails the way Stripe can (injected through the emulator's control API):
// a 500 before or after the refund is made, a 429, and values this API version does not have.

const h = integrationHarness({ webhooks: "file" });

function refund(paid: PaidInvoice, amount: string) {
  signInAs(paid.user.id);
  return refundPaymentAction({ paymentId: paid.payment.id, amount, reason: "requested_by_customer" });
}

async function stripeRefunds(paid: PaidInvoice) {
  const list = await h.stripe.refunds.list(
    { payment_intent: paid.paymentIntentId, limit: 100 },
    { stripeAccount: paid.accountId },
  );
  return list.data;
}

async function ourOnlyRefund(paid: PaidInvoice) {
  const rows = await listRefundsOfPayment(h.db, { userId: paid.user.id, paymentId: paid.payment.id });
  expect(rows).toHaveLength(1);
  const [row] = rows;
  if (!row) throw new Error("no refund row");
  return row;
}

async function settleWebhooks() {
  await h.emulator.control.waitForDeliveries(10_000);
  await drainStripeEvents(h.db);
}

async function unprocessedEvents() {
  const rows = await h.db.select().from(stripeEvents);
  return rows.filter((r) => !r.processedAt).map((r) => ({ id: r.id, type: r.type, lastError: r.lastError }));
}

describe("refunds when Stripe answers 500", () => {
  it("500 before the refund is made: Retry finds nothing on Stripe and sends with a new key, once", async () => {
    const paid = await h.paidInvoice();
    await h.emulator.control.addFault({ kind: "api_error", method: "POST", path: "/v1/refunds", count: 1 });
    const failed = await refund(paid, "30.00");
    expect(failed).toMatchObject({
      ok: false,
      error: { code: "stripe_error", message: expect.stringMatching(/Stripe had an error.*Retry/) },
    });
    const row = await ourOnlyRefund(paid);
    expect(row).toMatchObject({ status: "creating", amountMinor: 3_000, idempotencyAttempt: 1 });
    expect(await stripeRefunds(paid)).toHaveLength(0);

    signInAs(paid.user.id);
    // Two clicks at once: both look Stripe up, both use the same new key: one refund.
    const [a, b] = await Promise.all([
      retryRefundAction({ refundId: row.id }),
      retryRefundAction({ refundId: row.id }),
    ]);
    expect([a, b].filter((r) => r.ok)).not.toHaveLength(0);
    expect(await retryRefundAction({ refundId: row.id })).toMatchObject({
      ok: true,
      data: { status: "succeeded" },
    });
    const made = await stripeRefunds(paid);
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({ amount: 3_000, metadata: { refund_id: row.id } });
    expect(await refundState(h.db, paid)).toMatchObject({ refundedMinor: 3_000 });
    await settleWebhooks();
    expect(await refundState(h.db, paid)).toMatchObject({ refundedMinor: 3_000 });
  });

  it("500 after the refund was made: Retry adopts Stripe's refund and never sends another", async () => {
    const paid = await h.paidInvoice();
    await h.emulator.control.addFault({
      kind: "api_error",
      when: "after",
      method: "POST",
      path: "/v1/refunds",
      count: 1,
    });
    expect(await refund(paid, "25.00")).toMatchObject({ ok: false, error: { code: "stripe_error" } });
    expect(await stripeRefunds(paid)).toHaveLength(1);
    const row = await ourOnlyRefund(paid);
    // While we wait, the amount stays reserved: nothing more than what is left can be asked.
    expect(await refund(paid, "95.01")).toMatchObject({ ok: false, error: { code: "validation" } });
    signInAs(paid.user.id);
    expect(await retryRefundAction({ refundId: row.id })).toMatchObject({
      ok: true,
      data: { status: "succeeded" },
    });
    expect(await stripeRefunds(paid)).toHaveLength(1);
    expect(await refundState(h.db, paid)).toMatchObject({
      refundedMinor: 2_500,
      refunds: [expect.objectContaining({ status: "succeeded", origin: "app" })],
    });
  });

  it("429: the person is told Stripe is busy; Retry with the same key refunds once", async () => {
    const paid = await h.paidInvoice();
    await h.emulator.control.addFault({ kind: "rate_limit", method: "POST", path: "/v1/refunds", count: 1 });
    expect(await refund(paid, "10.00")).toMatchObject({
      ok: false,
      error: { code: "stripe_error", message: expect.stringMatching(/busy/) },
    });
    const row = await ourOnlyRefund(paid);
    expect(row.idempotencyAttempt).toBe(0);
    signInAs(paid.user.id);
    expect(await retryRefundAction({ refundId: row.id })).toMatchObject({
      ok: true,
      data: { status: "succeeded" },
    });
    expect(await stripeRefunds(paid)).toHaveLength(1);
  });
});

describe("values Stripe may add later settle instead of wedging", () => {
  it("a dispute status this API version lacks is recorded as unknown, the event settles, a known one follows", async () => {
    const paid = await h.paidInvoice({ paymentMethod: "pm_card_createDispute" });
    await h.emulator.control.settle();
    await settleWebhooks();
    const [dispute] = await listDisputesOfInvoice(h.db, { userId: paid.user.id, invoiceId: paid.invoiceId });
    if (!dispute) throw new Error("no dispute");
    expect(dispute).toMatchObject({ status: "needs_response", fundsWithdrawnMinor: 12_000 + 1_500 });

    await h.emulator.control.forceDisputeStatus(dispute.stripeDisputeId, "appeal_reopened");
    await settleWebhooks();
    expect(await unprocessedEvents()).toEqual([]);
    const [odd] = await listDisputesOfInvoice(h.db, { userId: paid.user.id, invoiceId: paid.invoiceId });
    expect(odd).toMatchObject({ status: "unknown", unknownStripeStatus: "appeal_reopened" });

    await h.emulator.control.forceDisputeStatus(dispute.stripeDisputeId, "under_review");
    await settleWebhooks();
    const [known] = await listDisputesOfInvoice(h.db, { userId: paid.user.id, invoiceId: paid.invoiceId });
    expect(known).toMatchObject({ status: "under_review", unknownStripeStatus: null });
  });

  it("a refund with status null is recorded as unknown (its amount held), shown with Stripe's word, and settles", async () => {
    const paid = await h.paidInvoice();
    expect(await refund(paid, "12.00")).toMatchObject({ ok: true });
    const row = await ourOnlyRefund(paid);
    await settleWebhooks();
    await h.emulator.control.forceRefundStatus(row.stripeRefundId ?? "", null);
    await h.emulator.control.forceRefundStatus(row.stripeRefundId ?? "", "reversed");
    await settleWebhooks();
    expect(await unprocessedEvents()).toEqual([]);
    const odd = await ourOnlyRefund(paid);
    // succeeded does not move back to unknown (forward only): the row keeps what it knew.
    expect(odd.status).toBe("succeeded");

    const second = await h.paidInvoice();
    await h.emulator.control.addFault({ kind: "api_error", method: "POST", path: "/v1/refunds", count: 1 });
    await refund(second, "5.00");
    const pending = await ourOnlyRefund(second);
    // Made on Stripe meanwhile (say, by the retry of another process), then reported with a null status.
    const made = await h.stripe.refunds.create(
      { payment_intent: second.paymentIntentId, amount: 500, metadata: { refund_id: pending.id } },
      { stripeAccount: second.accountId },
    );
    await h.emulator.control.forceRefundStatus(made.id, null);
    await settleWebhooks();
    expect(await unprocessedEvents()).toEqual([]);
    const unknown = await ourOnlyRefund(second);
    expect(unknown).toMatchObject({
      status: "unknown",
      unknownStripeStatus: "null",
      stripeRefundId: made.id,
    });
    expect(refundStatusLabel(unknown.status, unknown.unknownStripeStatus).label).toBe("unknown (null)");
    // Its amount stays reserved: only 115.00 of 120.00 can still be asked for.
    expect(await refund(second, "115.01")).toMatchObject({ ok: false, error: { code: "validation" } });
    await h.emulator.control.forceRefundStatus(made.id, "succeeded");
    await settleWebhooks();
    expect(await ourOnlyRefund(second)).toMatchObject({ status: "succeeded", unknownStripeStatus: null });
    expect(await refundState(h.db, second)).toMatchObject({ refundedMinor: 500 });
    const rows = await h.db.select().from(stripeEvents).where(eq(stripeEvents.account, second.accountId));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.filter((r) => !r.processedAt)).toEqual([]);
  });
});
