import Stripe from "stripe";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { EMULATOR_CONNECT_CLIENT_ID, EMULATOR_WEBHOOK_SECRET } from "../constants";
import {
  failure,
  freshAccount,
  pay,
  startReceiver,
  startTestEmulator,
  type TestEmulator,
  until,
} from "./helpers";

let t: TestEmulator;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  t = await startTestEmulator();
});
afterAll(() => t.running.close());
beforeEach(async () => {
  await t.running.control.reset();
  receiver = await startReceiver();
});
afterEach(() => receiver.close());

const types = () => receiver.events().map((e) => e.type);

describe("webhook endpoints API", () => {
  it("creates (secret shown once), retrieves, lists, updates and deletes endpoints", async () => {
    const created = await t.stripe.webhookEndpoints.create({
      url: receiver.url,
      enabled_events: ["payment_intent.succeeded", "charge.refunded"],
      connect: true,
    });
    expect(created.secret).toMatch(/^whsec_/);
    expect(created).toMatchObject({ object: "webhook_endpoint", status: "enabled", url: receiver.url });
    const retrieved = await t.stripe.webhookEndpoints.retrieve(created.id);
    expect(retrieved.secret).toBeUndefined();
    const list = await t.stripe.webhookEndpoints.list();
    expect(list.data.map((e) => e.id)).toEqual([created.id]);
    const updated = await t.stripe.webhookEndpoints.update(created.id, { enabled_events: ["*"] });
    expect(updated.enabled_events).toEqual(["*"]);
    const deleted = await t.stripe.webhookEndpoints.del(created.id);
    expect(deleted).toMatchObject({ id: created.id, deleted: true });
    expect((await failure(t.stripe.webhookEndpoints.retrieve(created.id))).statusCode).toBe(404);
    const badUrl = await failure(t.stripe.webhookEndpoints.create({ url: "ftp://x", enabled_events: ["*"] }));
    expect(badUrl.param).toBe("url");
  });
});

describe("delivery", () => {
  it("sends connected accounts' events to Connect endpoints, signed as Stripe signs them", async () => {
    const endpoint = await t.stripe.webhookEndpoints.create({
      url: receiver.url,
      enabled_events: ["*"],
      connect: true,
    });
    const account = await freshAccount(t);
    const pi = await pay(t.stripe, account, "pm_card_visa");
    await until(() => types().includes("payment_intent.succeeded"));
    expect(types()).toEqual(
      expect.arrayContaining([
        "account.application.authorized",
        "payment_intent.created",
        "charge.succeeded",
        "payment_intent.succeeded",
      ]),
    );
    for (const request of receiver.received) {
      const event = t.stripe.webhooks.constructEvent(
        request.body,
        String(request.headers["stripe-signature"]),
        String(endpoint.secret),
      );
      expect(event.account).toBe(account);
      expect(event.livemode).toBe(false);
    }
    const succeeded = receiver
      .events()
      .find((e) => e.type === "payment_intent.succeeded") as Stripe.PaymentIntentSucceededEvent;
    expect(succeeded.data.object.id).toBe(pi.id);
    expect(succeeded.request?.id).toMatch(/^req_/);
    const forged = receiver.received[0];
    expect(() =>
      t.stripe.webhooks.constructEvent(
        String(forged?.body),
        String(forged?.headers["stripe-signature"]),
        "whsec_wrong",
      ),
    ).toThrow();
  });

  it("does not send connected accounts' events to account endpoints", async () => {
    await t.stripe.webhookEndpoints.create({ url: receiver.url, enabled_events: ["*"] });
    const account = await freshAccount(t);
    await pay(t.stripe, account, "pm_card_visa");
    await t.running.control.waitForDeliveries();
    expect(receiver.received).toHaveLength(0);
  });

  it("filters by enabled_events", async () => {
    await t.stripe.webhookEndpoints.create({
      url: receiver.url,
      enabled_events: ["charge.refunded"],
      connect: true,
    });
    const account = await freshAccount(t);
    const pi = await pay(t.stripe, account, "pm_card_visa");
    await t.stripe.refunds.create({ payment_intent: pi.id }, { stripeAccount: account });
    await until(() => receiver.received.length === 1);
    await t.running.control.waitForDeliveries();
    expect(types()).toEqual(["charge.refunded"]);
  });

  it("control-registered endpoints use the well-known secret, get both kinds of events and are idempotent by url", async () => {
    const first = await t.running.control.registerWebhookEndpoint({ url: receiver.url });
    const again = await t.running.control.registerWebhookEndpoint({ url: receiver.url });
    expect(again.id).toBe(first.id);
    expect(first).toMatchObject({ secret: EMULATOR_WEBHOOK_SECRET, scope: "both" });
    const account = await freshAccount(t);
    await t.stripe.oauth.deauthorize({ client_id: EMULATOR_CONNECT_CLIENT_ID, stripe_user_id: account });
    await until(() => types().includes("account.application.deauthorized"));
    for (const request of receiver.received) {
      Stripe.webhooks.constructEvent(
        request.body,
        String(request.headers["stripe-signature"]),
        EMULATOR_WEBHOOK_SECRET,
      );
    }
    const deauthorized = receiver.events().find((e) => e.type === "account.application.deauthorized");
    expect(deauthorized?.account).toBe(account);
    expect(deauthorized?.data.object).toMatchObject({
      object: "application",
      id: EMULATOR_CONNECT_CLIENT_ID,
    });
  });

  it("sends the refund events, including the asynchronous ones", async () => {
    await t.running.control.registerWebhookEndpoint({ url: receiver.url, connect: true });
    const account = await freshAccount(t);
    const pending = await pay(t.stripe, account, "pm_card_pendingRefund");
    const failing = await pay(t.stripe, account, "pm_card_refundFail");
    await t.stripe.refunds.create({ payment_intent: pending.id }, { stripeAccount: account });
    await t.stripe.refunds.create({ payment_intent: failing.id }, { stripeAccount: account });
    await t.running.control.settle();
    await t.running.control.waitForDeliveries();
    const refundTypes = types().filter((type) => type.includes("refund"));
    expect(refundTypes).toEqual(
      expect.arrayContaining([
        "refund.created",
        "charge.refunded",
        "refund.updated",
        "charge.refund.updated",
        "refund.failed",
      ]),
    );
    const failed = receiver.events().find((e) => e.type === "refund.failed") as Stripe.RefundFailedEvent;
    expect(failed.data.object.failure_reason).toBe("expired_or_canceled_card");
    const updated = receiver.events().find((e) => e.type === "refund.updated") as Stripe.RefundUpdatedEvent;
    expect(updated.data.previous_attributes).toHaveProperty("status");
  });
});

