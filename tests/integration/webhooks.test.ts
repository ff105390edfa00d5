import { eq } from "drizzle-orm";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/webhooks/stripe/route";
import type { DatabaseHandle } from "@/db";
import { listInvoiceHistory } from "@/db/queries/audit";
import { getInvoice } from "@/db/queries/invoices";
import { stripeEvents, users } from "@/db/schema";
import { EMULATOR_WEBHOOK_SECRET } from "@/emulator";
import { preparePaymentIntent } from "@/lib/payments/intent";
import { completeReturn } from "@/lib/payments/return-page";
import { emulatorSetup, setStripeSetup } from "@/lib/stripe/config";
import { openTestDatabase } from "../support/db";
import { startTestEmulator, type TestEmulator } from "../support/emulator";
import { createSellerWithAccount, sentInvoice } from "../support/payments";
import { startWebhookServer } from "../support/webhook-server";

let handle: DatabaseHandle;
let emulator: TestEmulator;

beforeAll(async () => {
  handle = await openTestDatabase();
  emulator = await startTestEmulator();
});
afterAll(async () => {
  await emulator.close();
  await handle.close();
});

const intentIdOf = (clientSecret: string) => clientSecret.split("_secret_")[0] ?? "";

function deliver(event: object, options: { secret?: string; signature?: string | null } = {}) {
  const payload = JSON.stringify(event);
  const signature =
    options.signature === undefined
      ? Stripe.webhooks.generateTestHeaderString({
          payload,
          secret: options.secret ?? EMULATOR_WEBHOOK_SECRET,
        })
      : options.signature;
  const headers = new Headers({ "Content-Type": "application/json" });
  if (signature !== null) headers.set("Stripe-Signature", signature);
  return POST(
    new Request("http://127.0.0.1/api/webhooks/stripe", { method: "POST", headers, body: payload }),
  );
}

async function storedEvent(id: string) {
  const [row] = await handle.db.select().from(stripeEvents).where(eq(stripeEvents.id, id));
  return row;
}

/** A paid invoice and the real payment_intent.succeeded event the emulator emitted for it. */
async function paidIntent() {
  const seller = await createSellerWithAccount(handle.db, emulator);
  const invoice = await sentInvoice(handle.db, seller.user);
  const prepared = await preparePaymentIntent(handle.db, { token: invoice.token });
  const paymentIntentId = intentIdOf(prepared.clientSecret);
  await emulator.stripe.paymentIntents.confirm(
    paymentIntentId,
    { payment_method: "pm_card_visa", return_url: "http://127.0.0.1/return" },
    { stripeAccount: seller.accountId },
  );
  const events = await emulator.stripe.events.list(
    { type: "payment_intent.succeeded", limit: 100 },
    { stripeAccount: seller.accountId },
  );
  const event = events.data.find((e) => (e.data.object as Stripe.PaymentIntent).id === paymentIntentId);
  if (!event) throw new Error("no succeeded event");
  return { ...seller, ...invoice, paymentIntentId, event: { ...event, account: seller.accountId } };
}

