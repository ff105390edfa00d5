import type { User } from "@/db/schema";

/**
 * The User's Stripe account while it is connected to SixthDesk, else null: the one test of "Stripe
 * connected" (a disconnected User keeps the account id for the record).
 */
export function connectedStripeAccount(
  user: Pick<User, "stripeAccountId" | "stripeConnectionStatus">,
): string | null {
  return user.stripeConnectionStatus === "connected" ? user.stripeAccountId : null;
}
