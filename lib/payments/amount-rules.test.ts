import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  chargeIncrementMinor,
  chargeStepNote,
  floorToChargeStep,
  isOnChargeStep,
  roundToChargeStep,
} from "@/lib/money";
import {
  checkChargeAmount,
  checkRefundAmount,
  minimumChargeMinor,
  payLinkChargeProblem,
  RATE_MINOR_PER_USD,
  smallestChargeMinor,
} from "./amount-rules";

/** Intl puts a no-break space between a currency code and the figure. */
const plain = (text: string | null) => text?.replaceAll("\u00a0", " ") ?? null;

describe("charge steps", () => {
  it("knows each currency's step: GBP and JPY any, KWD and BHD end in 0, ISK whole krónur", () => {
    expect([1999, 1, 5000].every((a) => isOnChargeStep(a, "gbp"))).toBe(true);
    expect(isOnChargeStep(7, "jpy")).toBe(true);
    expect(isOnChargeStep(5124, "kwd")).toBe(false);
    expect(isOnChargeStep(5120, "kwd")).toBe(true);
    expect(isOnChargeStep(1235, "bhd")).toBe(false);
    expect(isOnChargeStep(10050, "isk")).toBe(false);
    expect(isOnChargeStep(10000, "ISK")).toBe(true);
  });

  it("rounds half-up to the step, and down for what can still be refunded", () => {
    expect(roundToChargeStep(5124, "kwd")).toBe(5120);
    expect(roundToChargeStep(5125, "kwd")).toBe(5130);
    expect(roundToChargeStep(15150, "isk")).toBe(15200);
    expect(roundToChargeStep(15149, "isk")).toBe(15100);
    expect(roundToChargeStep(1999, "gbp")).toBe(1999);
    expect(floorToChargeStep(5129, "kwd")).toBe(5120);
    expect(floorToChargeStep(15199, "isk")).toBe(15100);
  });

  it("rounding lands on the step and moves the amount by at most half a step", () => {
    fc.assert(
      fc.property(fc.constantFrom("gbp", "jpy", "kwd", "bhd", "isk"), fc.nat(10 ** 12), (currency, minor) => {
        const rounded = roundToChargeStep(minor, currency);
        const step = chargeIncrementMinor(currency);
        expect(isOnChargeStep(rounded, currency)).toBe(true);
        expect(2 * Math.abs(rounded - minor)).toBeLessThanOrEqual(step);
      }),
    );
  });

  it("explains the step in words", () => {
    expect(chargeStepNote("kwd")).toBe("Stripe charges KWD in steps of 0.010");
    expect(chargeStepNote("isk")).toBe("Stripe charges ISK in whole krónur");
    expect(chargeStepNote("gbp")).toBeNull();
  });

  it("refuses off-step charges and refunds with a message that offers the two nearest amounts", () => {
    const charge = checkChargeAmount({ amountMinor: 5124, currency: "kwd", settlementCurrency: "usd" });
    expect(charge.ok ? charge : { ...charge, message: plain(charge.message) }).toEqual({
      ok: false,
      reason: "step",
      message:
        "KWD 5.124 cannot be charged: Stripe charges KWD in steps of 0.010. Use KWD 5.120 or KWD 5.130.",
    });
    expect(checkRefundAmount({ amountMinor: 1235, currency: "bhd" })).toMatchObject({
      ok: false,
      reason: "step",
    });
    expect(checkRefundAmount({ amountMinor: 150, currency: "isk" })).toMatchObject({
      ok: false,
      reason: "step",
    });
    expect(checkRefundAmount({ amountMinor: 1, currency: "gbp" })).toEqual({ ok: true });
    expect(checkRefundAmount({ amountMinor: 1230, currency: "kwd" })).toEqual({ ok: true });
  });
});

