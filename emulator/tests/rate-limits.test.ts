import Stripe from "stripe";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { RateLimiter } from "../core/rate-limits";
import { failure, freshAccount, pay, startTestEmulator, type TestEmulator } from "./helpers";

// The limiter on a clock the test moves: which request is refused never depends on the machine's speed.
function limiterAt(mode: "live" | "sandbox") {
  let now = 0;
  const limiter = new RateLimiter({ mode }, () => now);
  return { limiter, advance: (ms: number) => (now += ms) };
}

const get = (account: string, route = "/v1/payment_intents/:id") => ({ account, method: "GET", route });

describe("RateLimiter (Stripe's figures)", () => {
  it("every GET /v1/payment_intents/{id} shares one 25/s endpoint limit, whatever the id", () => {
    const { limiter } = limiterAt("live");
    const answers = Array.from({ length: 26 }, () => limiter.decide(get("acct_a")));
    expect(answers.slice(0, 25).every((a) => a === null)).toBe(true);
    expect(answers[25]).toBe("endpoint-rate");
    // Another endpoint of the same account is not held back by that one.
    expect(limiter.decide(get("acct_a", "/v1/refunds/:id"))).toBeNull();
  });

  it("live mode: 100/s per account over every endpoint; another account has its own", () => {
    const { limiter } = limiterAt("live");
    const routes = ["/v1/a", "/v1/b", "/v1/c", "/v1/d", "/v1/e"];
    const admitted = routes.flatMap((route) =>
      Array.from({ length: 20 }, () => limiter.decide(get("acct_a", route))),
    );
    expect(admitted.every((a) => a === null)).toBe(true);
    expect(limiter.decide(get("acct_a", "/v1/f"))).toBe("global-rate");
    expect(limiter.decide(get("acct_b", "/v1/f"))).toBeNull();
  });

  it("sandbox mode: 25/s per account", () => {
    const { limiter } = limiterAt("sandbox");
    for (let i = 0; i < 25; i++) expect(limiter.decide(get("acct_a", `/v1/r${i}`))).toBeNull();
    expect(limiter.decide(get("acct_a", "/v1/other"))).toBe("global-rate");
  });

  it("refills at the limit per second, and a refused request takes nothing", () => {
    const { limiter, advance } = limiterAt("live");
    for (let i = 0; i < 25; i++) limiter.decide(get("acct_a"));
    for (let i = 0; i < 10; i++) expect(limiter.decide(get("acct_a"))).toBe("endpoint-rate");
    advance(200); // 5 tokens back
    const after = Array.from({ length: 6 }, () => limiter.decide(get("acct_a")));
    expect(after.filter((a) => a === null)).toHaveLength(5);
    expect(limiter.stats()).toMatchObject({ admitted: 30, "endpoint-rate": 11 });
  });

  it("1,000 updates per PaymentIntent per hour", () => {
    const { limiter, advance } = limiterAt("live");
    const update = (id: string) => ({
      account: "acct_a",
      method: "POST",
      route: "/v1/payment_intents/:id",
      paymentIntentId: id,
    });
    // 1,000 at once (the per-second limits off here, to isolate this one), then the hour's limit.
    limiter.configure({ globalPerSecond: 0, endpointPerSecond: 0 });
    for (let i = 0; i < 1000; i++) expect(limiter.decide(update("pi_1"))).toBeNull();
    expect(limiter.decide(update("pi_1"))).toBe("resource-specific");
    expect(limiter.decide(update("pi_2"))).toBeNull();
    advance(3_600_000);
    expect(limiter.decide(update("pi_1"))).toBeNull();
  });

  it("off admits everything; bad figures are refused", () => {
    const { limiter } = limiterAt("live");
    limiter.configure({ mode: "off" });
    for (let i = 0; i < 500; i++) expect(limiter.decide(get("acct_a"))).toBeNull();
    expect(() => limiter.configure({ globalPerSecond: -1 })).toThrow(/0 or more/);
    expect(() => limiter.configure({ mode: "fast" as "live" })).toThrow(/mode must be/);
  });
});

describe("rate limits over HTTP", () => {
  let t: TestEmulator;
  let account: string;
  beforeAll(async () => {
    t = await startTestEmulator();
    account = await freshAccount(t);
  });
  afterEach(() => t.running.control.setRateLimits({ mode: "off" }));
  afterAll(() => t.running.close());

  it("answers Stripe's 429 (rate_limit, Stripe-Rate-Limited-Reason) and saves nothing under the key", async () => {
    const pi = await pay(t.stripe, account, "pm_card_visa", 5000);
    const limits = await t.running.control.setRateLimits({
      mode: "live",
      payment_intent_updates_per_hour: 1,
    });
    expect(limits).toMatchObject({ mode: "live", global_per_second: 100, endpoint_per_second: 25 });
    await t.stripe.paymentIntents.update(pi.id, { metadata: { n: "1" } }, { stripeAccount: account });
    const error = await failure(
      t.stripe.paymentIntents.update(
        pi.id,
        { metadata: { n: "2" } },
        { stripeAccount: account, idempotencyKey: "k2" },
      ),
    );
    expect(error).toBeInstanceOf(Stripe.errors.StripeRateLimitError);
    expect(error).toMatchObject({ statusCode: 429, code: "rate_limit", type: "StripeRateLimitError" });
    expect(error.headers?.["stripe-rate-limited-reason"]).toBe("resource-specific");
    expect(error.headers?.["request-id"]).toMatch(/^req_/);
    // Reads are not updates, and the refused update changed nothing.
    const read = await t.stripe.paymentIntents.retrieve(pi.id, {}, { stripeAccount: account });
    expect(read.metadata).toEqual({ n: "1" });
    expect((await t.running.control.getRateLimits()).limited["resource-specific"]).toBe(1);
    // Limits off: the same key runs (a 429 is never its saved result).
    await t.running.control.setRateLimits({ mode: "off" });
    const done = await t.stripe.paymentIntents.update(
      pi.id,
      { metadata: { n: "2" } },
      { stripeAccount: account, idempotencyKey: "k2" },
    );
    expect(done.metadata).toEqual({ n: "2" });
  });

  it("refuses bad settings with a 400 and keeps the old ones", async () => {
    await t.running.control.setRateLimits({ mode: "sandbox" });
    await expect(t.running.control.setRateLimits({ endpoint_per_second: -5 })).rejects.toMatchObject({
      status: 400,
    });
    expect(await t.running.control.getRateLimits()).toMatchObject({ mode: "sandbox", global_per_second: 25 });
  });

  it("a reset keeps the limits (the emulator's configuration) and refills the buckets", async () => {
    await t.running.control.setRateLimits({ mode: "sandbox" });
    await t.running.control.reset();
    expect(await t.running.control.getRateLimits()).toMatchObject({ mode: "sandbox", admitted: 0 });
  });
});
