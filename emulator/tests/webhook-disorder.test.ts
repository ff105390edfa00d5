import Stripe from "stripe";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { EMULATOR_WEBHOOK_SECRET } from "../constants";
import { freshAccount, pay, startReceiver, startTestEmulator, type TestEmulator } from "./helpers";

let t: TestEmulator;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  t = await startTestEmulator();
});
afterAll(() => t.running.close());
beforeEach(async () => {
  await t.running.control.reset();
  receiver = await startReceiver();
  await t.running.control.registerWebhookEndpoint({ url: receiver.url });
});
afterEach(() => receiver.close());

/** Pays `count` times on one account; returns the ids of the events, in the order Stripe made them. */
async function makeEvents(count: number): Promise<string[]> {
  const account = await freshAccount(t);
  for (let i = 0; i < count; i++) await pay(t.stripe, account, "pm_card_visa", 1000 + i);
  const events = await t.stripe.events.list({ limit: 100 }, { stripeAccount: account });
  return events.data.map((e) => e.id).reverse();
}

const received = () =>
  receiver
    .events()
    .filter((e) => e.account)
    .map((e) => e.id);

describe("webhook disorder", () => {
  it("is off by default: every event once, in order", async () => {
    expect(await t.running.control.listFaults()).toEqual([]);
    const made = await makeEvents(4);
    await t.running.control.waitForDeliveries(5000);
    expect(received()).toEqual(made);
  });

  it("shuffles deliveries within the window, yet each event arrives and verifies", async () => {
    const settings = await t.running.control.setWebhookDisorder({ shuffle_window_ms: 150, seed: 7 });
    expect(settings).toMatchObject({ shuffle_window_ms: 150, duplicate_rate: 0, late_rate: 0, seed: 7 });
    const made = await makeEvents(6);
    await t.running.control.waitForDeliveries(5000);
    const got = received();
    expect([...got].sort()).toEqual([...made].sort());
    expect(got).not.toEqual(made);
    for (const r of receiver.received) {
      const signature = String(r.headers["stripe-signature"]);
      expect(() => Stripe.webhooks.constructEvent(r.body, signature, EMULATOR_WEBHOOK_SECRET)).not.toThrow();
    }
  });

  it("sends a share of events twice, the event's pending_webhooks counting the endpoint once", async () => {
    await t.running.control.setWebhookDisorder({ duplicate_rate: 1, seed: 3 });
    const made = await makeEvents(2);
    await t.running.control.waitForDeliveries(5000);
    const got = received();
    for (const id of made) expect(got.filter((g) => g === id)).toHaveLength(2);
    const deliveries = await t.running.control.listDeliveries({ event_id: made[0] ?? "" });
    expect(deliveries.map((d) => d.kind ?? "first").sort()).toEqual(["duplicate", "first"]);
  });

  it("holds late copies back until released, then sends those old events again, shuffled", async () => {
    await t.running.control.setWebhookDisorder({ late_rate: 1, seed: 11 });
    const made = await makeEvents(3);
    await t.running.control.waitForDeliveries(5000);
    expect(received()).toEqual(made);
    await t.running.control.advance(7 * 24 * 3600);
    expect(await t.running.control.releaseLateDeliveries()).toEqual({ released: made.length });
    await t.running.control.waitForDeliveries(5000);
    const late = received().slice(made.length);
    expect([...late].sort()).toEqual([...made].sort());
    // Delivered a week later: `created` is the old time, the signature is fresh (it verifies).
    const last = receiver.received.at(-1);
    if (!last) throw new Error("nothing received");
    const event = Stripe.webhooks.constructEvent(
      last.body,
      String(last.headers["stripe-signature"]),
      EMULATOR_WEBHOOK_SECRET,
    );
    expect(event.created).toBeLessThan(Math.floor(Date.now() / 1000) + 60);
    expect(await t.running.control.releaseLateDeliveries()).toEqual({ released: 0 });
  });

  it("renders the payload in the endpoint's API version", async () => {
    const endpoint = await t.stripe.webhookEndpoints.create({
      url: receiver.url,
      enabled_events: ["payment_intent.succeeded"],
      connect: true,
      api_version: "2025-09-30.clover",
    });
    await makeEvents(1);
    await t.running.control.waitForDeliveries(5000);
    const versions = receiver
      .events()
      .filter((e) => e.type === "payment_intent.succeeded")
      .map((e) => e.api_version)
      .sort();
    expect(versions).toEqual(["2025-09-30.clover", "2026-10-28.endive"]);
    await t.stripe.webhookEndpoints.del(endpoint.id);
  });

  it("refuses bad settings with a 400, and can be switched off", async () => {
    await expect(t.running.control.setWebhookDisorder({ duplicate_rate: 2 })).rejects.toMatchObject({
      status: 400,
    });
    await t.running.control.setWebhookDisorder({ shuffle_window_ms: 100 });
    await t.running.control.setWebhookDisorder(null);
    const made = await makeEvents(3);
    await t.running.control.waitForDeliveries(5000);
    expect(received()).toEqual(made);
  });
});
