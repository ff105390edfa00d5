import { describe, expect, it } from "vitest";
import { refundPaymentAction, retryRefundAction } from "@/app/(dashboard)/payments/actions";
import { getInvoice } from "@/db/queries/invoices";
import { listRefundsOfPayment } from "@/db/queries/refunds";
import { getUserById } from "@/db/queries/users";
import { displayStatus } from "@/lib/invoices/status";
import { historyActions, type PaidInvoice, refundState } from "../support/fixtures";
import { integrationHarness } from "../support/harness";
import { signInAs } from "../support/session";

const h = integrationHarness();

function refund(paid: PaidInvoice, amount: string, extra: { reason?: string; note?: string } = {}) {
  signInAs(paid.user.id);
  return refundPaymentAction({
    paymentId: paid.payment.id,
    amount,
    reason: extra.reason ?? "requested_by_customer",
    note: extra.note,
  });
}

async function stripeRefunds(paid: PaidInvoice) {
  const list = await h.stripe.refunds.list(
    { payment_intent: paid.paymentIntentId, limit: 100 },
    { stripeAccount: paid.accountId },
  );
  return list.data;
}

async function invoiceDisplay(paid: PaidInvoice) {
  const invoice = await getInvoice(h.db, { userId: paid.user.id, invoiceId: paid.invoiceId });
  if (!invoice) throw new Error("invoice vanished");
  return displayStatus(invoice);
}

describe("refunding a payment", () => {
  it("refunds part, then the rest, and the invoice reads refunded", async () => {
    const paid = await h.paidInvoice();
    const first = await refund(paid, "20.00", { note: "Late delivery" });
    expect(first).toMatchObject({ ok: true, data: { status: "succeeded", message: "Refunded £20.00." } });
    expect(await refundState(h.db, paid)).toMatchObject({
      status: "paid",
      paidMinor: 12_000,
      refundedMinor: 2_000,
    });
    expect(await invoiceDisplay(paid)).toBe("partially_refunded");

    const rest = await refund(paid, "100.00");
    expect(rest).toMatchObject({ ok: true, data: { status: "succeeded" } });
    const state = await refundState(h.db, paid);
    expect(state).toMatchObject({ status: "paid", refundedMinor: 12_000 });
    expect(state.refunds.map((r) => [r.amountMinor, r.status, r.origin])).toEqual(
      expect.arrayContaining([
        [2_000, "succeeded", "app"],
        [10_000, "succeeded", "app"],
      ]),
    );
    expect(await invoiceDisplay(paid)).toBe("refunded");

    const onStripe = await stripeRefunds(paid);
    expect(onStripe.map((r) => r.amount).sort()).toEqual([10_000, 2_000].sort());
    const ours = await listRefundsOfPayment(h.db, { userId: paid.user.id, paymentId: paid.payment.id });
    for (const r of onStripe) {
      const row = ours.find((o) => o.stripeRefundId === r.id);
      expect(r.metadata).toMatchObject({ refund_id: row?.id, invoice_id: paid.invoiceId });
      expect(r.reason).toBe("requested_by_customer");
    }
    expect(ours.find((o) => o.amountMinor === 2_000)?.note).toBe("Late delivery");

    const actions = await historyActions(h.db, paid);
    expect(actions.filter((a) => a === "refund.requested")).toHaveLength(2);
    expect(actions.filter((a) => a === "refund.succeeded")).toHaveLength(2);
  });

  it("refuses more than is left, bad amounts and reasons, and nothing reaches Stripe", async () => {
    const paid = await h.paidInvoice();
    expect(await refund(paid, "120.01")).toMatchObject({
      ok: false,
      error: {
        code: "validation",
        fieldErrors: { amount: ["You can refund at most £120.00 of this payment."] },
      },
    });
    expect(await refund(paid, "0")).toMatchObject({ ok: false, error: { code: "validation" } });
    expect(await refund(paid, "1.234")).toMatchObject({ ok: false, error: { code: "validation" } });
    expect(await refund(paid, "10.00", { reason: "changed_my_mind" })).toMatchObject({
      ok: false,
      error: { code: "validation", fieldErrors: { reason: expect.any(Array) } },
    });
    expect(await refund(paid, "120.00")).toMatchObject({ ok: true });
    expect(await refund(paid, "0.01")).toMatchObject({
      ok: false,
      error: { fieldErrors: { amount: ["Nothing is left to refund on this payment."] } },
    });
    expect(await stripeRefunds(paid)).toHaveLength(1);
  });

  it("never refunds more than was paid under 50 concurrent requests", async () => {
    const paid = await h.paidInvoice();
    signInAs(paid.user.id);
    // 50 × £7.00 = £350.00 asked for against £120.00 paid: at most 17 can succeed.
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        refundPaymentAction({ paymentId: paid.payment.id, amount: "7.00", reason: "duplicate" }),
      ),
    );
    const succeeded = results.filter((r) => r.ok);
    expect(succeeded).toHaveLength(17);
    for (const r of results) if (!r.ok) expect(r.error.code).toBe("validation");
    const state = await refundState(h.db, paid);
    expect(state.refundedMinor).toBe(17 * 700);
    expect(state.refunds.every((r) => r.status === "succeeded")).toBe(true);
    const onStripe = await stripeRefunds(paid);
    expect(onStripe.reduce((sum, r) => sum + r.amount, 0)).toBe(17 * 700);
  });

  it("shows a pending refund plainly, and counts it against what is left", async () => {
    const paid = await h.paidInvoice({ paymentMethod: "pm_card_pendingRefund" });
    const pending = await refund(paid, "50.00");
    expect(pending).toMatchObject({
      ok: true,
      data: { status: "pending", message: expect.stringContaining("waits for funds in your Stripe balance") },
    });
    expect(await refundState(h.db, paid)).toMatchObject({ refundedMinor: 0 });
    expect(await refund(paid, "70.01")).toMatchObject({ ok: false, error: { code: "validation" } });
    expect(await refund(paid, "70.00")).toMatchObject({ ok: true });
  });

  it("gives another User not-found, and a signed-out caller unauthorized", async () => {
    const paid = await h.paidInvoice();
    const other = await h.seller();
    signInAs(other.user.id);
    const attempt = await refundPaymentAction({
      paymentId: paid.payment.id,
      amount: "10.00",
      reason: "requested_by_customer",
    });
    expect(attempt).toMatchObject({ ok: false, error: { code: "not_found" } });
    signInAs(null);
    expect(
      await refundPaymentAction({ paymentId: paid.payment.id, amount: "10.00", reason: "duplicate" }),
    ).toMatchObject({ ok: false, error: { code: "unauthorized" } });
    expect(await stripeRefunds(paid)).toHaveLength(0);
    expect(await refundState(h.db, paid)).toMatchObject({ refunds: [] });
  });
});

