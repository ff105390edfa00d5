import { eq } from "drizzle-orm";
import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/webhooks/stripe/route";
import { setDatabase } from "@/db";
import { openDatabase } from "@/db/client";
import { listInvoiceHistory } from "@/db/queries/audit";
import { getInvoice } from "@/db/queries/invoices";
import { claimDueEventsForWorker } from "@/db/queries/stripe-events";
import { stripeEvents, users } from "@/db/schema";
import { EMULATOR_WEBHOOK_SECRET } from "@/emulator";
import { completeReturn } from "@/lib/payments/return-page";
import { applyStripeEvent } from "@/lib/stripe/webhooks/process";
import { startStripeEventWorkerInProcess } from "@/lib/stripe/webhooks/start";
import { applyDueEvents, drainStripeEvents, EVENT_LEASE_MS } from "@/lib/stripe/webhooks/worker";
import { customerPays, payOnStripe } from "../support/fixtures";
import { integrationHarness } from "../support/harness";
import { readinessWithToken } from "../support/health";
import { postWebhook } from "../support/webhooks";

// Most tests post events themselves; "delivered by the emulator" has Stripe deliver them (h.listen()).
const h = integrationHarness({ webhooks: "on-demand" });

/** Posts an event and then applies what is due, as the server's worker does; returns both outcomes. */
async function deliverAndDrain(event: object, clock?: () => Date) {
  const response = await postWebhook(event);
  return { response, body: await response.json(), pass: await drainStripeEvents(h.db, { clock }) };
}

async function storedEvent(id: string) {
  const [row] = await h.db.select().from(stripeEvents).where(eq(stripeEvents.id, id));
  return row;
}

/**
 * A paid invoice and the real events the emulator emitted for its success: `event`
 * (payment_intent.succeeded) and `charge` (charge.succeeded, which carries the card and records the
 * success; a payment_intent.succeeded that comes first waits for it: webhook-reads.test.ts).
 */
async function paidIntent() {
  const seller = await h.seller();
  const invoice = await h.sentInvoice(seller.user);
  const paid = await customerPays(h.db, h.emulator, { token: invoice.token, accountId: seller.accountId });
  return { ...seller, ...invoice, ...paid };
}

/**
 * The same payment told by an earlier, stale event: payment_intent.processing whose intent still says
 * processing. Its status is not final on Stripe, so applying it takes a read of the PaymentIntent.
 */
function staleProcessing(event: Stripe.Event): Stripe.Event {
  const intent = event.data.object as Stripe.PaymentIntent;
  return {
    ...event,
    id: `${event.id}_processing`,
    type: "payment_intent.processing",
    data: { object: { ...intent, status: "processing" } },
  } as Stripe.Event;
}

describe("signature checks", () => {
  it("refuses a missing or wrong signature and stores nothing", async () => {
    const { event } = await paidIntent();
    expect((await postWebhook(event, { signature: null })).status).toBe(400);
    expect((await postWebhook(event, { secret: "whsec_not_the_right_one" })).status).toBe(400);
    expect((await postWebhook(event, { signature: "t=1,v1=deadbeef" })).status).toBe(400);
    expect(await storedEvent(event.id)).toBeUndefined();
  });

  it("refuses a correctly signed body that was altered", async () => {
    const { event } = await paidIntent();
    const payload = JSON.stringify(event);
    const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: EMULATOR_WEBHOOK_SECRET });
    const altered = payload.replace('"livemode":false', '"livemode":true');
    const response = await POST(
      new Request("http://127.0.0.1/api/webhooks/stripe", {
        method: "POST",
        headers: { "Stripe-Signature": signature },
        body: altered,
      }),
    );
    expect(response.status).toBe(400);
  });
});

