import { describe, expect, it } from "vitest";
import { paymentStatus } from "@/db/schema/enums";
import { canPaymentMove, isFinalPaymentStatus } from "@/lib/payments/status";
import { settledStatusesForEvent, statusOfEvent } from "./payment-intent";

// markIfSettled marks a payment_intent.* event processed in one statement when the payment's status is
// one of settledStatusesForEvent; prepare decides the same thing in TypeScript. The two must agree for
// every event type and status, or an event would be dropped that prepare would have applied.
const EVENT_TYPES = [
  "payment_intent.succeeded",
  "payment_intent.payment_failed",
  "payment_intent.processing",
  "payment_intent.canceled",
] as const;

describe("settledStatusesForEvent", () => {
  for (const type of EVENT_TYPES) {
    it(`holds exactly the statuses ${type} cannot move`, () => {
      const byRule = paymentStatus.enumValues.filter(
        (status) => isFinalPaymentStatus(status) && !canPaymentMove(status, statusOfEvent(type)),
      );
      expect([...settledStatusesForEvent(type)].sort()).toEqual([...byRule].sort());
    });
  }

  it("never settles a canceled payment for a success: Stripe's word that money was taken is recorded", () => {
    expect(settledStatusesForEvent("payment_intent.succeeded")).not.toContain("canceled");
  });
});
