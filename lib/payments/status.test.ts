import { describe, expect, it } from "vitest";
import { canPaymentMove } from "./status";

describe("canPaymentMove", () => {
  it("never moves a succeeded payment, and a canceled one only to succeeded (money is never dropped)", () => {
    expect(canPaymentMove("succeeded", "canceled")).toBe(false);
    expect(canPaymentMove("succeeded", "failed")).toBe(false);
    expect(canPaymentMove("canceled", "requires_payment_method")).toBe(false);
    expect(canPaymentMove("canceled", "succeeded")).toBe(true);
  });

  it("follows Stripe otherwise, and a repeat is no move", () => {
    expect(canPaymentMove("requires_payment_method", "succeeded")).toBe(true);
    expect(canPaymentMove("failed", "processing")).toBe(true);
    expect(canPaymentMove("processing", "processing")).toBe(false);
  });
});