describe("retries and the delivery log", () => {
  it("retries a failing endpoint with backoff and logs each attempt", async () => {
    await receiver.close();
    receiver = await startReceiver([500, 503]);
    await t.running.control.registerWebhookEndpoint({
      url: receiver.url,
      enabled_events: ["payment_intent.succeeded"],
    });
    await pay(t.stripe, undefined, "pm_card_visa");
    await until(() => receiver.received.length === 3);
    await t.running.control.waitForDeliveries();
    const [delivery] = await t.running.control.listDeliveries({ event_type: "payment_intent.succeeded" });
    expect(delivery?.status).toBe("succeeded");
    expect(delivery?.attempts.map((a) => a.status_code)).toEqual([500, 503, 200]);
    const ids = new Set(receiver.events().map((e) => e.id));
    expect(ids.size).toBe(1);
  });

  it("gives up after the bounded number of retries, and can redeliver by hand", async () => {
    await receiver.close();
    receiver = await startReceiver([500, 500, 500]);
    await t.running.control.registerWebhookEndpoint({
      url: receiver.url,
      enabled_events: ["payment_intent.created"],
    });
    const pi = await t.stripe.paymentIntents.create({ amount: 1000, currency: "gbp" });
    await t.running.control.waitForDeliveries();
    const [failed] = await t.running.control.listDeliveries({ status: "failed" });
    expect(failed?.attempts).toHaveLength(3);
    const event = await t.stripe.events.retrieve(String(failed?.event_id));
    expect(event.pending_webhooks).toBe(0);
    expect((event.data.object as Stripe.PaymentIntent).id).toBe(pi.id);
    await t.running.control.redeliver(String(failed?.id));
    await t.running.control.waitForDeliveries();
    const [redelivered] = await t.running.control.listDeliveries({ event_id: String(failed?.event_id) });
    expect(redelivered?.status).toBe("succeeded");
    expect(redelivered?.attempts).toHaveLength(4);
  });

  it("a dead endpoint is logged with the connection error", async () => {
    await t.running.control.registerWebhookEndpoint({ url: "http://127.0.0.1:9/nothing-listens-here" });
    await t.stripe.paymentIntents.create({ amount: 1000, currency: "gbp" });
    await t.running.control.waitForDeliveries();
    const [delivery] = await t.running.control.listDeliveries();
    expect(delivery?.status).toBe("failed");
    expect(delivery?.attempts[0]?.error).toBeTruthy();
  });

  it("paused endpoints hold deliveries until resumed; dropping ones never send", async () => {
    const endpoint = await t.running.control.registerWebhookEndpoint({ url: receiver.url });
    await t.running.control.setWebhookEndpointMode(endpoint.id, "paused");
    await t.stripe.paymentIntents.create({ amount: 1000, currency: "gbp" });
    expect((await t.running.control.waitForDeliveries(200)).pending).toBe(0);
    expect(receiver.received).toHaveLength(0);
    await t.running.control.setWebhookEndpointMode(endpoint.id, "deliver");
    await until(() => receiver.received.length === 1);

    await t.running.control.setWebhookEndpointMode(endpoint.id, "drop");
    await t.stripe.paymentIntents.create({ amount: 1000, currency: "gbp" });
    const dropped = await t.running.control.listDeliveries({ status: "dropped" });
    expect(dropped).toHaveLength(1);
    await t.running.control.redeliver(String(dropped[0]?.id));
    await until(() => receiver.received.length === 2);
  });
});

describe("events API", () => {
  it("lists and retrieves events for the account, filtered by type", async () => {
    const account = await freshAccount(t);
    const pi = await pay(t.stripe, account, "pm_card_visa");
    const all = await t.stripe.events.list({}, { stripeAccount: account });
    expect(all.data[0]?.type).toBe("payment_intent.succeeded");
    const charges = await t.stripe.events.list({ type: "charge.*" }, { stripeAccount: account });
    expect(charges.data.map((e) => e.type)).toEqual(["charge.succeeded"]);
    const several = await t.stripe.events.list(
      { types: ["payment_intent.created", "charge.succeeded"] },
      { stripeAccount: account },
    );
    expect(several.data).toHaveLength(2);
    const event = await t.stripe.events.retrieve(String(all.data[0]?.id), {}, { stripeAccount: account });
    expect(event).toMatchObject({ object: "event", account, api_version: "2026-10-28.endive" });
    expect((event.data.object as Stripe.PaymentIntent).id).toBe(pi.id);
    expect((await failure(t.stripe.events.retrieve(event.id))).statusCode).toBe(404);
  });
});
