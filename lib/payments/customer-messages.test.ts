import { describe, expect, it } from "vitest";
import { customerFailureText, customerPaymentMessage, GENERIC_FAILURE } from "./customer-messages";

describe("customerPaymentMessage", () => {
  it("turns decline codes into plain words, whatever Stripe's message says", () => {
    expect(
      customerPaymentMessage({
        type: "card_error",
        code: "card_declined",
        decline_code: "insufficient_funds",
      }),
    ).toBe("Your card does not have enough funds for this payment. You have not been charged.");
    expect(customerPaymentMessage({ type: "card_error", code: "expired_card" })).toMatch(
      /^Your card has expired\./,
    );
    expect(customerPaymentMessage({ type: "card_error", code: "incorrect_cvc" })).toMatch(/security code/);
  });

  it("never tells the Customer a card was reported lost, stolen or fraudulent", () => {
    for (const decline_code of [
      "lost_card",
      "stolen_card",
      "fraudulent",
      "pickup_card",
      "generic_decline",
      "a_code_stripe_adds_later",
    ]) {
      const text = customerPaymentMessage({ type: "card_error", code: "card_declined", decline_code });
      expect(text).toBe(
        "Your card was declined. You have not been charged. Please try another card or contact your bank.",
      );
    }
  });

  it("explains a failed 3-D Secure check without API words", () => {
    const text = customerPaymentMessage({
      type: "invalid_request_error",
      code: "payment_intent_authentication_failure",
    });
    expect(text).toContain("security check was not completed");
    expect(text).not.toMatch(/payment_intent|PaymentIntent|authenticate this payment method/);
  });

  it("leaves validation errors to the field that shows them (said once)", () => {
    expect(customerPaymentMessage({ type: "validation_error", code: "incomplete_number" })).toBeNull();
  });

  it("has a plain fallback for anything else", () => {
    expect(customerPaymentMessage({ type: "api_error", code: "something_new" })).toBe(GENERIC_FAILURE);
    expect(customerPaymentMessage(undefined)).toBe(GENERIC_FAILURE);
  });
});

describe("customerFailureText", () => {
  it("reads the code stored on the payment the same way", () => {
    expect(customerFailureText("insufficient_funds")).toBe(
      customerPaymentMessage({ type: "card_error", decline_code: "insufficient_funds" }),
    );
    expect(customerFailureText("payment_intent_authentication_failure")).toContain("security check");
    expect(customerFailureText("generic_decline")).toMatch(/^Your card was declined\./);
    expect(customerFailureText(null)).toBe(GENERIC_FAILURE);
  });
});
