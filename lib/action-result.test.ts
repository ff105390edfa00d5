import { describe, expect, it } from "vitest";
import { formErrorOf } from "./action-result";

describe("formErrorOf", () => {
  it("shows nothing before a failure", () => {
    expect(formErrorOf(null)).toBeNull();
  });

  it("shows a failure that no field explains above the form", () => {
    expect(formErrorOf({ code: "stripe_error", message: "Stripe is unreachable." })).toBe(
      "Stripe is unreachable.",
    );
    expect(formErrorOf({ code: "conflict", message: "Already sent.", fieldErrors: {} })).toBe(
      "Already sent.",
    );
  });

  it("summarises a validation failure above the fields that carry the details", () => {
    const error = { code: "validation" as const, message: "Please correct the highlighted fields." };
    expect(formErrorOf({ ...error, fieldErrors: { name: ["Enter a name."] } })).toBe(error.message);
  });

  it("leaves a failure a field already shows beside that field only", () => {
    const taken = "An account with this email already exists.";
    expect(formErrorOf({ code: "conflict", message: taken, fieldErrors: { email: [taken] } })).toBeNull();
    const tooMuch = "You can refund at most £100.00 of this payment.";
    expect(
      formErrorOf({ code: "validation", message: tooMuch, fieldErrors: { amount: [tooMuch] } }),
    ).toBeNull();
  });
});
