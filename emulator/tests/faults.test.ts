import Stripe from "stripe";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { EMULATOR_SECRET_KEY } from "../constants";
import { ControlApiError } from "../control-client";
import { failure, freshAccount, pay, startTestEmulator, type TestEmulator } from "./helpers";

let t: TestEmulator;
let account: string;
const opts = (idempotencyKey?: string) => ({
  stripeAccount: account,
  ...(idempotencyKey ? { idempotencyKey } : {}),
});

beforeAll(async () => {
  t = await startTestEmulator();
  account = await freshAccount(t);
});
afterEach(() => t.running.control.clearFaults());
afterAll(() => t.running.close());

const refundsOf = async (pi: Stripe.PaymentIntent) =>
  (await t.stripe.refunds.list({ payment_intent: pi.id }, opts())).data;

describe("fault injection", () => {
  it("a 500 before the change: nothing is made, the 500 is the key's saved result, a new key works", async () => {
    const pi = await pay(t.stripe, account, "pm_card_visa", 5000);
    await t.running.control.addFault({ kind: "api_error", method: "POST", path: "/v1/refunds", count: 1 });
    const error = await failure(
      t.stripe.refunds.create({ payment_intent: pi.id, amount: 1000 }, opts("r:a")),
    );
    expect(error).toMatchObject({ type: "StripeAPIError", statusCode: 500 });
    expect(error.headers?.["stripe-should-retry"]).toBe("false");
    expect(await refundsOf(pi)).toHaveLength(0);
    // The rule is spent, yet the same key replays the saved 500 (Stripe saves results "including 500s").
    const replay = await failure(
      t.stripe.refunds.create({ payment_intent: pi.id, amount: 1000 }, opts("r:a")),
    );
    expect(replay).toMatchObject({ statusCode: 500 });
    expect(replay.headers?.["idempotent-replayed"]).toBe("true");
    expect(await refundsOf(pi)).toHaveLength(0);
    const made = await t.stripe.refunds.create({ payment_intent: pi.id, amount: 1000 }, opts("r:a:2"));
    expect(made.status).toBe("succeeded");
    expect(await refundsOf(pi)).toHaveLength(1);
  });

  it("a 500 after the change: the refund exists and its events went out, the key replays the 500", async () => {
    const pi = await pay(t.stripe, account, "pm_card_visa", 5000);
    await t.running.control.addFault({ kind: "api_error", when: "after", path: "/v1/refunds", count: 1 });
    const error = await failure(
      t.stripe.refunds.create(
        { payment_intent: pi.id, amount: 700, metadata: { refund_id: "x1" } },
        opts("r:b"),
      ),
    );
    expect(error).toMatchObject({ statusCode: 500 });
    const made = await refundsOf(pi);
    expect(made).toMatchObject([{ amount: 700, metadata: { refund_id: "x1" } }]);
    const events = await t.stripe.events.list({ type: "refund.created" }, opts());
    expect(events.data.some((e) => (e.data.object as Stripe.Refund).id === made[0]?.id)).toBe(true);
    const replay = await failure(
      t.stripe.refunds.create(
        { payment_intent: pi.id, amount: 700, metadata: { refund_id: "x1" } },
        opts("r:b"),
      ),
    );
    expect(replay).toMatchObject({ statusCode: 500 });
    expect(await refundsOf(pi)).toHaveLength(1);
  });

  it("a 429 carries Stripe's rate-limit code and header, is not saved, and the same key then succeeds", async () => {
    await t.running.control.addFault({
      kind: "rate_limit",
      method: "POST",
      path: "/v1/payment_intents",
      count: 1,
    });
    const params = { amount: 1200, currency: "gbp" };
    const error = await failure(t.stripe.paymentIntents.create(params, opts("pi:rl")));
    expect(error).toMatchObject({ type: "StripeRateLimitError", statusCode: 429, code: "rate_limit" });
    expect(error.headers?.["stripe-rate-limited-reason"]).toBe("global-rate");
    const intent = await t.stripe.paymentIntents.create(params, opts("pi:rl"));
    expect(intent.lastResponse.headers["idempotent-replayed"]).toBeUndefined();
    expect(intent.amount).toBe(1200);
  });

  it("refuses a rate limit after the change, and bad rules, with a clear 400", async () => {
    await expect(t.running.control.addFault({ kind: "rate_limit", when: "after" })).rejects.toMatchObject({
      status: 400,
    });
    await expect(t.running.control.addFault({ kind: "api_error", rate: 2 })).rejects.toBeInstanceOf(
      ControlApiError,
    );
    await expect(t.running.control.addFault({ kind: "timeout" })).rejects.toMatchObject({ status: 400 });
  });

  it("a connection reset after the change: the SDK's one silent retry on a closed socket gets the saved result", async () => {
    const pi = await pay(t.stripe, account, "pm_card_visa", 5000);
    await t.running.control.addFault({
      kind: "connection_reset",
      when: "after",
      path: "/v1/refunds",
      count: 1,
    });
    const refund = await t.stripe.refunds.create({ payment_intent: pi.id, amount: 300 }, opts("r:c"));
    expect(refund.lastResponse.headers["idempotent-replayed"]).toBe("true");
    expect(await refundsOf(pi)).toHaveLength(1);
  });

  it("connection resets before the change make nothing; the client sees a connection error", async () => {
    const pi = await pay(t.stripe, account, "pm_card_visa", 5000);
    // Two: the SDK retries a closed connection once even with maxNetworkRetries 0.
    await t.running.control.addFault({ kind: "connection_reset", path: "/v1/refunds", count: 2 });
    const error = await failure(t.stripe.refunds.create({ payment_intent: pi.id, amount: 300 }, opts("r:d")));
    expect(error.type).toBe("StripeConnectionError");
    expect(await refundsOf(pi)).toHaveLength(0);
    const [rule] = await t.running.control.listFaults();
    expect(rule).toMatchObject({ fired: 2, remaining: 0 });
  });

  it("a held answer times the SDK out after the change is made; the retry with the key gets the saved result", async () => {
    const pi = await pay(t.stripe, account, "pm_card_visa", 5000);
    const impatient = new Stripe(EMULATOR_SECRET_KEY, {
      host: "127.0.0.1",
      port: t.running.port,
      protocol: "http",
      maxNetworkRetries: 0,
      timeout: 200,
    });
    await t.running.control.addFault({
      kind: "timeout",
      when: "after",
      path: "/v1/refunds",
      count: 1,
      delay_ms: 1500,
    });
    const error = await failure(
      impatient.refunds.create({ payment_intent: pi.id, amount: 400 }, opts("r:e")),
    );
    expect(error.type).toBe("StripeConnectionError");
    expect(await refundsOf(pi)).toHaveLength(1);
    const again = await impatient.refunds.create({ payment_intent: pi.id, amount: 400 }, opts("r:e"));
    expect(again.lastResponse.headers["idempotent-replayed"]).toBe("true");
    expect(await refundsOf(pi)).toHaveLength(1);
  });

  it("a share of requests fails, chosen by the seed, and matches only its method, path and account", async () => {
    const other = await freshAccount(t);
    const rule = await t.running.control.addFault({
      kind: "api_error",
      method: "GET",
      path: "/v1/payment_intents/*",
      account,
      rate: 0.2,
      seed: 42,
    });
    const pi = await t.stripe.paymentIntents.create({ amount: 1000, currency: "gbp" }, opts());
    const otherPi = await t.stripe.paymentIntents.create(
      { amount: 1000, currency: "gbp" },
      { stripeAccount: other },
    );
    let failed = 0;
    for (let i = 0; i < 200; i++) {
      await t.stripe.paymentIntents.retrieve(pi.id, {}, opts()).catch(() => {
        failed += 1;
      });
    }
    for (let i = 0; i < 20; i++)
      await t.stripe.paymentIntents.retrieve(otherPi.id, {}, { stripeAccount: other });
    await t.stripe.paymentIntents.list({}, opts());
    const [seen] = await t.running.control.listFaults();
    expect(seen).toMatchObject({ id: rule.id, seen: 200, fired: failed });
    // 20% of 200, within what a fair coin gives (the seed makes the exact figure repeat).
    expect(failed).toBeGreaterThan(20);
    expect(failed).toBeLessThan(60);
  });

  it("can hit one client only, by its User-Agent (the SDK's appInfo)", async () => {
    const app = new Stripe(EMULATOR_SECRET_KEY, {
      host: "127.0.0.1",
      port: t.running.port,
      protocol: "http",
      maxNetworkRetries: 0,
      appInfo: { name: "SixthDesk", version: "0.1.0" },
    });
    await t.running.control.addFault({ kind: "api_error", path: "/v1/**", user_agent: "SixthDesk/" });
    const intent = await t.stripe.paymentIntents.create({ amount: 1000, currency: "gbp" }, opts());
    const error = await failure(app.paymentIntents.retrieve(intent.id, {}, opts()));
    expect(error.statusCode).toBe(500);
    expect((await t.stripe.paymentIntents.retrieve(intent.id, {}, opts())).id).toBe(intent.id);
  });

  it("a reset clears every rule", async () => {
    await t.running.control.addFault({ kind: "api_error" });
    await t.running.control.reset({ keep_webhook_endpoints: true });
    expect(await t.running.control.listFaults()).toEqual([]);
    account = await freshAccount(t);
  });
});
