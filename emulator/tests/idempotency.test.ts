import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failure, freshAccount, startTestEmulator, type TestEmulator } from "./helpers";

let t: TestEmulator;

beforeAll(async () => {
  t = await startTestEmulator();
});
afterAll(() => t.running.close());

describe("idempotency keys", () => {
  it("the same key and body return the same response, not a second object", async () => {
    const account = await freshAccount(t);
    const params = { amount: 1000, currency: "gbp", metadata: { payment_id: "p1" } };
    const first = await t.stripe.paymentIntents.create(params, {
      stripeAccount: account,
      idempotencyKey: "payment:p1:intent",
    });
    const second = await t.stripe.paymentIntents.create(params, {
      stripeAccount: account,
      idempotencyKey: "payment:p1:intent",
    });
    expect(second.id).toBe(first.id);
    expect(second.lastResponse.headers["idempotent-replayed"]).toBe("true");
    expect((await t.stripe.paymentIntents.list({}, { stripeAccount: account })).data).toHaveLength(1);
  });

  it("the same key with another body is an idempotency error", async () => {
    const account = await freshAccount(t);
    await t.stripe.paymentIntents.create(
      { amount: 1000, currency: "gbp" },
      { stripeAccount: account, idempotencyKey: "k2" },
    );
    const error = await failure(
      t.stripe.paymentIntents.create(
        { amount: 2000, currency: "gbp" },
        { stripeAccount: account, idempotencyKey: "k2" },
      ),
    );
    expect(error).toMatchObject({ type: "StripeIdempotencyError", statusCode: 400 });
  });

  it("keys are scoped per account", async () => {
    const a = await freshAccount(t);
    const b = await freshAccount(t);
    const params = { amount: 1000, currency: "gbp" };
    const onA = await t.stripe.paymentIntents.create(params, { stripeAccount: a, idempotencyKey: "shared" });
    const onB = await t.stripe.paymentIntents.create(params, { stripeAccount: b, idempotencyKey: "shared" });
    expect(onB.id).not.toBe(onA.id);
  });

  it("replays card declines too, and refunds are created once", async () => {
    const account = await freshAccount(t);
    const params = {
      amount: 1000,
      currency: "gbp",
      confirm: true,
      payment_method: "pm_card_visa_chargeDeclined",
      return_url: "http://localhost/r",
    };
    const first = await failure(
      t.stripe.paymentIntents.create(params, { stripeAccount: account, idempotencyKey: "decline" }),
    );
    const again = await failure(
      t.stripe.paymentIntents.create(params, { stripeAccount: account, idempotencyKey: "decline" }),
    );
    expect(again.statusCode).toBe(402);
    expect(again.charge).toBe(first.charge);

    const paid = await t.stripe.paymentIntents.create(
      { ...params, payment_method: "pm_card_visa" },
      { stripeAccount: account, idempotencyKey: "paid" },
    );
    const refundOptions = { stripeAccount: account, idempotencyKey: "refund:r1" };
    const r1 = await t.stripe.refunds.create({ payment_intent: paid.id, amount: 300 }, refundOptions);
    const r2 = await t.stripe.refunds.create({ payment_intent: paid.id, amount: 300 }, refundOptions);
    expect(r2.id).toBe(r1.id);
    const charge = await t.stripe.charges.retrieve(
      String(paid.latest_charge),
      {},
      { stripeAccount: account },
    );
    expect(charge.amount_refunded).toBe(300);
  });

  it("requests rejected before running are not saved: the key can be used again", async () => {
    const account = await freshAccount(t);
    const bad = await failure(
      t.stripe.paymentIntents.create(
        { amount: 1, currency: "gbp" },
        { stripeAccount: account, idempotencyKey: "k5" },
      ),
    );
    expect(bad.code).toBe("amount_too_small");
    const ok = await t.stripe.paymentIntents.create(
      { amount: 1000, currency: "gbp" },
      { stripeAccount: account, idempotencyKey: "k5" },
    );
    expect(ok.amount).toBe(1000);
  });
});
