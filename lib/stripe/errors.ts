import "server-only";
import Stripe from "stripe";
import { AppError } from "@/lib/errors";

/** A 403 on a connected account means the User revoked our access (or the account is gone). */
export function isAccountAccessRevoked(error: unknown): boolean {
  return (
    error instanceof Stripe.errors.StripePermissionError ||
    (error instanceof Stripe.errors.StripeError && error.code === "account_invalid")
  );
}

export function isStripeConnectionError(error: unknown): boolean {
  return (
    error instanceof Stripe.errors.StripeConnectionError || error instanceof Stripe.errors.StripeAPIError
  );
}

export function stripeErrorCode(error: unknown): string | undefined {
  return error instanceof Stripe.errors.StripeError ? (error.code ?? error.type) : undefined;
}

/** Stripe's message is safe to show for card and request errors; anything else gets our own words. */
export function toAppError(
  error: unknown,
  fallback = "Stripe could not complete the request. Please try again.",
): AppError {
  if (isAccountAccessRevoked(error)) {
    return new AppError("stripe_error", "The seller's Stripe account is no longer connected to SixthDesk.", {
      cause: error,
    });
  }
  if (
    error instanceof Stripe.errors.StripeCardError ||
    error instanceof Stripe.errors.StripeInvalidRequestError
  ) {
    return new AppError("stripe_error", error.message, { cause: error });
  }
  if (isStripeConnectionError(error)) {
    return new AppError("stripe_error", "Stripe could not be reached. Please try again in a moment.", {
      cause: error,
    });
  }
  return new AppError("stripe_error", fallback, { cause: error });
}
