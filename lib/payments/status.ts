import type Stripe from "stripe";
import type { Payment } from "@/db/schema";
import {
  isKnownValue,
  STRIPE_PAYMENT_INTENT_STATUSES,
  type StripePaymentIntentStatus,
} from "@/lib/stripe/known-values";

export type PaymentStatus = Payment["status"];

/** Our payment status from the PaymentIntent's: a declined attempt returns the intent to
 * requires_payment_method with last_payment_error, which we show as failed. A status this API version
 * does not have is "unknown" (the caller keeps Stripe's word: `unknownIntentStatus`). */
export function paymentStatusFromIntent(
  intent: Pick<Stripe.PaymentIntent, "status" | "last_payment_error">,
): PaymentStatus {
  const status = intent.status;
  if (!isKnownValue<StripePaymentIntentStatus>(STRIPE_PAYMENT_INTENT_STATUSES, status)) return "unknown";
  switch (status) {
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
    default: {
      // Every known status is handled above: a value added to the SDK's union fails the typecheck here.
      const never: never = status;
      throw new Error(`unhandled PaymentIntent status ${String(never)}`);
    }
  }
}

/** Stripe's word for a status we record as "unknown", else null. */
export function unknownIntentStatus(intent: Pick<Stripe.PaymentIntent, "status">): string | null {
  return isKnownValue<StripePaymentIntentStatus>(STRIPE_PAYMENT_INTENT_STATUSES, intent.status)
    ? null
    : String(intent.status);
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
  // "unknown" never counts as money taken or refused: it only replaces a status still open.
  if (to === "unknown") return from !== "canceled";
  if (from === "canceled") return to === "succeeded";
  return true;
}
