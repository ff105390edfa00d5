import { describe, expect, it } from "vitest";
import { refundFigures } from "./figures";
import { canRefundMoveTo, type RefundStatus, refundStatusFromStripe } from "./status";

describe("refund status moves only forward", () => {
  it.each<[RefundStatus, RefundStatus, boolean]>([
    ["creating", "pending", true],
    ["creating", "succeeded", true],
    ["pending", "succeeded", true],
    ["pending", "requires_action", true],
    ["requires_action", "pending", false],
    ["succeeded", "pending", false],
    ["succeeded", "failed", true],
    ["failed", "succeeded", false],
    ["canceled", "pending", false],
    ["succeeded", "succeeded", false],
    ["errored", "succeeded", true],
    ["pending", "creating", false],
    ["pending", "unknown", true],
    ["unknown", "succeeded", true],
    ["unknown", "creating", false],
    ["succeeded", "unknown", false],
    ["failed", "unknown", false],
  ])("%s → %s: %s", (from, to, allowed) => {
    expect(canRefundMoveTo(from, to)).toBe(allowed);
  });

  it("records a status it does not know, or none, as unknown with Stripe's word", () => {
    expect(refundStatusFromStripe("succeeded")).toEqual({ status: "succeeded", unknown: null });
    expect(refundStatusFromStripe("reversed")).toEqual({ status: "unknown", unknown: "reversed" });
    expect(refundStatusFromStripe(null)).toEqual({ status: "unknown", unknown: "null" });
  });
});

describe("refund figures", () => {
  it("counts succeeded as refunded, in-flight as pending, and neither failed nor errored", () => {
    const figures = refundFigures({ amountMinor: 12_000, status: "succeeded" }, [
      { amountMinor: 2_000, status: "succeeded" },
      { amountMinor: 1_000, status: "pending" },
      { amountMinor: 500, status: "creating" },
      { amountMinor: 3_000, status: "failed" },
      { amountMinor: 4_000, status: "errored" },
      { amountMinor: 700, status: "canceled" },
      { amountMinor: 300, status: "unknown" },
    ]);
    expect(figures).toEqual({
      paidMinor: 12_000,
      refundedMinor: 2_000,
      pendingMinor: 1_800,
      refundableMinor: 8_200,
    });
  });

  it("has nothing refundable on a payment that did not succeed", () => {
    expect(refundFigures({ amountMinor: 5_000, status: "failed" }, []).refundableMinor).toBe(0);
  });
});