describe("processing", () => {
  it("acknowledges before applying, and records the payment once however often the event arrives", async () => {
    const { charge: event, user, invoiceId } = await paidIntent();
    const first = await postWebhook(event);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ received: true, duplicate: false });
    // Stored, not yet applied: the route does no more than that.
    expect(await storedEvent(event.id)).toMatchObject({ processedAt: null, attempts: 0 });
    expect((await getInvoice(h.db, { userId: user.id, invoiceId }))?.status).toBe("open");

    const again = await postWebhook(event);
    expect(await again.json()).toEqual({ received: true, duplicate: true });
    // Two workers at once (two server instances): the row lock lets one of them apply it.
    const passes = await Promise.all([drainStripeEvents(h.db), drainStripeEvents(h.db)]);
    expect(passes.reduce((n, p) => n + p.processed, 0)).toBe(1);

    const late = await Promise.all([postWebhook(event), postWebhook(event), postWebhook(event)]);
    expect(late.map((r) => r.status)).toEqual([200, 200, 200]);
    expect((await drainStripeEvents(h.db)).claimed).toBe(0);

    expect(await getInvoice(h.db, { userId: user.id, invoiceId })).toMatchObject({
      status: "paid",
      paidMinor: 12_000,
    });
    const history = await listInvoiceHistory(h.db, { userId: user.id, invoiceId });
    expect(history.filter((h) => h.action === "payment.succeeded")).toHaveLength(1);
    expect(await storedEvent(event.id)).toMatchObject({
      type: "charge.succeeded",
      processedAt: expect.any(Date),
      attempts: 1,
      lastError: null,
    });
  });

  it("gives the same result whichever of return page and webhook comes first", async () => {
    const a = await paidIntent();
    await completeReturn(h.db, { token: a.token, paymentIntentId: a.paymentIntentId });
    await deliverAndDrain(a.event);
    const b = await paidIntent();
    await deliverAndDrain(b.event);
    await deliverAndDrain(b.charge);
    await completeReturn(h.db, { token: b.token, paymentIntentId: b.paymentIntentId });
    for (const x of [a, b]) {
      expect(await getInvoice(h.db, { userId: x.user.id, invoiceId: x.invoiceId })).toMatchObject({
        status: "paid",
        paidMinor: 12_000,
      });
      const history = await listInvoiceHistory(h.db, { userId: x.user.id, invoiceId: x.invoiceId });
      expect(history.filter((h) => h.action === "payment.succeeded").map((h) => h.actor)).toHaveLength(1);
    }
  });

  it("leaves a settled payment alone when a late payment_failed event arrives, without asking Stripe", async () => {
    const { event, charge, user, invoiceId } = await paidIntent();
    await deliverAndDrain(charge);
    const late = { ...event, id: `${event.id}_late_failure`, type: "payment_intent.payment_failed" };
    await h.whileStripeUnreachable(async () => {
      expect((await deliverAndDrain(late)).pass).toMatchObject({ processed: 1, failed: 0 });
    });
    expect(await getInvoice(h.db, { userId: user.id, invoiceId })).toMatchObject({
      status: "paid",
      paidMinor: 12_000,
    });
  });

  it("ignores an event whose account is not the one the payment belongs to", async () => {
    const { event, user, invoiceId } = await paidIntent();
    const stranger = await h.emulator.control.createAccount({ connected: true });
    const forged = { ...event, id: `${event.id}_forged`, account: stranger.id };
    const { response } = await deliverAndDrain(forged);
    expect(response.status).toBe(200);
    expect(await storedEvent(forged.id)).toMatchObject({
      account: stranger.id,
      processedAt: expect.any(Date),
    });
    expect((await getInvoice(h.db, { userId: user.id, invoiceId }))?.status).toBe("open");
  });

  it("stores events of types it does not handle as settled, so no worker picks them up", async () => {
    const { event } = await paidIntent();
    const other = { ...event, id: `${event.id}_other`, type: "customer.created" };
    expect((await postWebhook(other)).status).toBe(200);
    expect(await storedEvent(other.id)).toMatchObject({
      type: "customer.created",
      processedAt: expect.any(Date),
      lastError: "type not handled",
    });
    expect((await drainStripeEvents(h.db)).claimed).toBe(0);
  });

  it("keeps the error when Stripe cannot be reached and applies the event at its retry time", async () => {
    const paid = await paidIntent();
    const { user, invoiceId } = paid;
    const event = staleProcessing(paid.event);
    const start = Date.now();
    await h.whileStripeUnreachable(async () => {
      const first = await deliverAndDrain(event);
      expect(first.response.status).toBe(200);
      expect(first.pass).toMatchObject({ claimed: 1, failed: 1 });
    });
    const stored = await storedEvent(event.id);
    expect(stored).toMatchObject({ processedAt: null, attempts: 1 });
    expect(stored?.lastError).toBeTruthy();
    // The first retry is ten seconds on; before then no worker touches it.
    expect(stored?.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(start + 10_000);
    expect((await drainStripeEvents(h.db)).claimed).toBe(0);
    expect((await getInvoice(h.db, { userId: user.id, invoiceId }))?.status).toBe("open");

    const later = () => new Date(Date.now() + 11_000);
    expect(await drainStripeEvents(h.db, { clock: later })).toMatchObject({ processed: 1, failed: 0 });
    expect(await storedEvent(event.id)).toMatchObject({
      attempts: 2,
      processedAt: expect.any(Date),
      lastError: null,
    });
    expect((await getInvoice(h.db, { userId: user.id, invoiceId }))?.status).toBe("paid");
  });

  it("takes an event back from a worker that claimed it and died, once its lease runs out", async () => {
    const { event, user, invoiceId } = await paidIntent();
    await postWebhook(event);
    const now = new Date();
    const [claimed] = await claimDueEventsForWorker(h.db, { now, limit: 100, leaseMs: EVENT_LEASE_MS });
    expect(claimed?.id).toBe(event.id);
    // …and the worker that claimed it is gone.
    expect((await drainStripeEvents(h.db)).claimed).toBe(0);
    const afterLease = () => new Date(now.getTime() + EVENT_LEASE_MS + 1_000);
    expect(await drainStripeEvents(h.db, { clock: afterLease })).toMatchObject({ processed: 1 });
    expect((await getInvoice(h.db, { userId: user.id, invoiceId }))?.status).toBe("paid");
  });

  it("applies an event once when two workers reach it together (the event row's lock)", async () => {
    const { event, user, invoiceId } = await paidIntent();
    await postWebhook(event);
    const outcomes = await Promise.all([applyStripeEvent(h.db, event), applyStripeEvent(h.db, event)]);
    expect(outcomes.sort()).toEqual(["duplicate", "processed"]);
    const history = await listInvoiceHistory(h.db, { userId: user.id, invoiceId });
    expect(history.filter((h) => h.action === "payment.succeeded")).toHaveLength(1);
  });

  it("leaves the rest of a batch whose lease ran short for the next claim, rather than start them late", async () => {
    const a = await paidIntent();
    const b = await paidIntent();
    await postWebhook(a.event);
    await postWebhook(b.event);
    const start = Date.now();
    let calls = 0;
    // The claim is made now; by the time the first event would start, the lease is nearly over.
    const slow = () => new Date(calls++ === 0 ? start : start + EVENT_LEASE_MS - 1_000);
    expect(await applyDueEvents(h.db, { clock: slow })).toMatchObject({
      claimed: 2,
      released: 2,
      processed: 0,
    });
    const afterLease = () => new Date(start + EVENT_LEASE_MS + 1_000);
    expect(await drainStripeEvents(h.db, { clock: afterLease })).toMatchObject({ processed: 2 });
    for (const x of [a, b]) {
      expect((await getInvoice(h.db, { userId: x.user.id, invoiceId: x.invoiceId }))?.status).toBe("paid");
    }
  });

  it("reports the backlog on the readiness figures, and the events among it that failed", async () => {
    const health = async () => {
      const response = await readinessWithToken();
      const body = (await response.json()) as { webhookEvents: { backlog: number; retrying: number } };
      return body.webhookEvents;
    };
    const before = await health();
    const event = staleProcessing((await paidIntent()).event);
    await postWebhook(event);
    expect(await health()).toMatchObject({ backlog: before.backlog + 1 });
    await h.whileStripeUnreachable(async () => {
      await drainStripeEvents(h.db);
    });
    expect(await health()).toMatchObject({ backlog: before.backlog + 1, retrying: before.retrying + 1 });
    await drainStripeEvents(h.db, { clock: () => new Date(Date.now() + 60_000) });
    expect(await health()).toMatchObject(before);
  });

  it("answers 503 when the database cannot be reached, so that Stripe delivers it again", async () => {
    const { event } = await paidIntent();
    // A database nothing listens on: the insert fails as it would with PostgreSQL down.
    const unreachable = openDatabase({
      kind: "postgres",
      url: "postgres://postgres@127.0.0.1:9/none",
      max: 1,
    });
    setDatabase(unreachable);
    try {
      expect((await postWebhook(event)).status).toBe(503);
    } finally {
      setDatabase(h.handle);
      await unreachable.close();
    }
    expect(await storedEvent(event.id)).toBeUndefined();
  });
});

