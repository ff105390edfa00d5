import { and, eq } from "drizzle-orm";
import type Stripe from "stripe";
import { afterEach, describe, expect, it } from "vitest";
import { refundPaymentAction } from "@/app/(dashboard)/payments/actions";
import { listInvoiceHistory } from "@/db/queries/audit";
import { getInvoice } from "@/db/queries/invoices";
import { emailOutbox, payments, stripeEvents } from "@/db/schema";
import { completeReturn } from "@/lib/payments/return-page";
import { resetStripeRateLimitState } from "@/lib/stripe/rate-limit";
import { sharedReadStats } from "@/lib/stripe/sync/shared-reads";
import { drainStripeEvents } from "@/lib/stripe/webhooks/worker";
import { accountEvents, customerPays, refundState } from "../support/fixtures";
import { integrationHarness } from "../support/harness";
import { readiness, readinessWithToken } from "../support/health";
import { postWebhook } from "../support/webhooks";

// Which webhook events are applied from their own signed object and which read Stripe first, and what
// the worker does when Stripe answers 429. "Stripe cannot be reached" proves no read was made: the
// app's client points at a closed port, so any read would fail the event.
const h = integrationHarness({ webhooks: "on-demand" });

afterEach(async () => {
  resetStripeRateLimitState();
  await h.emulator.control.clearFaults();
});

async function paidIntent() {
  const seller = await h.seller();
  const invoice = await h.sentInvoice(seller.user);
  const paid = await customerPays(h.db, h.emulator, { token: invoice.token, accountId: seller.accountId });
  return { ...seller, ...invoice, ...paid };
}

async function storedEvent(id: string) {
  const [row] = await h.db.select().from(stripeEvents).where(eq(stripeEvents.id, id));
  return row;
}

function restated(event: Stripe.Event, type: string, status: string, suffix: string): Stripe.Event {
  const intent = event.data.object as Stripe.PaymentIntent;
  return {
    ...event,
    id: `${event.id}_${suffix}`,
    type,
    data: { object: { ...intent, status } },
  } as Stripe.Event;
}

/** The payment's row for this intent. */
async function paymentOf(paymentIntentId: string) {
  const [payment] = await h.db
    .select()
    .from(payments)
    .where(eq(payments.stripePaymentIntentId, paymentIntentId));
  return payment;
}

/** What the Customer's receipt and the history say about the payment. */
async function receiptAndHistory(x: { user: { id: string }; invoiceId: string }) {
  const emails = await h.db
    .select()
    .from(emailOutbox)
    .where(and(eq(emailOutbox.invoiceId, x.invoiceId), eq(emailOutbox.kind, "payment_receipt")));
  const history = await listInvoiceHistory(h.db, { userId: x.user.id, invoiceId: x.invoiceId });
  return {
    receipts: emails.map((e) => e.text.includes("Visa ending 4242")),
    succeeded: history.filter((e) => e.action === "payment.succeeded").length,
  };
}

const PAID = { status: "succeeded", amountMinor: 12_000, cardBrand: "visa", cardLast4: "4242" };
const later = (ms: number) => () => new Date(Date.now() + ms);

