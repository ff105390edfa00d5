import type Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failure, freshAccount, pay, startTestEmulator, type TestEmulator } from "./helpers";

let t: TestEmulator;
let account: string;
const opts = () => ({ stripeAccount: account });

beforeAll(async () => {
  t = await startTestEmulator();
  account = await freshAccount(t);
});
afterAll(() => t.running.close());

/** Confirms with raw card data, as the stand-in Payment Element sends it. */
function payWithCard(number: string, extra: Partial<Stripe.PaymentIntentCreateParams> = {}) {
  return t.stripe.paymentIntents.create(
    {
      amount: 2500,
      currency: "gbp",
      confirm: true,
      return_url: "http://localhost/return",
      payment_method_data: {
        type: "card",
        card: { number, exp_month: 12, exp_year: 2040, cvc: "123" },
      } as Stripe.PaymentIntentCreateParams.PaymentMethodData,
      ...extra,
    },
    opts(),
  );
}

describe("test cards that succeed", () => {
  it.each([
    ["pm_card_visa", "visa", "4242"],
    ["pm_card_mastercard", "mastercard", "4444"],
    ["pm_card_amex", "amex", "0005"],
    ["pm_card_visa_debit", "visa", "5556"],
    ["pm_card_gb", "visa", "0000"],
    ["pm_card_bypassPending", "visa", "0077"],
  ])("%s succeeds", async (pm, brand, last4) => {
    const pi = await pay(t.stripe, account, pm);
    expect(pi.status).toBe("succeeded");
    const charge = await t.stripe.charges.retrieve(String(pi.latest_charge), {}, opts());
    expect(charge.payment_method_details?.card).toMatchObject({ brand, last4 });
    const method = await t.stripe.paymentMethods.retrieve(String(pi.payment_method), {}, opts());
    expect(method).toMatchObject({ type: "card", card: { brand, last4 } });
  });

  it("4242 4242 4242 4242 typed in succeeds", async () => {
    const pi = await payWithCard("4242424242424242");
    expect(pi).toMatchObject({ status: "succeeded", amount_received: 2500 });
  });
});

describe("declines", () => {
  it.each([
    ["pm_card_visa_chargeDeclined", "4000000000000002", "card_declined", "generic_decline"],
    [
      "pm_card_visa_chargeDeclinedInsufficientFunds",
      "4000000000009995",
      "card_declined",
      "insufficient_funds",
    ],
    ["pm_card_visa_chargeDeclinedLostCard", "4000000000009987", "card_declined", "lost_card"],
    ["pm_card_visa_chargeDeclinedStolenCard", "4000000000009979", "card_declined", "stolen_card"],
    ["pm_card_chargeDeclinedExpiredCard", "4000000000000069", "expired_card", "expired_card"],
    ["pm_card_chargeDeclinedIncorrectCvc", "4000000000000127", "incorrect_cvc", "incorrect_cvc"],
    ["pm_card_chargeDeclinedProcessingError", "4000000000000119", "processing_error", "processing_error"],
    [
      "pm_card_visa_chargeDeclinedVelocityLimitExceeded",
      "4000000000006975",
      "card_declined",
      "card_velocity_exceeded",
    ],
  ])("%s / %s → 402 %s (%s)", async (pm, number, code, declineCode) => {
    for (const attempt of [() => pay(t.stripe, account, pm), () => payWithCard(number)]) {
      const error = await failure(attempt());
      expect(error).toMatchObject({
        type: "StripeCardError",
        statusCode: 402,
        code,
        decline_code: declineCode,
      });
      expect(error.charge).toMatch(/^ch_/);
      const pi = error.payment_intent as Stripe.PaymentIntent;
      expect(pi.status).toBe("requires_payment_method");
      expect(pi.last_payment_error).toMatchObject({ type: "card_error", code, decline_code: declineCode });
      const charge = await t.stripe.charges.retrieve(String(error.charge), {}, opts());
      expect(charge).toMatchObject({
        status: "failed",
        paid: false,
        failure_code: code,
        outcome: { type: "issuer_declined" },
      });
    }
  });

  it("a declined PaymentIntent can be paid again with another card", async () => {
    const error = await failure(pay(t.stripe, account, "pm_card_visa_chargeDeclined"));
    const id = String(error.payment_intent?.id);
    const retried = await t.stripe.paymentIntents.confirm(
      id,
      { payment_method: "pm_card_visa", return_url: "http://localhost/r" },
      opts(),
    );
    expect(retried).toMatchObject({ status: "succeeded", last_payment_error: null });
  });

  it("rejects numbers failing the Luhn check, bad expiry and CVC", async () => {
    expect(await failure(payWithCard("4242424242424241"))).toMatchObject({
      statusCode: 402,
      code: "incorrect_number",
    });
    const month = await failure(
      t.stripe.paymentIntents.create(
        {
          amount: 1000,
          currency: "gbp",
          confirm: true,
          return_url: "http://l/r",
          payment_method_data: {
            type: "card",
            card: { number: "4242424242424242", exp_month: 13, exp_year: 2040 },
          },
        } as Stripe.PaymentIntentCreateParams,
        opts(),
      ),
    );
    expect(month.code).toBe("invalid_expiry_month");
  });

  it("declines real (non-test) card numbers, as test mode does", async () => {
    expect(await failure(payWithCard("4111111111111111"))).toMatchObject({
      decline_code: "test_mode_live_card",
    });
  });
});