describe("when Stripe says no or cannot be reached", () => {
  it("marks the refund not made when Stripe already refunded the payment", async () => {
    const paid = await h.paidInvoice();
    // A dashboard refund whose webhook never arrived: our database still thinks £120 is refundable.
    await h.emulator.control.dashboardRefund(paid.accountId, { payment_intent: paid.paymentIntentId });
    const result = await refund(paid, "10.00");
    expect(result).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining("already been refunded in full") },
    });
    const state = await refundState(h.db, paid);
    // Our request is errored; Stripe's own refund was brought in while answering.
    expect(state.refunds.map((r) => [r.amountMinor, r.status, r.origin])).toEqual(
      expect.arrayContaining([
        [1_000, "errored", "app"],
        [12_000, "succeeded", "stripe"],
      ]),
    );
    expect(state.refundedMinor).toBe(12_000);
  });

  it("marks the refund not made and the User disconnected when access was revoked", async () => {
    const paid = await h.paidInvoice();
    await h.emulator.control.deauthorizeAccount(paid.accountId);
    const result = await refund(paid, "10.00");
    expect(result).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining("no longer connected to SixthDesk") },
    });
    expect((await refundState(h.db, paid)).refunds).toEqual([
      expect.objectContaining({ status: "errored", stripeRefundId: null }),
    ]);
    expect((await getUserById(h.db, paid.user.id))?.stripeConnectionStatus).toBe("disconnected");
    // Now that we know, the form refuses before anything is written.
    expect(await refund(paid, "10.00")).toMatchObject({ ok: false, error: { code: "conflict" } });
  });

  it("keeps the amount reserved after a network failure, and a retry refunds exactly once", async () => {
    const paid = await h.paidInvoice();
    const failed = await h.whileStripeUnreachable(() => refund(paid, "30.00"));
    expect(failed).toMatchObject({
      ok: false,
      error: { code: "stripe_error", message: expect.stringMatching(/Retry/) },
    });
    const [row] = (await refundState(h.db, paid)).refunds;
    expect(row).toMatchObject({ status: "creating", amountMinor: 3_000 });
    expect(await refund(paid, "90.01")).toMatchObject({ ok: false, error: { code: "validation" } });

    const ours = await listRefundsOfPayment(h.db, { userId: paid.user.id, paymentId: paid.payment.id });
    const refundId = ours[0]?.id ?? "";
    signInAs(paid.user.id);
    expect(await retryRefundAction({ refundId })).toMatchObject({ ok: true, data: { status: "succeeded" } });
    expect(await retryRefundAction({ refundId })).toMatchObject({ ok: true, data: { status: "succeeded" } });
    expect(await stripeRefunds(paid)).toHaveLength(1);
    expect(await refundState(h.db, paid)).toMatchObject({ refundedMinor: 3_000 });

    const other = await h.seller();
    signInAs(other.user.id);
    expect(await retryRefundAction({ refundId })).toMatchObject({ ok: false, error: { code: "not_found" } });
  });

  it("adopts the refund Stripe made when only its answer was lost, without refunding twice", async () => {
    const paid = await h.paidInvoice();
    await h.whileStripeUnreachable(async () => {
      expect(await refund(paid, "40.00")).toMatchObject({ ok: false, error: { code: "stripe_error" } });
    });
    const [row] = await listRefundsOfPayment(h.db, { userId: paid.user.id, paymentId: paid.payment.id });
    if (!row) throw new Error("no refund row");
    // As if the first request had reached Stripe and only the response was lost on the way back.
    await h.stripe.refunds.create(
      {
        payment_intent: paid.paymentIntentId,
        amount: 4_000,
        reason: "requested_by_customer",
        metadata: { refund_id: row.id, invoice_id: paid.invoiceId, payment_id: paid.payment.id },
      },
      { stripeAccount: paid.accountId, idempotencyKey: `refund:${row.id}` },
    );
    signInAs(paid.user.id);
    expect(await retryRefundAction({ refundId: row.id })).toMatchObject({
      ok: true,
      data: { status: "succeeded" },
    });
    expect(await stripeRefunds(paid)).toHaveLength(1);
    expect(await refundState(h.db, paid)).toMatchObject({
      refundedMinor: 4_000,
      refunds: [expect.objectContaining({ status: "succeeded", origin: "app" })],
    });
  });
});
