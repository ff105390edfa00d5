import Stripe from "stripe";
import { isAccountAccessRevoked } from "@/lib/stripe/errors";

/**
 * What a failed `refunds.create` means for our row. `refused`: Stripe answered and made no refund (a
 * 4xx), so the row is marked errored and its amount is no longer held back. `unknown`: the request may
 * or may not have reached Stripe (network failure, 5xx, rate limit), so the row stays `creating`, still
 * holding its amount, until a retry with the same idempotency key, a webhook or reconcile settles it.
 */
export type RefundErrorKind =
  | { kind: "revoked" }
  | { kind: "refused"; code: string; message: string }
  | { kind: "unknown"; code: string };

export function classifyRefundError(error: unknown): RefundErrorKind {
  if (isAccountAccessRevoked(error)) return { kind: "revoked" };
  if (
    error instanceof Stripe.errors.StripeInvalidRequestError ||
    error instanceof Stripe.errors.StripeCardError ||
    error instanceof Stripe.errors.StripeAuthenticationError
  ) {
    const code = error.code ?? (error.param === "amount" ? "amount_too_large" : "invalid_request");
    return { kind: "refused", code, message: refusalMessage(code, error.message) };
  }
  const code =
    error instanceof Stripe.errors.StripeError ? (error.code ?? error.rawType ?? error.type) : "network";
  return { kind: "unknown", code };
}

export { isSavedServerError } from "@/lib/stripe/after-server-error";

function refusalMessage(code: string, stripeMessage: string): string {
  switch (code) {
    case "charge_already_refunded":
      return "Stripe says this payment has already been refunded in full. Nothing more was refunded.";
    case "amount_too_large":
      return "Stripe says that is more than what is left to refund on this payment. Nothing was refunded.";
    case "charge_disputed":
      return "This payment is disputed, so Stripe will not refund it. Nothing was refunded.";
    default:
      return `Stripe refused the refund: ${stripeMessage} Nothing was refunded.`;
  }
}

export const ACCOUNT_REVOKED_MESSAGE =
  "Your Stripe account is no longer connected to SixthDesk, so nothing was refunded. Connect it again under Settings → Payments.";

export const UNKNOWN_OUTCOME_MESSAGE =
  "Stripe could not be reached, so we do not know yet whether the refund went through. It stays pending: press Retry. It will never be refunded twice.";

/** What the person is told when the outcome is unknown, by what went wrong. */
export function unknownOutcomeMessage(code: string): string {
  switch (code) {
    case "rate_limit":
      return "Stripe is busy right now and did not take the refund. It stays pending: press Retry in a moment. It will never be refunded twice.";
    case "api_error":
      return "Stripe had an error while taking the refund, so we do not know yet whether it went through. It stays pending: press Retry (we check with Stripe first). It will never be refunded twice.";
    default:
      return UNKNOWN_OUTCOME_MESSAGE;
  }
}