describe("3-D Secure", () => {
  it.each([
    "pm_card_authenticationRequiredOnSetup",
    "pm_card_authenticationRequired",
    "pm_card_threeDSecure2Required",
  ])("%s requires action, then succeeds when completed", async (pm) => {
    const pi = await pay(t.stripe, account, pm);
    expect(pi.status).toBe("requires_action");
    expect(pi.next_action?.type).toBe("redirect_to_url");
    expect(pi.latest_charge).toBeNull();
    await t.running.control.authenticatePaymentIntent(pi.id, "complete");
    const after = await t.stripe.paymentIntents.retrieve(pi.id, {}, opts());
    expect(after).toMatchObject({ status: "succeeded", amount_received: 2000 });
  });

  it("4000 0025 0000 3155 typed in asks Stripe.js for the challenge, and failing it returns to requires_payment_method", async () => {
    const pi = await payWithCard("4000002500003155", {
      use_stripe_sdk: true,
    } as Partial<Stripe.PaymentIntentCreateParams>);
    expect(pi.next_action?.type).toBe("use_stripe_sdk");
    await t.running.control.authenticatePaymentIntent(pi.id, "fail");
    const after = await t.stripe.paymentIntents.retrieve(pi.id, {}, opts());
    expect(after.status).toBe("requires_payment_method");
    expect(after.last_payment_error?.code).toBe("payment_intent_authentication_failure");
  });

  it("the challenge page completes 3-D Secure and redirects to return_url", async () => {
    const pi = await pay(t.stripe, account, "pm_card_authenticationRequired");
    const url = pi.next_action?.redirect_to_url?.url ?? "";
    expect(url.startsWith(t.running.url)).toBe(true);
    const page = await fetch(url);
    expect(await page.text()).toContain("Complete authentication");
    const query = new URL(url).searchParams;
    const answer = await fetch(url, {
      method: "POST",
      redirect: "manual",
      body: new URLSearchParams({
        account: query.get("account") ?? "",
        client_secret: query.get("client_secret") ?? "",
        result: "complete",
      }),
    });
    expect(answer.status).toBe(302);
    const location = new URL(answer.headers.get("location") ?? "");
    expect(location.pathname).toBe("/return");
    expect(location.searchParams.get("payment_intent")).toBe(pi.id);
    expect(location.searchParams.get("redirect_status")).toBe("succeeded");
  });

  it("off-session payments with a 3-D Secure card decline with authentication_required", async () => {
    const error = await failure(
      t.stripe.paymentIntents.create(
        {
          amount: 1000,
          currency: "gbp",
          confirm: true,
          off_session: true,
          payment_method: "pm_card_authenticationRequiredOnSetup",
        },
        opts(),
      ),
    );
    expect(error).toMatchObject({ statusCode: 402, code: "authentication_required" });
  });

  it("4000 0084 0000 1629 declines after authentication", async () => {
    const pi = await pay(t.stripe, account, "pm_card_threeDSecureRequiredChargeDeclined");
    const after = await t.running.control.authenticatePaymentIntent(pi.id, "complete");
    expect(after.status).toBe("requires_payment_method");
    expect(after.last_payment_error?.decline_code).toBe("generic_decline");
  });
});

describe("asynchronous cards", () => {
  it("the emulator's processing card stays processing until settled", async () => {
    const pi = await pay(t.stripe, account, "pm_card_emulator_processing");
    expect(pi.status).toBe("processing");
    const charge = await t.stripe.charges.retrieve(String(pi.latest_charge), {}, opts());
    expect(charge.status).toBe("pending");
    await t.running.control.settle();
    const after = await t.stripe.paymentIntents.retrieve(pi.id, { expand: ["latest_charge"] }, opts());
    expect(after.status).toBe("succeeded");
    expect((after.latest_charge as Stripe.Charge).status).toBe("succeeded");
  });

  it("4000 0000 0000 0259 succeeds, then gets disputed", async () => {
    const pi = await pay(t.stripe, account, "pm_card_createDispute");
    expect(pi.status).toBe("succeeded");
    await t.running.control.settle();
    const disputes = await t.stripe.disputes.list({ payment_intent: pi.id }, opts());
    expect(disputes.data[0]).toMatchObject({
      reason: "fraudulent",
      status: "needs_response",
      amount: 2000,
      charge: pi.latest_charge,
    });
    const charge = await t.stripe.charges.retrieve(String(pi.latest_charge), {}, opts());
    expect(charge.disputed).toBe(true);
    const refund = await failure(t.stripe.refunds.create({ payment_intent: pi.id }, opts()));
    expect(refund.code).toBe("charge_disputed");
    const closed = await t.running.control.closeDispute(String(disputes.data[0]?.id), "won");
    expect(closed.status).toBe("won");
  });

  it.each([
    ["pm_card_createDisputeProductNotReceived", "product_not_received", "needs_response"],
    ["pm_card_createDisputeInquiry", "general", "warning_needs_response"],
  ])("%s is disputed (%s) after settling", async (pm, reason, status) => {
    const pi = await pay(t.stripe, account, pm);
    await t.running.control.settle();
    const [dispute] = (await t.stripe.disputes.list({ charge: String(pi.latest_charge) }, opts())).data;
    expect(dispute).toMatchObject({ reason, status });
  });
});
