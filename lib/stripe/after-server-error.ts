import "server-only";
import { randomUUID } from "node:crypto";
import Stripe from "stripe";

/**
 * Stripe answered a 5xx: it keeps that answer as the idempotency key's result once the endpoint began
 * ("including 500 errors", docs "Idempotent requests"), so sending the same key again only replays it.
 */
export function isSavedServerError(error: unknown): boolean {
  return (
    error instanceof Stripe.errors.StripeError &&
    typeof error.statusCode === "number" &&
    error.statusCode >= 500 &&
    !(error instanceof Stripe.errors.StripeConnectionError)
  );
}

/**
 * A change to an existing Stripe object (an amount update, a cancel) whose request got a 5xx: Stripe is
 * read first, and if the change is already there (Stripe can fail after doing the work) that is the
 * answer; only if it is not is the change sent again, under a new key (the old one is spent). Any other
 * error, and a second failure, is thrown to the caller.
 */
export async function retryAfterServerError<T>(
  error: unknown,
  steps: {
    lookup: () => Promise<T>;
    done: (current: T) => boolean;
    resend: (idempotencyKey: string) => Promise<T>;
  },
  baseKey: string,
): Promise<T> {
  if (!isSavedServerError(error)) throw error;
  const current = await steps.lookup();
  if (steps.done(current)) return current;
  return steps.resend(`${baseKey}:after-5xx:${randomUUID()}`);
}
