import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { CHARGE_WAIT_MS, chargeWaitUntil } from "./awaiting-charge";
import { intentFromSucceededCharge } from "./charge";

const charge = {
  id: "ch_1",
  object: "charge",
  amount: 12_000,
  amount_captured: 12_000,
  currency: "gbp",
  captured: true,
  paid: true,
  status: "succeeded",
  payment_intent: "pi_1",
  payment_method_details: { type: "card", card: { brand: "visa", last4: "4242" } },
} as unknown as Stripe.Charge;

describe("intentFromSucceededCharge", () => {
  it("is the intent's success, with its amount, currency and the charge (card included)", () => {
    expect(intentFromSucceededCharge(charge)).toEqual({
      id: "pi_1",
      status: "succeeded",
      amount: 12_000,
      currency: "gbp",
      latest_charge: charge,
      last_payment_error: null,
    });
  });

  it("shows nothing for a charge without an intent, not succeeded, or authorised but not captured", () => {
    expect(intentFromSucceededCharge({ ...charge, payment_intent: null })).toBeNull();
    expect(intentFromSucceededCharge({ ...charge, status: "failed", paid: false })).toBeNull();
    expect(intentFromSucceededCharge({ ...charge, status: "pending" })).toBeNull();
    expect(intentFromSucceededCharge({ ...charge, captured: false, amount_captured: 0 })).toBeNull();
  });
});

describe("chargeWaitUntil", () => {
  const receivedAt = new Date("2026-11-30T10:00:00Z");
  it("holds a first success back until CHARGE_WAIT_MS after we received it, then no longer", () => {
    const until = new Date(receivedAt.getTime() + CHARGE_WAIT_MS);
    expect(chargeWaitUntil({ receivedAt, now: receivedAt })).toEqual(until);
    expect(chargeWaitUntil({ receivedAt, now: new Date(until.getTime() - 1) })).toEqual(until);
    expect(chargeWaitUntil({ receivedAt, now: until })).toBeNull();
  });

  it("never holds back an event applied outside the queue", () => {
    expect(chargeWaitUntil({ receivedAt: null, now: receivedAt })).toBeNull();
  });
});