describe("minimum charge in the settlement currency", () => {
  it("uses Stripe's table, or 50 US cents converted for currencies it does not list", () => {
    expect(minimumChargeMinor("gbp")).toBe(30);
    expect(minimumChargeMinor("JPY")).toBe(50);
    expect(minimumChargeMinor("usd")).toBe(50);
    // 50 cents of KWD at 0.307 KWD per USD = 153.5 fils → 154.
    expect(minimumChargeMinor("kwd")).toBe(154);
  });

  it("a JPY charge on a GBP-settling account needs 30 pence worth: ¥57, not JPY's own ¥50", () => {
    expect(smallestChargeMinor("jpy", "gbp")).toBe(57);
    expect(checkChargeAmount({ amountMinor: 50, currency: "jpy", settlementCurrency: "gbp" })).toEqual({
      ok: false,
      reason: "minimum",
      message: "Card payments must be at least JP¥57.",
    });
    expect(checkChargeAmount({ amountMinor: 57, currency: "jpy", settlementCurrency: "gbp" }).ok).toBe(true);
    expect(checkChargeAmount({ amountMinor: 50, currency: "jpy", settlementCurrency: "jpy" }).ok).toBe(true);
  });

  it("is set by the settlement currency, not the charged one", () => {
    // £0.30 is GBP's own minimum, but only 37.5 US cents.
    expect(smallestChargeMinor("gbp", "usd")).toBe(40);
    expect(smallestChargeMinor("gbp", "gbp")).toBe(30);
    expect(smallestChargeMinor("gbp", null)).toBe(30);
    // KWD on a USD account: 50 cents = 153.5 fils → 154 → on the step, 160.
    expect(smallestChargeMinor("kwd", "usd")).toBe(160);
    // BHD on a GBP account: 30p = 0.141375 BHD → 142 fils → 150; ISK on EUR: 50c = 75.0 kr → 7500.
    expect(smallestChargeMinor("bhd", "gbp")).toBe(150);
    expect(smallestChargeMinor("isk", "eur")).toBe(7500);
  });

  it("the smallest amount passes and one step less does not, for every pair with a rate", () => {
    const codes = Object.keys(RATE_MINOR_PER_USD);
    for (const currency of codes) {
      for (const settlement of codes) {
        const smallest = smallestChargeMinor(currency, settlement);
        const pass = checkChargeAmount({ amountMinor: smallest, currency, settlementCurrency: settlement });
        expect(pass, `${currency} on ${settlement}`).toEqual({ ok: true });
        const less = smallest - chargeIncrementMinor(currency);
        if (less > 0) {
          const fail = checkChargeAmount({ amountMinor: less, currency, settlementCurrency: settlement });
          expect(fail.ok, `${currency} on ${settlement}`).toBe(false);
        }
      }
    }
  });

  it("lets Stripe decide when a currency has no rate", () => {
    expect(smallestChargeMinor("mnt", "gbp")).toBe(1);
  });
});

describe("payLinkChargeProblem", () => {
  const base = { currency: "jpy", settlementCurrency: "gbp", sellerName: "Studio Ltd" };

  it("says why the amount due cannot be paid by card, or nothing when it can", () => {
    expect(payLinkChargeProblem({ ...base, dueMinor: 40 })).toBe(
      "The amount due (JP¥40) is below the smallest card payment Studio Ltd can accept (JP¥57). Please contact Studio Ltd to arrange payment.",
    );
    expect(payLinkChargeProblem({ ...base, dueMinor: 5000 })).toBeNull();
    expect(payLinkChargeProblem({ ...base, dueMinor: 0 })).toBeNull();
    expect(
      plain(
        payLinkChargeProblem({ dueMinor: 5124, currency: "kwd", settlementCurrency: "gbp", sellerName: "S" }),
      ),
    ).toBe(
      "The amount due (KWD 5.124) cannot be paid by card: Stripe charges KWD in steps of 0.010. Please ask S to update the invoice.",
    );
  });
});
