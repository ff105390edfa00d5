import { describe, expect, it } from "vitest";
import { listDisputesOfInvoice } from "@/db/queries/disputes";
import { listPaymentsOfInvoice } from "@/db/queries/payments";
import { listRefundsOfInvoice } from "@/db/queries/refunds";
import { stripeEvents } from "@/db/schema";
import { drainStripeEvents } from "@/lib/stripe/webhooks/worker";
import { createSellerWithAccount, historyActions, payOnStripe, sentInvoice } from "../support/fixtures";
import { integrationHarness } from "../support/harness";

// Stripe's own deliveries (the emulator's dispatcher, to the real webhook route) with disorder on:
// shuffled within a window, half the events twice, half again a week later. The app learns of the
// payments, refunds and disputes only from these webhooks, and must end exactly where Stripe is.

const h = integrationHarness({ webhooks: "file" });
const WEEK = 7 * 24 * 3600;

async function settle() {
  await h.emulator.control.waitForDeliveries(15_000);
  await drainStripeEvents(h.db, { clock: () => new Date(Date.now() + WEEK * 1000) });
}

describe("webhooks shuffled, duplicated and a week late", () => {
  it("leave the payments, refunds and disputes exactly as Stripe has them", async () => {
    const seller = await createSellerWithAccount(h.db, h.emulator);
    const disorder = await h.emulator.control.setWebhookDisorder({
      shuffle_window_ms: 120,
      duplicate_rate: 0.5,
      late_rate: 0.5,
      seed: 2026,
    });
    expect(disorder).toMatchObject({ duplicate_rate: 0.5, late_rate: 0.5 });
    try {
      const plain = await sentInvoice(h.db, seller.user);
      const pending = await sentInvoice(h.db, seller.user);
      const disputed = await sentInvoice(h.db, seller.user);
      const plainPi = await payOnStripe(h.db, h.emulator, {
        token: plain.token,
        accountId: seller.accountId,
      });
      const pendingPi = await payOnStripe(h.db, h.emulator, {
        token: pending.token,
        accountId: seller.accountId,
        paymentMethod: "pm_card_pendingRefund",
      });
      await payOnStripe(h.db, h.emulator, {
        token: disputed.token,
        accountId: seller.accountId,
        paymentMethod: "pm_card_createDispute",
      });
      // Refunds made in the Stripe dashboard: the app hears of them only through webhooks.
      await h.emulator.control.dashboardRefund(seller.accountId, { payment_intent: plainPi, amount: 2_000 });
      await h.emulator.control.dashboardRefund(seller.accountId, { payment_intent: plainPi, amount: 3_000 });
      await h.emulator.control.dashboardRefund(seller.accountId, {
        payment_intent: pendingPi,
        amount: 4_000,
      });
      await h.emulator.control.settle();
      const [dispute] = (await h.stripe.disputes.list({}, { stripeAccount: seller.accountId })).data;
      if (!dispute) throw new Error("no dispute");
      await h.emulator.control.closeDispute(dispute.id, "won");
      await settle();

      // A week later Stripe sends the held copies again, shuffled.
      await h.emulator.control.advance(WEEK);
      const { released } = await h.emulator.control.releaseLateDeliveries();
      expect(released).toBeGreaterThan(0);
      await settle();

      const deliveries = await h.emulator.control.listDeliveries({ account: seller.accountId });
      expect(deliveries.some((d) => d.kind === "duplicate")).toBe(true);
      expect(deliveries.some((d) => d.kind === "late" && d.status === "succeeded")).toBe(true);
      expect((await h.db.select().from(stripeEvents)).filter((e) => !e.processedAt)).toEqual([]);

      for (const invoice of [plain, pending, disputed]) {
        const payments = await listPaymentsOfInvoice(h.db, {
          userId: seller.user.id,
          invoiceId: invoice.invoiceId,
        });
        expect(payments.map((p) => p.status)).toEqual(["succeeded"]);
      }
      const refundsOf = async (invoiceId: string) =>
        (await listRefundsOfInvoice(h.db, { userId: seller.user.id, invoiceId }))
          .map((r) => [r.amountMinor, r.status, r.origin])
          .sort();
      expect(await refundsOf(plain.invoiceId)).toEqual([
        [2_000, "succeeded", "stripe"],
        [3_000, "succeeded", "stripe"],
      ]);
      expect(await refundsOf(pending.invoiceId)).toEqual([[4_000, "succeeded", "stripe"]]);
      const [ours] = await listDisputesOfInvoice(h.db, {
        userId: seller.user.id,
        invoiceId: disputed.invoiceId,
      });
      expect(ours).toMatchObject({
        status: "won",
        fundsWithdrawnMinor: 13_500,
        fundsReinstatedMinor: 12_000,
      });
      // Told once, however often and in whatever order the events came.
      const actions = await historyActions(h.db, { user: seller.user, invoiceId: plain.invoiceId });
      expect(actions.filter((a) => a === "refund.succeeded")).toHaveLength(2);
      expect(actions.filter((a) => a === "payment.succeeded")).toHaveLength(1);
      const disputeActions = await historyActions(h.db, { user: seller.user, invoiceId: disputed.invoiceId });
      expect(disputeActions.filter((a) => a === "dispute.created")).toHaveLength(1);
    } finally {
      await h.emulator.control.setWebhookDisorder(null);
    }
  });
});