describe("signature checks", () => {
  it("refuses a missing or wrong signature and stores nothing", async () => {
    const { event } = await paidIntent();
    expect((await deliver(event, { signature: null })).status).toBe(400);
    expect((await deliver(event, { secret: "whsec_not_the_right_one" })).status).toBe(400);
    expect((await deliver(event, { signature: "t=1,v1=deadbeef" })).status).toBe(400);
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
  it("records the payment once, however often the event arrives", async () => {
    const { event, user, invoiceId } = await paidIntent();
    const first = await deliver(event);
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ outcome: "processed" });
    const second = await deliver(event);
    expect(await second.json()).toMatchObject({ outcome: "duplicate" });
    const concurrent = await Promise.all([deliver(event), deliver(event), deliver(event)]);
    expect(concurrent.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(await getInvoice(handle.db, { userId: user.id, invoiceId })).toMatchObject({
      status: "paid",
      paidMinor: 12_000,
    });
    const history = await listInvoiceHistory(handle.db, { userId: user.id, invoiceId });
    expect(history.filter((h) => h.action === "payment.succeeded")).toHaveLength(1);
    expect(await storedEvent(event.id)).toMatchObject({
      type: "payment_intent.succeeded",
      processedAt: expect.any(Date),
    });
  });

  it("gives the same result whichever of return page and webhook comes first", async () => {
    const a = await paidIntent();
    await completeReturn(handle.db, { token: a.token, paymentIntentId: a.paymentIntentId });
    await deliver(a.event);
    const b = await paidIntent();
    await deliver(b.event);
    await completeReturn(handle.db, { token: b.token, paymentIntentId: b.paymentIntentId });
    for (const x of [a, b]) {
      expect(await getInvoice(handle.db, { userId: x.user.id, invoiceId: x.invoiceId })).toMatchObject({
        status: "paid",
        paidMinor: 12_000,
      });
      const history = await listInvoiceHistory(handle.db, { userId: x.user.id, invoiceId: x.invoiceId });
      expect(history.filter((h) => h.action === "payment.succeeded").map((h) => h.actor)).toHaveLength(1);
    }
  });

  it("leaves a settled payment alone when a late payment_failed event arrives, without asking Stripe", async () => {
    const { event, user, invoiceId } = await paidIntent();
    await deliver(event);
    const late = { ...event, id: `${event.id}_late_failure`, type: "payment_intent.payment_failed" };
    setStripeSetup(emulatorSetup("http://127.0.0.1:9"));
    try {
      const response = await deliver(late);
      expect(await response.json()).toMatchObject({ outcome: "processed" });
    } finally {
      setStripeSetup(emulatorSetup(emulator.url));
    }
    expect(await getInvoice(handle.db, { userId: user.id, invoiceId })).toMatchObject({
      status: "paid",
      paidMinor: 12_000,
    });
  });

  it("ignores an event whose account is not the one the payment belongs to", async () => {
    const { event, user, invoiceId } = await paidIntent();
    const stranger = await emulator.control.createAccount({ connected: true });
    const forged = { ...event, id: `${event.id}_forged`, account: stranger.id };
    const response = await deliver(forged);
    expect(response.status).toBe(200);
    expect(await storedEvent(forged.id)).toMatchObject({
      account: stranger.id,
      processedAt: expect.any(Date),
    });
    expect((await getInvoice(handle.db, { userId: user.id, invoiceId }))?.status).toBe("open");
  });

  it("stores and acknowledges events of types it does not handle", async () => {
    const { event } = await paidIntent();
    const other = { ...event, id: `${event.id}_other`, type: "customer.created" };
    const response = await deliver(other);
    expect(await response.json()).toMatchObject({ outcome: "ignored" });
    expect(await storedEvent(other.id)).toMatchObject({
      type: "customer.created",
      processedAt: expect.any(Date),
    });
  });

  it("answers 500 when Stripe cannot be reached, keeps the error, and applies the event on redelivery", async () => {
    const { event, user, invoiceId } = await paidIntent();
    setStripeSetup(emulatorSetup("http://127.0.0.1:9"));
    try {
      expect((await deliver(event)).status).toBe(500);
    } finally {
      setStripeSetup(emulatorSetup(emulator.url));
    }
    const stored = await storedEvent(event.id);
    expect(stored?.processedAt).toBeNull();
    expect(stored?.lastError).toBeTruthy();
    expect((await getInvoice(handle.db, { userId: user.id, invoiceId }))?.status).toBe("open");

    expect(await (await deliver(event)).json()).toMatchObject({ outcome: "processed" });
    expect(await storedEvent(event.id)).toMatchObject({ attempts: 2, processedAt: expect.any(Date) });
    expect((await getInvoice(handle.db, { userId: user.id, invoiceId }))?.status).toBe("paid");
  });
});

describe("revoked access", () => {
  it("marks the seller disconnected when Stripe refuses to show the PaymentIntent, and settles the event", async () => {
    const { event, user, accountId } = await paidIntent();
    await emulator.control.deauthorizeAccount(accountId);
    const response = await deliver(event);
    expect(response.status).toBe(200);
    expect(await storedEvent(event.id)).toMatchObject({ processedAt: expect.any(Date) });
    const [row] = await handle.db.select().from(users).where(eq(users.id, user.id));
    expect(row?.stripeConnectionStatus).toBe("disconnected");
  });
});

describe("delivered by the emulator", () => {
  it("marks the invoice paid when the Customer never comes back", async () => {
    const server = await startWebhookServer();
    const endpoint = await emulator.control.registerWebhookEndpoint({ url: server.url });
    try {
      const seller = await createSellerWithAccount(handle.db, emulator);
      const invoice = await sentInvoice(handle.db, seller.user);
      const prepared = await preparePaymentIntent(handle.db, { token: invoice.token });
      await emulator.stripe.paymentIntents.confirm(
        intentIdOf(prepared.clientSecret),
        { payment_method: "pm_card_visa", return_url: "http://127.0.0.1/return" },
        { stripeAccount: seller.accountId },
      );
      await emulator.control.waitForDeliveries(10_000);
      expect(
        await getInvoice(handle.db, { userId: seller.user.id, invoiceId: invoice.invoiceId }),
      ).toMatchObject({
        status: "paid",
        paidMinor: 12_000,
      });
      const deliveries = await emulator.control.listDeliveries({
        event_type: "payment_intent.succeeded",
        account: seller.accountId,
      });
      expect(deliveries.length).toBeGreaterThan(0);
    } finally {
      await emulator.control.deleteWebhookEndpoint(endpoint.id);
      await server.close();
    }
  });
});
