import type { refundStatus } from "@/db/schema/enums";
import { isKnownValue, STRIPE_REFUND_STATUSES, type StripeRefundStatus } from "@/lib/stripe/known-values";

export type RefundStatus = (typeof refundStatus.enumValues)[number];
export type { StripeRefundStatus };

/** Statuses of a refund still on its way: shown as pending beside a payment. */
export const IN_FLIGHT_REFUND_STATUSES = [
  "creating",
  "pending",
  "requires_action",
  // Stripe said something we do not know: its amount stays reserved, so nothing is refunded twice.
  "unknown",
] as const satisfies readonly RefundStatus[];
/** Statuses whose amount counts against what can still be refunded: made, or on its way. */
export const RESERVING_REFUND_STATUSES = [...IN_FLIGHT_REFUND_STATUSES, "succeeded"] as const;

/**
 * Our status for Stripe's. A value we do not know, or none (the SDK types it `string | null`), is
 * "unknown" with Stripe's word kept: recorded and shown, never guessed at, never an error.
 */
export function refundStatusFromStripe(status: string | null | undefined): {
  status: StripeRefundStatus | "unknown";
  unknown: string | null;
} {
  if (isKnownValue<StripeRefundStatus>(STRIPE_REFUND_STATUSES, status)) return { status, unknown: null };
  return { status: "unknown", unknown: String(status) };
}

/**
 * Whether a refund may move from `from` to `to`. Status only moves forward, so a late or replayed
 * event never undoes a newer one: creating < pending/requires_action < succeeded/failed/canceled.
 * Two exceptions Stripe documents: a pending refund may come to need action, and a succeeded refund
 * may still fail days later (card 5126). `errored` marks a request Stripe refused; should Stripe
 * ever report a refund for it after all, Stripe's word wins.
 */
export function canRefundMoveTo(from: RefundStatus, to: RefundStatus): boolean {
  if (from === to) return false;
  switch (from) {
    case "creating":
    case "errored":
      return to !== "creating" && to !== "errored";
    case "unknown":
      // Whatever Stripe says next it knows better than "unknown".
      return to !== "creating" && to !== "errored";
    case "pending":
      return (
        to === "requires_action" ||
        to === "succeeded" ||
        to === "failed" ||
        to === "canceled" ||
        to === "unknown"
      );
    case "requires_action":
      return to === "succeeded" || to === "failed" || to === "canceled" || to === "unknown";
    case "succeeded":
      return to === "failed";
    case "failed":
    case "canceled":
      return false;
    default: {
      const never: never = from;
      throw new Error(`unexpected refund status ${String(never)}`);
    }
  }
}

export function isInFlight(status: RefundStatus): boolean {
  return (IN_FLIGHT_REFUND_STATUSES as readonly RefundStatus[]).includes(status);
}
