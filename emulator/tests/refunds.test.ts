import type Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failure, freshAccount, pay, startTestEmulator, type TestEmulator } from "./helpers";

let t: TestEmulator;
let account: string;
const opts = () => ({ stripeAccount: account });
const charge = (pi: Stripe.PaymentIntent) => t.stripe.charges.retrieve(String(pi.latest_charge), {}, opts());

beforeAll(async () => {
  t = await startTestEmulator();
  account = await freshAccount(t);
});
afterAll(() => t.running.close());

describe("refunds", () => {
  it("partially then fully refunds, keeping the charge's amount_refunded and refunded right", async () => {
    const pi = await pay(t.stripe, account, "pm_card_visa", 5000);
    const first = await t.stripe.refunds.create(
      { payment_intent: pi.id, amount: 2000, reason: "requested_by_customer", metadata: { refund_id: "r1" } },
      opts(),
    );
    expect(first).toMatchObject({
      object: "refund",
      amount: 2000,
      status: "succeeded",
      charge: pi.latest_charge,
      payment_intent: pi.id,
      reason: "requested_by_customer",
      metadata: { refund_id: "r1" },
      currency: "gbp",
    });
    expect(await charge(pi)).toMatchObject({ amount_refunded: 2000, refunded: false });
    const rest = await t.stripe.refunds.create({ charge: String(pi.latest_charge) }, opts());
    expect(rest.amount).toBe(3000);
    expect(await charge(pi)).toMatchObject({ amount_refunded: 5000, refunded: true });
    const after = await t.stripe.paymentIntents.retrieve(pi.id, {}, opts());
    expect(after).toMatchObject({ status: "succeeded", amount_received: 5000 });
  });

  it("refuses more than what is unrefunded, and anything once fully refunded", async () => {
    const pi = await pay(t.stripe, account, "pm_card_visa", 1000);
    const tooMuch = await failure(t.stripe.refunds.create({ payment_intent: pi.id, amount: 1001 }, opts()));
    expect(tooMuch).toMatchObject({ type: "StripeInvalidRequestError", statusCode: 400, param: "amount" });
    await t.stripe.refunds.create({ payment_intent: pi.id }, opts());
    const again = await failure(t.stripe.refunds.create({ payment_intent: pi.id, amount: 1 }, opts()));
    expect(again).toMatchObject({ statusCode: 400, code: "charge_already_refunded" });
    const zero = await failure(t.stripe.refunds.create({ payment_intent: pi.id, amount: 0 }, opts()));
    expect(zero.param).toBe("amount");
  });

  it("refuses to refund a payment that did not succeed, or does not exist", async () => {
    const unpaid = await t.stripe.paymentIntents.create({ amount: 1000, currency: "gbp" }, opts());
    const error = await failure(t.stripe.refunds.create({ payment_intent: unpaid.id }, opts()));
    expect(error).toMatchObject({ statusCode: 400, param: "payment_intent" });
    const missing = await failure(t.stripe.refunds.create({ charge: "ch_missing" }, opts()));
    expect(missing).toMatchObject({ statusCode: 404, code: "resource_missing" });
  });

  it("retrieves, updates and lists refunds by payment intent and charge", async () => {
    const pi = await pay(t.stripe, account, "pm_card_visa", 3000);
    const a = await t.stripe.refunds.create({ payment_intent: pi.id, amount: 100 }, opts());
    const b = await t.stripe.refunds.create({ payment_intent: pi.id, amount: 200 }, opts());
    expect((await t.stripe.refunds.retrieve(a.id, {}, opts())).amount).toBe(100);
    const updated = await t.stripe.refunds.update(a.id, { metadata: { note: "n" } }, opts());
    expect(updated.metadata).toEqual({ note: "n" });
    const byIntent = await t.stripe.refunds.list({ payment_intent: pi.id }, opts());
    expect(byIntent.data.map((r) => r.id)).toEqual([b.id, a.id]);
    const byCharge = await t.stripe.refunds.list({ charge: String(pi.latest_charge), limit: 1 }, opts());
    expect(byCharge).toMatchObject({ has_more: true, data: [{ id: b.id }] });
    const expanded = await t.stripe.refunds.retrieve(a.id, { expand: ["charge"] }, opts());
    expect((expanded.charge as Stripe.Charge).amount_refunded).toBe(300);
    const withRefunds = await t.stripe.charges.retrieve(
      String(pi.latest_charge),
      { expand: ["refunds"] },
      opts(),
    );
    expect(withRefunds.refunds?.data).toHaveLength(2);
  });

  it("card refunds cannot be canceled through the API", async () => {
    const pi = await pay(t.stripe, account, "pm_card_visa");
    const refund = await t.stripe.refunds.create({ payment_intent: pi.id }, opts());
    const error = await failure(t.stripe.refunds.cancel(refund.id, {}, opts()));
    expect(error.statusCode).toBe(400);
  });
});

