import type Stripe from "stripe";
import type { Payment } from "@/db/schema";

export type PaymentStatus = Payment["status"];

/** Our payment status from the PaymentIntent's: a declined attempt returns the intent to
 * requires_payment_method with last_payment_error, which we show as failed. */
export function paymentStatusFromIntent(
  intent: Pick<Stripe.PaymentIntent, "status" | "last_payment_error">,
): PaymentStatus {
  switch (intent.status) {
    case "succeeded":
      return "succeeded";
    case "processing":
    case "requires_capture":
      return "processing";
    case "requires_action":
      return "requires_action";
    case "requires_confirmation":
      return "requires_confirmation";
    case "canceled":
      return "canceled";
    case "requires_payment_method":
      return intent.last_payment_error ? "failed" : "requires_payment_method";
    default:
      // The SDK types leave room for statuses Stripe may add; refuse to guess what they mean for money.
      throw new Error(`unknown PaymentIntent status ${intent.status}`);
  }
}

/** Succeeded and canceled are final: a stale read or a late event must never move a payment back. */
export function isFinalPaymentStatus(status: PaymentStatus): boolean {
  return status === "succeeded" || status === "canceled";
}

/**
 * Whether our payment may move from `from` to Stripe's `to`. Succeeded is final: a stale read or a late
 * event never moves it back. Canceled is final too, except that Stripe's word that the money was taken
 * always wins: a payment is never dropped because our row said otherwise.
 */
export function canPaymentMove(from: PaymentStatus, to: PaymentStatus): boolean {
  if (from === to || from === "succeeded") return false;
  if (from === "canceled") return to === "succeeded";
  return true;
}
