import { describe, expect, it } from "vitest";
import { SELLER_GENERIC_FAILURE, sellerFailureText } from "./seller-messages";

describe("sellerFailureText", () => {
  it("says in words why a payment failed, from the stored decline or error code", () => {
    expect(sellerFailureText("insufficient_funds")).toBe("The card did not have enough funds.");
    expect(sellerFailureText("payment_intent_authentication_failure")).toMatch(/3-D Secure/);
    expect(sellerFailureText("stolen_card")).toMatch(/reported stolen/);
  });

  it("falls back to a plain sentence for unknown or missing codes, never an API message", () => {
    expect(sellerFailureText("a_code_stripe_adds_later")).toBe(SELLER_GENERIC_FAILURE);
    expect(sellerFailureText(null)).toBe(SELLER_GENERIC_FAILURE);
    expect(sellerFailureText("payment_failed")).toBe(SELLER_GENERIC_FAILURE);
  });
});
