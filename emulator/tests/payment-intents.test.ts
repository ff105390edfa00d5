import type Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failure, freshAccount, pay, sdkFor, startTestEmulator, type TestEmulator } from "./helpers";

let t: TestEmulator;
let account: string;
const opts = () => ({ stripeAccount: account });

beforeAll(async () => {
  t = await startTestEmulator();
  account = await freshAccount(t);
});
afterAll(() => t.running.close());

describe("payment intents", () => {
  it("creates one with every field Stripe returns, unconfirmed", async () => {
    const pi = await t.stripe.paymentIntents.create(
      { amount: 1999, currency: "GBP", metadata: { invoice_id: "inv_1" }, application_fee_amount: 100 },
      opts(),
    );
    expect(pi).toMatchObject({
      object: "payment_intent",
      amount: 1999,
      currency: "gbp",
      status: "requires_payment_method",
      amount_received: 0,
      latest_charge: null,
      application_fee_amount: 100,
      automatic_payment_methods: { enabled: true },
      payment_method_types: ["card"],
      metadata: { invoice_id: "inv_1" },
      livemode: false,
    });
    expect(pi.id).toMatch(/^pi_/);
    expect(pi.client_secret).toMatch(new RegExp(`^${pi.id}_secret_`));
    expect(pi.lastResponse.requestId).toMatch(/^req_/);
    for (const field of [
      "canceled_at",
      "customer",
      "description",
      "next_action",
      "payment_method",
      "shipping",
    ]) {
      expect(pi).toHaveProperty(field);
    }
  });

  it("retrieves, updates the amount while unconfirmed, and confirms", async () => {
    const created = await t.stripe.paymentIntents.create({ amount: 1000, currency: "gbp" }, opts());
    const updated = await t.stripe.paymentIntents.update(created.id, { amount: 1500 }, opts());
    expect(updated.amount).toBe(1500);
    const confirmed = await t.stripe.paymentIntents.confirm(
      created.id,
      { payment_method: "pm_card_visa", return_url: "http://localhost/return" },
      opts(),
    );
    expect(confirmed).toMatchObject({ status: "succeeded", amount_received: 1500 });
    const retrieved = await t.stripe.paymentIntents.retrieve(
      created.id,
      { expand: ["latest_charge"] },
      opts(),
    );
    const charge = retrieved.latest_charge as Stripe.Charge;
    expect(charge).toMatchObject({
      object: "charge",
      amount: 1500,
      paid: true,
      status: "succeeded",
      payment_intent: created.id,
    });
    expect(charge.application).toBe("ca_emulator");
  });

  it("refuses to change the amount once succeeded, but allows metadata", async () => {
    const pi = await pay(t.stripe, account, "pm_card_visa");
    const error = await failure(t.stripe.paymentIntents.update(pi.id, { amount: 10 }, opts()));
    expect(error.statusCode).toBe(400);
    expect(error.code).toBe("payment_intent_unexpected_state");
    const updated = await t.stripe.paymentIntents.update(pi.id, { metadata: { note: "x" } }, opts());
    expect(updated.metadata).toEqual({ note: "x" });
  });

  it("attaching a payment method without confirming waits for confirmation", async () => {
    const pi = await t.stripe.paymentIntents.create(
      { amount: 1000, currency: "gbp", payment_method: "pm_card_visa" },
      opts(),
    );
    expect(pi.status).toBe("requires_confirmation");
    const confirmed = await t.stripe.paymentIntents.confirm(
      pi.id,
      { return_url: "http://localhost/r" },
      opts(),
    );
    expect(confirmed.status).toBe("succeeded");
  });

  it("cancels before payment and not after", async () => {
    const pi = await t.stripe.paymentIntents.create({ amount: 1000, currency: "gbp" }, opts());
    const canceled = await t.stripe.paymentIntents.cancel(
      pi.id,
      { cancellation_reason: "abandoned" },
      opts(),
    );
    expect(canceled).toMatchObject({ status: "canceled", cancellation_reason: "abandoned" });
    expect(canceled.canceled_at).toEqual(expect.any(Number));
    const paid = await pay(t.stripe, account, "pm_card_visa");
    const error = await failure(t.stripe.paymentIntents.cancel(paid.id, {}, opts()));
    expect(error.code).toBe("payment_intent_unexpected_state");
    expect(error.message).toContain("status of succeeded");
  });

  it("lists newest first with limit and starting_after", async () => {
    const own = await freshAccount(t);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push(
        (await t.stripe.paymentIntents.create({ amount: 100 + i, currency: "gbp" }, { stripeAccount: own }))
          .id,
      );
    }
    const page1 = await t.stripe.paymentIntents.list({ limit: 2 }, { stripeAccount: own });
    expect(page1.data.map((p) => p.id)).toEqual([ids[4], ids[3]]);
    expect(page1.has_more).toBe(true);
    const page3 = await t.stripe.paymentIntents.list(
      { limit: 2, starting_after: ids[1] },
      { stripeAccount: own },
    );
    expect(page3.data.map((p) => p.id)).toEqual([ids[0]]);
    expect(page3.has_more).toBe(false);
    const all: string[] = [];
    for await (const pi of t.stripe.paymentIntents.list({ limit: 2 }, { stripeAccount: own }))
      all.push(pi.id);
    expect(all).toEqual([...ids].reverse());
    const expanded = await t.stripe.paymentIntents.list(
      { limit: 1, expand: ["data.latest_charge"] },
      { stripeAccount: own },
    );
    expect(expanded.data).toHaveLength(1);
  });

  it("answers bad requests with Stripe's error JSON and status", async () => {
    const missing = await failure(
      t.stripe.paymentIntents.create({ currency: "gbp" } as Stripe.PaymentIntentCreateParams, opts()),
    );
    expect(missing).toMatchObject({ type: "StripeInvalidRequestError", statusCode: 400, param: "amount" });
    const tooSmall = await failure(t.stripe.paymentIntents.create({ amount: 10, currency: "gbp" }, opts()));
    expect(tooSmall).toMatchObject({ code: "amount_too_small", param: "amount" });
    const pmTypes = await failure(
      t.stripe.paymentIntents.create(
        { amount: 1000, currency: "gbp", payment_method_types: ["card"] } as Stripe.PaymentIntentCreateParams,
        opts(),
      ),
    );
    expect(pmTypes.code).toBe("payment_method_types_no_longer_supported");
    const unknown = await failure(
      t.stripe.paymentIntents.create(
        { amount: 1000, currency: "gbp", colour: "red" } as Stripe.PaymentIntentCreateParams,
        opts(),
      ),
    );
    expect(unknown).toMatchObject({ code: "parameter_unknown", param: "colour" });
    const notFound = await failure(t.stripe.paymentIntents.retrieve("pi_doesnotexist", {}, opts()));
    expect(notFound).toMatchObject({
      type: "StripeInvalidRequestError",
      statusCode: 404,
      code: "resource_missing",
    });
    expect(notFound.requestId).toMatch(/^req_/);
    const badExpand = await failure(
      t.stripe.paymentIntents.retrieve("pi_x", { expand: ["customer"] }, opts()),
    );
    expect(badExpand.statusCode).toBe(404);
  });

  it("needs a return_url to confirm with automatic payment methods, unless redirects are off", async () => {
    const pi = await t.stripe.paymentIntents.create({ amount: 1000, currency: "gbp" }, opts());
    const error = await failure(
      t.stripe.paymentIntents.confirm(pi.id, { payment_method: "pm_card_visa" }, opts()),
    );
    expect(error.param).toBe("return_url");
    const noRedirects = await t.stripe.paymentIntents.create(
      {
        amount: 1000,
        currency: "gbp",
        automatic_payment_methods: { enabled: true, allow_redirects: "never" },
        payment_method: "pm_card_visa",
        confirm: true,
      },
      opts(),
    );
    expect(noRedirects.status).toBe("succeeded");
  });

  it("rejects missing and invalid API keys with 401", async () => {
    const invalid = await failure(sdkFor(t.running, "sk_nope").paymentIntents.list());
    expect(invalid).toMatchObject({ type: "StripeAuthenticationError", statusCode: 401 });
    const live = await failure(sdkFor(t.running, "sk_live_123").paymentIntents.list());
    expect(live.statusCode).toBe(401);
    const anyTestKey = await sdkFor(t.running, "sk_test_anything").paymentIntents.list({ limit: 1 });
    expect(anyTestKey.object).toBe("list");
    const response = await fetch(`${t.running.url}/v1/payment_intents`);
    expect(response.status).toBe(401);
    expect(response.headers.get("request-id")).toMatch(/^req_/);
  });

  it("application fees only apply to direct charges on a connected account", async () => {
    const error = await failure(
      t.stripe.paymentIntents.create({ amount: 1000, currency: "gbp", application_fee_amount: 10 }),
    );
    expect(error.param).toBe("application_fee_amount");
    const pi = await t.stripe.paymentIntents.create(
      {
        amount: 1000,
        currency: "gbp",
        application_fee_amount: 50,
        payment_method: "pm_card_visa",
        confirm: true,
        return_url: "http://l/r",
      },
      opts(),
    );
    const charge = await t.stripe.charges.retrieve(String(pi.latest_charge), {}, opts());
    expect(charge.application_fee_amount).toBe(50);
    expect(charge.application_fee).toMatch(/^fee_/);
  });
});

describe("charges", () => {
  it("retrieves and lists charges, filtered by payment intent", async () => {
    const pi = await pay(t.stripe, account, "pm_card_mastercard", 3000);
    const list = await t.stripe.charges.list({ payment_intent: pi.id }, opts());
    expect(list.data).toHaveLength(1);
    const charge = list.data[0] as Stripe.Charge;
    expect(charge).toMatchObject({
      id: pi.latest_charge,
      amount: 3000,
      amount_captured: 3000,
      amount_refunded: 0,
      refunded: false,
      captured: true,
      payment_method_details: { type: "card", card: { brand: "mastercard", last4: "4444" } },
      outcome: { type: "authorized", network_status: "approved_by_network" },
    });
    expect(charge).not.toHaveProperty("refunds");
    const withRefunds = await t.stripe.charges.retrieve(
      charge.id,
      { expand: ["refunds", "payment_intent"] },
      opts(),
    );
    expect(withRefunds.refunds?.object).toBe("list");
    expect((withRefunds.payment_intent as Stripe.PaymentIntent).id).toBe(pi.id);
  });
});
