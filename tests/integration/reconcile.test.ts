import { describe, expect, it } from "vitest";
import { syncWithStripeAction } from "@/app/(dashboard)/payments/actions";
import { getInvoice } from "@/db/queries/invoices";
import { listPaymentsOfInvoice } from "@/db/queries/payments";
import { listRefundsOfPayment } from "@/db/queries/refunds";
import { getUserById } from "@/db/queries/users";
import { reconcileAccount, STALE_CREATING_MS } from "@/lib/reconcile/account";
import { reconcileAccounts } from "@/lib/reconcile/run";
import { historyActions, payOnStripe, refundState } from "../support/fixtures";
import { integrationHarness } from "../support/harness";
import { signInAs } from "../support/session";

const h = integrationHarness({ webhooks: "file" });

describe("reconcile", () => {
  it("repairs a payment and a refund whose webhooks were dropped, and a second run changes nothing", async () => {
    const seller = await h.seller();
    const target = { userId: seller.user.id, accountId: seller.accountId };
    await h.emulator.control.setWebhookEndpointMode(h.webhookEndpointId, "drop");
    try {
      // The Customer pays and never comes back to the return page; the webhook is lost.
      const invoice = await h.sentInvoice(seller.user);
      const paymentIntentId = await payOnStripe(h.db, h.emulator, {
        token: invoice.token,
        accountId: seller.accountId,
      });
      expect((await getInvoice(h.db, { userId: seller.user.id, invoiceId: invoice.invoiceId }))?.status).toBe(
        "open",
      );
      // The User refunds part of it in the Stripe dashboard; that webhook is lost too.
      const refund = await h.emulator.control.dashboardRefund(seller.accountId, {
        payment_intent: paymentIntentId,
        amount: 2_500,
      });

      const first = await reconcileAccount(h.db, target);
      expect(first.changes).toEqual([
        expect.stringMatching(/^Payment pi_\w+ of £120\.00: now succeeded$/),
        `Refund ${refund.id} of £25.00: added (succeeded, made in Stripe)`,
      ]);
      const invoiceRow = await getInvoice(h.db, {
        userId: seller.user.id,
        invoiceId: invoice.invoiceId,
      });
      expect(invoiceRow).toMatchObject({ status: "paid", paidMinor: 12_000, refundedMinor: 2_500 });

      const second = await reconcileAccount(h.db, target);
      expect(second).toMatchObject({ changes: [], revoked: false });

      // The dropped deliveries arriving after all change nothing either.
      await h.emulator.control.setWebhookEndpointMode(h.webhookEndpointId, "deliver");
      const dropped = await h.emulator.control.listDeliveries({
        account: seller.accountId,
        status: "dropped",
      });
      expect(dropped.length).toBeGreaterThan(0);
      for (const delivery of dropped) await h.emulator.control.redeliver(delivery.id);
      await h.emulator.control.waitForDeliveries(10_000);
      const [payment] = await listPaymentsOfInvoice(h.db, {
        userId: seller.user.id,
        invoiceId: invoice.invoiceId,
      });
      const refunds = await listRefundsOfPayment(h.db, {
        userId: seller.user.id,
        paymentId: payment?.id ?? "",
      });
      expect(refunds.map((r) => [r.amountMinor, r.status, r.origin])).toEqual([
        [2_500, "succeeded", "stripe"],
      ]);
      const actions = await historyActions(h.db, { user: seller.user, invoiceId: invoice.invoiceId });
      expect(actions.filter((a) => a === "payment.succeeded")).toHaveLength(1);
      expect(actions.filter((a) => a === "refund.created")).toHaveLength(1);
    } finally {
      await h.emulator.control.setWebhookEndpointMode(h.webhookEndpointId, "deliver");
    }
  });

  it("settles a refund Stripe never received, and adopts one whose answer was lost", async () => {
    const paid = await h.paidInvoice();
    signInAs(paid.user.id);
    const { refundPaymentAction } = await import("@/app/(dashboard)/payments/actions");
    await h.whileStripeUnreachable(async () => {
      await refundPaymentAction({ paymentId: paid.payment.id, amount: "10.00", reason: "duplicate" });
      await refundPaymentAction({ paymentId: paid.payment.id, amount: "5.00", reason: "duplicate" });
    });
    const rows = await listRefundsOfPayment(h.db, { userId: paid.user.id, paymentId: paid.payment.id });
    const lost = rows.find((r) => r.amountMinor === 500);
    if (!lost) throw new Error("no refund row");
    await h.emulator.control.setWebhookEndpointMode(h.webhookEndpointId, "drop");
    try {
      await h.stripe.refunds.create(
        { payment_intent: paid.paymentIntentId, amount: 500, metadata: { refund_id: lost.id } },
        { stripeAccount: paid.accountId, idempotencyKey: `refund:${lost.id}` },
      );
    } finally {
      await h.emulator.control.setWebhookEndpointMode(h.webhookEndpointId, "deliver");
    }
    const target = { userId: paid.user.id, accountId: paid.accountId };
    // Young `creating` rows may still be in flight: the account-wide list adopts the one Stripe made only.
    const now = await reconcileAccount(h.db, target);
    expect(now.changes).toEqual([expect.stringMatching(/^Refund re_\w+ of £5\.00: creating → succeeded$/)]);
    const later = await reconcileAccount(h.db, target, {
      now: new Date(Date.now() + STALE_CREATING_MS + 1),
    });
    expect(later.changes).toEqual(["Refund of £10.00 (never reached Stripe): marked as not made"]);
    expect(await refundState(h.db, paid)).toMatchObject({
      refundedMinor: 500,
      refunds: expect.arrayContaining([
        expect.objectContaining({ amountMinor: 1_000, status: "errored" }),
        expect.objectContaining({ amountMinor: 500, status: "succeeded", origin: "app" }),
      ]),
    });
    expect(
      (await reconcileAccount(h.db, target, { now: new Date(Date.now() + STALE_CREATING_MS + 1) })).changes,
    ).toEqual([]);
  });

  it("marks an account whose access was revoked as disconnected", async () => {
    const seller = await h.seller();
    await h.emulator.control.setWebhookEndpointMode(h.webhookEndpointId, "drop");
    try {
      await h.emulator.control.deauthorizeAccount(seller.accountId);
    } finally {
      await h.emulator.control.setWebhookEndpointMode(h.webhookEndpointId, "deliver");
    }
    const results = await reconcileAccounts(h.db, { accountId: seller.accountId });
    expect(results).toEqual([
      {
        ok: true,
        report: expect.objectContaining({
          revoked: true,
          changes: ["Stripe no longer gives SixthDesk access: marked disconnected"],
        }),
      },
    ]);
    expect((await getUserById(h.db, seller.user.id))?.stripeConnectionStatus).toBe("disconnected");
  });
});

describe("Sync with Stripe", () => {
  it("repairs the signed-in User's own account and says what changed", async () => {
    const paid = await h.paidInvoice();
    const other = await h.seller();
    await h.emulator.control.setWebhookEndpointMode(h.webhookEndpointId, "drop");
    try {
      await h.emulator.control.dashboardRefund(paid.accountId, {
        payment_intent: paid.paymentIntentId,
        amount: 1_000,
      });
    } finally {
      await h.emulator.control.setWebhookEndpointMode(h.webhookEndpointId, "deliver");
    }
    signInAs(other.user.id);
    expect(await syncWithStripeAction({})).toMatchObject({ ok: true, data: { changes: [] } });
    expect(await refundState(h.db, paid)).toMatchObject({ refundedMinor: 0 });

    signInAs(paid.user.id);
    const first = await syncWithStripeAction({});
    expect(first).toMatchObject({
      ok: true,
      data: {
        changes: [expect.stringMatching(/^Refund re_\w+ of £10\.00: added \(succeeded, made in Stripe\)$/)],
      },
    });
    expect(await syncWithStripeAction({})).toMatchObject({ ok: true, data: { changes: [] } });
    expect(await refundState(h.db, paid)).toMatchObject({ refundedMinor: 1_000 });
  });
});