describe("the server's worker", () => {
  it("is woken by the route and applies the event at once, without waiting for its poll", async () => {
    const worker = startStripeEventWorkerInProcess({ pollMs: 10 * 60_000 });
    try {
      const { charge: event, user, invoiceId } = await paidIntent();
      expect((await postWebhook(event)).status).toBe(200);
      await expect
        .poll(async () => (await getInvoice(h.db, { userId: user.id, invoiceId }))?.status, {
          timeout: 5_000,
        })
        .toBe("paid");
      expect(await storedEvent(event.id)).toMatchObject({ processedAt: expect.any(Date), attempts: 1 });
    } finally {
      await worker.stop();
    }
  });
});

describe("revoked access", () => {
  it("marks the seller disconnected when Stripe refuses to show the PaymentIntent, and settles the event", async () => {
    const paid = await paidIntent();
    const { user, accountId } = paid;
    const event = staleProcessing(paid.event);
    await h.emulator.control.deauthorizeAccount(accountId);
    const { response } = await deliverAndDrain(event);
    expect(response.status).toBe(200);
    expect(await storedEvent(event.id)).toMatchObject({ processedAt: expect.any(Date) });
    const [row] = await h.db.select().from(users).where(eq(users.id, user.id));
    expect(row?.stripeConnectionStatus).toBe("disconnected");
  });
});

describe("delivered by the emulator", () => {
  it("marks the invoice paid when the Customer never comes back", async () => {
    await h.listen();
    const seller = await h.seller();
    const invoice = await h.sentInvoice(seller.user);
    await payOnStripe(h.db, h.emulator, { token: invoice.token, accountId: seller.accountId });
    await h.emulator.control.waitForDeliveries(10_000);
    expect(await getInvoice(h.db, { userId: seller.user.id, invoiceId: invoice.invoiceId })).toMatchObject({
      status: "paid",
      paidMinor: 12_000,
    });
    const deliveries = await h.emulator.control.listDeliveries({
      event_type: "payment_intent.succeeded",
      account: seller.accountId,
    });
    expect(deliveries.length).toBeGreaterThan(0);
  });
});
