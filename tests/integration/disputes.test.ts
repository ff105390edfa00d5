import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { listDisputesOfInvoice } from "@/db/queries/disputes";
import { listInvoicesPage } from "@/db/queries/invoices";
import { getLastStripeDisconnect, saveConnectedAccount } from "@/db/queries/stripe-accounts";
import { getUserById } from "@/db/queries/users";
import { AppError } from "@/lib/errors";
import { preparePaymentIntent } from "@/lib/payments/intent";
import { accountEvents, historyActions, refundState } from "../support/fixtures";
import { integrationHarness } from "../support/harness";
import { deliverAndApply } from "../support/webhooks";

const h = integrationHarness({ webhooks: "file" });

describe("disputes", () => {
  it("records a dispute (card 0259) with amount, reason, status and evidence due date, then its close", async () => {
    const paid = await h.paidInvoice({ paymentMethod: "pm_card_createDispute" });
    await h.emulator.control.settle();
    await h.emulator.control.waitForDeliveries(10_000);
    const [dispute] = await listDisputesOfInvoice(h.db, {
      userId: paid.user.id,
      invoiceId: paid.invoiceId,
    });
    expect(dispute).toMatchObject({
      paymentId: paid.payment.id,
      amountMinor: 12_000,
      currency: "gbp",
      reason: "fraudulent",
      status: "needs_response",
      evidenceDueBy: expect.any(Date),
    });
    expect(dispute?.stripeDisputeId).toMatch(/^dp_/);
    // The invoice list flags it too, and only it.
    const other = await h.sentInvoice(paid.user);
    const { rows } = await listInvoicesPage(h.db, { userId: paid.user.id, limit: 25 });
    expect(rows.find((r) => r.id === paid.invoiceId)?.disputed).toBe(true);
    expect(rows.find((r) => r.id === other.invoiceId)?.disputed).toBe(false);

    await h.emulator.control.closeDispute(dispute?.stripeDisputeId ?? "", "lost");
    await h.emulator.control.waitForDeliveries(10_000);
    const [closed] = await listDisputesOfInvoice(h.db, {
      userId: paid.user.id,
      invoiceId: paid.invoiceId,
    });
    expect(closed).toMatchObject({ id: dispute?.id, status: "lost" });

    // Replayed in any order, the events change nothing more.
    const events = await accountEvents(h.emulator, paid.accountId, [
      "charge.dispute.created",
      "charge.dispute.closed",
    ]);
    for (const event of [...events].reverse()) await deliverAndApply({ ...event, id: `${event.id}_again` });
    const [after] = await listDisputesOfInvoice(h.db, {
      userId: paid.user.id,
      invoiceId: paid.invoiceId,
    });
    expect(after?.status).toBe("lost");
    const actions = await historyActions(h.db, paid);
    expect(actions.filter((a) => a === "dispute.created")).toHaveLength(1);
    expect(actions.filter((a) => a === "dispute.closed")).toHaveLength(1);
    // A dispute is not a refund: the sums stay.
    expect(await refundState(h.db, paid)).toMatchObject({
      status: "paid",
      paidMinor: 12_000,
      refundedMinor: 0,
    });
  });

  it("is not shown to another User", async () => {
    const paid = await h.paidInvoice({ paymentMethod: "pm_card_createDispute" });
    await h.emulator.control.settle();
    await h.emulator.control.waitForDeliveries(10_000);
    const other = await h.seller();
    expect(await listDisputesOfInvoice(h.db, { userId: other.user.id, invoiceId: paid.invoiceId })).toEqual(
      [],
    );
  });
});

describe("deauthorization", () => {
  it("marks the User disconnected, so pay links stop offering payment", async () => {
    const seller = await h.seller();
    const invoice = await h.sentInvoice(seller.user);
    await h.emulator.control.deauthorizeAccount(seller.accountId);
    await h.emulator.control.waitForDeliveries(10_000);
    const user = await getUserById(h.db, seller.user.id);
    expect(user).toMatchObject({ stripeConnectionStatus: "disconnected", stripeChargesEnabled: false });
    expect(await getLastStripeDisconnect(h.db, { userId: seller.user.id })).toMatchObject({
      actor: "stripe",
    });
    const refused = await preparePaymentIntent(h.db, { token: invoice.token }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).message).toMatch(/cannot accept card payments/);
  });

  it("does not end a connection made again after the event", async () => {
    const seller = await h.seller();
    await h.emulator.control.deauthorizeAccount(seller.accountId);
    await h.emulator.control.waitForDeliveries(10_000);
    await h.emulator.control.connectAccount(seller.accountId);
    const [event] = await accountEvents(h.emulator, seller.accountId, ["account.application.deauthorized"]);
    if (!event) throw new Error("no deauthorized event");
    const later = new Date((event.created + 60) * 1000);
    await saveConnectedAccount(h.db, {
      userId: seller.user.id,
      accountId: seller.accountId,
      snapshot: { chargesEnabled: true, detailsSubmitted: true, country: "GB", defaultCurrency: "gbp" },
      at: later,
    });
    const replay = { ...event, id: `${event.id}_late` } as Stripe.Event;
    expect((await deliverAndApply(replay)).status).toBe(200);
    expect((await getUserById(h.db, seller.user.id))?.stripeConnectionStatus).toBe("connected");
  });
});