describe("a card payment's success, carried by charge.succeeded (no read)", () => {
  it("charge.succeeded first records the success with the card; payment_intent.succeeded then changes nothing", async () => {
    const paid = await paidIntent();
    await postWebhook(paid.charge);
    expect(await h.whileStripeUnreachable(() => drainStripeEvents(h.db))).toMatchObject({
      processed: 1,
      failed: 0,
    });
    expect(await getInvoice(h.db, { userId: paid.user.id, invoiceId: paid.invoiceId })).toMatchObject({
      status: "paid",
      paidMinor: 12_000,
    });
    expect(await paymentOf(paid.paymentIntentId)).toMatchObject({
      ...PAID,
      stripeChargeId: (paid.charge.data.object as Stripe.Charge).id,
    });
    await postWebhook(paid.event);
    expect(await h.whileStripeUnreachable(() => drainStripeEvents(h.db))).toMatchObject({
      processed: 1,
      waiting: 0,
      failed: 0,
    });
    expect(await paymentOf(paid.paymentIntentId)).toMatchObject(PAID);
    expect(await receiptAndHistory(paid)).toEqual({ receipts: [true], succeeded: 1 });
  });

  it("payment_intent.succeeded first waits for its charge (no read, no attempt counted); the charge then records both", async () => {
    const paid = await paidIntent();
    const received = Date.now();
    await postWebhook(paid.event);
    expect(await h.whileStripeUnreachable(() => drainStripeEvents(h.db))).toMatchObject({
      claimed: 1,
      waiting: 1,
      failed: 0,
    });
    const waiting = await storedEvent(paid.event.id);
    expect(waiting).toMatchObject({ processedAt: null, attempts: 0, lastError: null });
    expect(waiting?.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(received + 9_000);
    expect((await getInvoice(h.db, { userId: paid.user.id, invoiceId: paid.invoiceId }))?.status).toBe(
      "open",
    );

    await postWebhook(paid.charge);
    // The charge records the success; the waiting event, with nothing left to do, is settled with it.
    expect(await h.whileStripeUnreachable(() => drainStripeEvents(h.db))).toMatchObject({
      claimed: 1,
      processed: 1,
      waiting: 0,
      failed: 0,
    });
    expect(await storedEvent(paid.event.id)).toMatchObject({
      processedAt: expect.any(Date),
      lastError: null,
    });
    expect(await paymentOf(paid.paymentIntentId)).toMatchObject(PAID);
    expect(await receiptAndHistory(paid)).toEqual({ receipts: [true], succeeded: 1 });
  });

  it("duplicated and reordered, both events together: one success, one receipt with the card", async () => {
    const paid = await paidIntent();
    const failedLate = {
      ...paid.event,
      id: `${paid.event.id}_failed_late`,
      type: "payment_intent.payment_failed",
    };
    for (const e of [paid.event, paid.event, failedLate, paid.charge, paid.event, paid.charge]) {
      expect((await postWebhook(e)).status).toBe(200);
    }
    const pass = await h.whileStripeUnreachable(() => drainStripeEvents(h.db));
    expect(pass).toMatchObject({ failed: 0 });
    expect(await storedEvent(paid.event.id)).toMatchObject({ processedAt: expect.any(Date) });
    expect(await storedEvent(paid.charge.id)).toMatchObject({ processedAt: expect.any(Date) });
    expect(await paymentOf(paid.paymentIntentId)).toMatchObject(PAID);
    expect(await receiptAndHistory(paid)).toEqual({ receipts: [true], succeeded: 1 });
  });

  it("a week late, after the return page recorded the payment, either event changes nothing and reads nothing", async () => {
    const paid = await paidIntent();
    await completeReturn(h.db, { token: paid.token, paymentIntentId: paid.paymentIntentId });
    const weekLater = later(7 * 24 * 60 * 60_000);
    await postWebhook(paid.event);
    await postWebhook(paid.charge);
    expect(await h.whileStripeUnreachable(() => drainStripeEvents(h.db, { clock: weekLater }))).toMatchObject(
      { processed: 2, failed: 0, waiting: 0 },
    );
    expect(await paymentOf(paid.paymentIntentId)).toMatchObject(PAID);
    expect(await receiptAndHistory(paid)).toEqual({ receipts: [true], succeeded: 1 });
  });

  it("a charge that never comes: past the wait the success is read once, with its card", async () => {
    const paid = await paidIntent();
    await postWebhook(paid.event);
    expect(await drainStripeEvents(h.db)).toMatchObject({ waiting: 1 });
    // Unreachable past the wait: this time it needs its read, so it fails and retries.
    expect(
      await h.whileStripeUnreachable(() => drainStripeEvents(h.db, { clock: later(11_000) })),
    ).toMatchObject({ failed: 1, waiting: 0 });
    const reads = sharedReadStats().reads;
    expect(await drainStripeEvents(h.db, { clock: later(30_000) })).toMatchObject({ processed: 1 });
    expect(sharedReadStats().reads - reads).toBe(1);
    expect(await paymentOf(paid.paymentIntentId)).toMatchObject(PAID);
    expect(await receiptAndHistory(paid)).toEqual({ receipts: [true], succeeded: 1 });
    // Its charge arriving a week later changes nothing.
    await postWebhook(paid.charge);
    expect(await h.whileStripeUnreachable(() => drainStripeEvents(h.db))).toMatchObject({ processed: 1 });
    expect(await receiptAndHistory(paid)).toEqual({ receipts: [true], succeeded: 1 });
  });

  it("fills in the card of a success recorded without it, and changes nothing else", async () => {
    const paid = await paidIntent();
    await completeReturn(h.db, { token: paid.token, paymentIntentId: paid.paymentIntentId });
    await h.db
      .update(payments)
      .set({ cardBrand: null, cardLast4: null, stripeChargeId: null })
      .where(eq(payments.stripePaymentIntentId, paid.paymentIntentId));
    const before = await receiptAndHistory(paid);
    await postWebhook(paid.charge);
    expect(await h.whileStripeUnreachable(() => drainStripeEvents(h.db))).toMatchObject({ processed: 1 });
    expect(await paymentOf(paid.paymentIntentId)).toMatchObject({
      ...PAID,
      stripeChargeId: (paid.charge.data.object as Stripe.Charge).id,
    });
    expect(await receiptAndHistory(paid)).toEqual(before);
  });

  it("a charge of another account's payment, or one not captured, records nothing", async () => {
    const paid = await paidIntent();
    const stranger = await h.emulator.control.createAccount({ connected: true });
    const charge = paid.charge.data.object as Stripe.Charge;
    const forged = { ...paid.charge, id: `${paid.charge.id}_forged`, account: stranger.id };
    const uncaptured = {
      ...paid.charge,
      id: `${paid.charge.id}_uncaptured`,
      data: { object: { ...charge, captured: false, amount_captured: 0 } },
    };
    await postWebhook(forged);
    await postWebhook(uncaptured);
    expect(await h.whileStripeUnreachable(() => drainStripeEvents(h.db))).toMatchObject({
      processed: 2,
      failed: 0,
    });
    expect((await getInvoice(h.db, { userId: paid.user.id, invoiceId: paid.invoiceId }))?.status).toBe(
      "open",
    );
  });

  it("events of one intent that need a read, received before it started, share it", async () => {
    const paid = await paidIntent();
    const stale = [1, 2, 3].map((n) =>
      restated(paid.event, "payment_intent.processing", "processing", `p${n}`),
    );
    for (const e of stale) await postWebhook(e);
    const reads = sharedReadStats().reads;
    expect(await drainStripeEvents(h.db)).toMatchObject({ processed: 3, failed: 0 });
    expect(sharedReadStats().reads - reads).toBe(1);
    expect((await paymentOf(paid.paymentIntentId))?.status).toBe("succeeded");
  });
});

describe("events applied from their own object", () => {
  it("payment_intent.succeeded for a payment whose card we hold: recorded from the event alone, once", async () => {
    const { event, user, invoiceId, paymentIntentId } = await paidIntent();
    // The return page saw the card while the payment was still processing (as for a slow method).
    await h.db
      .update(payments)
      .set({ status: "processing", cardBrand: "visa", cardLast4: "4242" })
      .where(eq(payments.stripePaymentIntentId, paymentIntentId));
    await postWebhook(event);
    await postWebhook(event);
    expect(await h.whileStripeUnreachable(() => drainStripeEvents(h.db))).toMatchObject({
      processed: 1,
      failed: 0,
    });
    expect(await getInvoice(h.db, { userId: user.id, invoiceId })).toMatchObject({
      status: "paid",
      paidMinor: 12_000,
    });
    const [payment] = await h.db
      .select()
      .from(payments)
      .where(eq(payments.stripePaymentIntentId, paymentIntentId));
    const intent = event.data.object as Stripe.PaymentIntent;
    expect(payment).toMatchObject({
      status: "succeeded",
      amountMinor: 12_000,
      stripeChargeId: intent.latest_charge,
      cardBrand: "visa",
      cardLast4: "4242",
    });
  });

  it("payment_intent.canceled after success moves nothing and reads nothing", async () => {
    const { event, charge, user, invoiceId } = await paidIntent();
    await postWebhook(charge);
    await drainStripeEvents(h.db);
    await postWebhook(restated(event, "payment_intent.canceled", "canceled", "late_cancel"));
    expect(await h.whileStripeUnreachable(() => drainStripeEvents(h.db))).toMatchObject({
      processed: 1,
      failed: 0,
    });
    expect((await getInvoice(h.db, { userId: user.id, invoiceId }))?.status).toBe("paid");
  });

  it("payment_intent.processing (a state Stripe moves on from) is read: the read's succeeded wins", async () => {
    const { event, user, invoiceId } = await paidIntent();
    const stale = restated(event, "payment_intent.processing", "processing", "processing");
    await postWebhook(stale);
    // Unreachable: the event needs its read, so it fails and waits for its retry.
    expect(await h.whileStripeUnreachable(() => drainStripeEvents(h.db))).toMatchObject({ failed: 1 });
    expect((await getInvoice(h.db, { userId: user.id, invoiceId }))?.status).toBe("open");
    await drainStripeEvents(h.db, { clock: () => new Date(Date.now() + 11_000) });
    expect((await getInvoice(h.db, { userId: user.id, invoiceId }))?.status).toBe("paid");
  });

  it("a refund we hold is updated from its own event (no read), and a stale copy never moves it back", async () => {
    const paid = await h.paidInvoice({ paymentMethod: "pm_card_pendingRefund" });
    expect(
      await refundPaymentAction({
        paymentId: paid.payment.id,
        amount: "10.00",
        reason: "requested_by_customer",
      }),
    ).toMatchObject({ ok: true });
    await h.emulator.control.settle();
    const events = await accountEvents(h.emulator, paid.accountId, ["refund.created", "refund.updated"]);
    expect(events.map((e) => (e.data.object as Stripe.Refund).status)).toEqual(["pending", "succeeded"]);
    // Newest first, then the stale one: the refund ends succeeded either way.
    for (const e of [...events].reverse()) await postWebhook(e);
    expect(await h.whileStripeUnreachable(() => drainStripeEvents(h.db))).toMatchObject({ failed: 0 });
    expect(await refundState(h.db, paid)).toMatchObject({
      refundedMinor: 1_000,
      refunds: [{ amountMinor: 1_000, status: "succeeded" }],
    });
  });

  it("a refund we have never seen (made in the dashboard) is read before it is recorded", async () => {
    const paid = await h.paidInvoice();
    await h.stripe.refunds.create(
      { payment_intent: paid.paymentIntentId, amount: 500 },
      { stripeAccount: paid.accountId },
    );
    const [created] = await accountEvents(h.emulator, paid.accountId, ["refund.created"]);
    if (!created) throw new Error("no refund.created");
    await postWebhook(created);
    expect(await h.whileStripeUnreachable(() => drainStripeEvents(h.db))).toMatchObject({ failed: 1 });
    await drainStripeEvents(h.db, { clock: () => new Date(Date.now() + 11_000) });
    expect(await refundState(h.db, paid)).toMatchObject({ refundedMinor: 500 });
  });
});

describe("Stripe answers 429", () => {
  it("the event is put back without counting the attempt or an error, health says so, and it applies later", async () => {
    const { event, user, invoiceId } = await paidIntent();
    const stale = restated(event, "payment_intent.processing", "processing", "limited");
    await h.emulator.control.addFault({
      kind: "rate_limit",
      method: "GET",
      path: "/v1/payment_intents/*",
      user_agent: "SixthDesk",
      count: 1,
    });
    await postWebhook(stale);
    const start = Date.now();
    expect(await drainStripeEvents(h.db)).toMatchObject({ claimed: 1, deferred: 1, failed: 0 });
    const stored = await storedEvent(stale.id);
    expect(stored).toMatchObject({ processedAt: null, attempts: 0, lastError: null });
    // Put back for the back-off (half a second to a second after the first 429), not for a failure's 10 s.
    expect(stored?.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(start + 500);
    expect(stored?.nextAttemptAt.getTime()).toBeLessThan(start + 10_000);
    // Readiness shows it to the monitor (with the token).
    const response = await readinessWithToken();
    const details = (await response.json()) as {
      ok: boolean;
      stripeRateLimit: { limited: boolean; lastReason: string };
    };
    expect(details.stripeRateLimit).toMatchObject({ limited: true, lastReason: "global-rate" });
    // The public answer stays ok / not ok only: nothing about Stripe leaves without the token.
    expect(Object.keys(await (await readiness()).json())).toEqual(["ok"]);
    expect((await getInvoice(h.db, { userId: user.id, invoiceId }))?.status).toBe("open");

    const later = () => new Date(Date.now() + 2_000);
    expect(await drainStripeEvents(h.db, { clock: later })).toMatchObject({ processed: 1, deferred: 0 });
    expect(await storedEvent(stale.id)).toMatchObject({ attempts: 1, processedAt: expect.any(Date) });
    expect((await getInvoice(h.db, { userId: user.id, invoiceId }))?.status).toBe("paid");
  });

  it("with the emulator at Stripe's limits, a burst of events that need reads all apply, none failed", async () => {
    const paid = await Promise.all([paidIntent(), paidIntent(), paidIntent()]);
    await h.emulator.control.setRateLimits({ mode: "live", endpoint_per_second: 1 });
    try {
      for (const p of paid)
        await postWebhook(restated(p.event, "payment_intent.processing", "processing", "burst"));
      let total = { processed: 0, failed: 0, deferred: 0 };
      for (let round = 0; round < 10 && total.processed < 3; round++) {
        const pass = await drainStripeEvents(h.db, { clock: () => new Date(Date.now() + round * 61_000) });
        total = {
          processed: total.processed + pass.processed,
          failed: total.failed + pass.failed,
          deferred: total.deferred + pass.deferred,
        };
      }
      expect(total).toMatchObject({ processed: 3, failed: 0 });
      for (const p of paid) {
        expect((await getInvoice(h.db, { userId: p.user.id, invoiceId: p.invoiceId }))?.status).toBe("paid");
      }
    } finally {
      await h.emulator.control.setRateLimits({ mode: "off" });
    }
  });
});
