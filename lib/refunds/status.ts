import { refundStatus } from "@/db/schema/enums";

export type RefundStatus = (typeof refundStatus.enumValues)[number];
/** The statuses Stripe reports for a refund; `creating` and `errored` are ours (on its way, or refused). */
export type StripeRefundStatus = Exclude<RefundStatus, "creating" | "errored">;

const STRIPE_STATUSES: readonly string[] = refundStatus.enumValues.filter(
  (status) => status !== "creating" && status !== "errored",
);

/** Statuses of a refund still on its way: shown as pending beside a payment. */
export const IN_FLIGHT_REFUND_STATUSES = [
  "creating",
  "pending",
  "requires_action",
] as const satisfies readonly RefundStatus[];
/** Statuses whose amount counts against what can still be refunded: made, or on its way. */
export const RESERVING_REFUND_STATUSES = [...IN_FLIGHT_REFUND_STATUSES, "succeeded"] as const;

/** Our status for Stripe's; anything Stripe may add later is refused rather than guessed at. */
export function refundStatusFromStripe(status: string | null | undefined): StripeRefundStatus {
  if (status && STRIPE_STATUSES.includes(status)) return status as StripeRefundStatus;
  throw new Error(`unknown refund status ${String(status)}`);
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
    case "pending":
      return to === "requires_action" || to === "succeeded" || to === "failed" || to === "canceled";
    case "requires_action":
      return to === "succeeded" || to === "failed" || to === "canceled";
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