describe("asynchronous refunds", () => {
  it("4000 0000 0000 7726: pending, then succeeded when settled", async () => {
    const pi = await pay(t.stripe, account, "pm_card_pendingRefund");
    const refund = await t.stripe.refunds.create({ payment_intent: pi.id, amount: 500 }, opts());
    expect(refund.status).toBe("pending");
    expect(await charge(pi)).toMatchObject({ amount_refunded: 500 });
    const { ran } = await t.running.control.settle();
    expect(ran.map((j) => j.kind)).toContain("refund_settle");
    expect((await t.stripe.refunds.retrieve(refund.id, {}, opts())).status).toBe("succeeded");
  });

  it("4000 0000 0000 5126: succeeded, then failed, giving the amount back", async () => {
    const pi = await pay(t.stripe, account, "pm_card_refundFail", 4000);
    const refund = await t.stripe.refunds.create({ payment_intent: pi.id }, opts());
    expect(refund.status).toBe("succeeded");
    expect(await charge(pi)).toMatchObject({ amount_refunded: 4000, refunded: true });
    await t.running.control.advance(3601);
    const failed = await t.stripe.refunds.retrieve(refund.id, {}, opts());
    expect(failed).toMatchObject({ status: "failed", failure_reason: "expired_or_canceled_card" });
    expect(await charge(pi)).toMatchObject({ amount_refunded: 0, refunded: false });
    const again = await t.stripe.refunds.create({ payment_intent: pi.id, amount: 4000 }, opts());
    expect(again.amount).toBe(4000);
  });

  it("advancing the clock by less than the delay settles nothing", async () => {
    const pi = await pay(t.stripe, account, "pm_card_pendingRefund");
    const refund = await t.stripe.refunds.create({ payment_intent: pi.id }, opts());
    await t.running.control.advance(10);
    expect((await t.stripe.refunds.retrieve(refund.id, {}, opts())).status).toBe("pending");
    await t.running.control.advance(3600);
    expect((await t.stripe.refunds.retrieve(refund.id, {}, opts())).status).toBe("succeeded");
  });
});

describe("the account owner's dashboard", () => {
  it("makes a refund the app did not ask for", async () => {
    const pi = await pay(t.stripe, account, "pm_card_visa", 2500);
    const refund = await t.running.control.dashboardRefund(account, { payment_intent: pi.id, amount: 1000 });
    expect(refund).toMatchObject({ amount: 1000, status: "succeeded", payment_intent: pi.id, metadata: {} });
    expect(await charge(pi)).toMatchObject({ amount_refunded: 1000 });
    await expect(
      t.running.control.dashboardRefund(account, { payment_intent: pi.id, amount: 5000 }),
    ).rejects.toThrow(/greater than unrefunded/);
  });

  it("cancels a pending refund, giving the amount back", async () => {
    const pi = await pay(t.stripe, account, "pm_card_pendingRefund", 2500);
    const refund = await t.stripe.refunds.create({ payment_intent: pi.id }, opts());
    const canceled = await t.running.control.cancelRefund(refund.id);
    expect(canceled.status).toBe("canceled");
    expect(await charge(pi)).toMatchObject({ amount_refunded: 0 });
  });
});
