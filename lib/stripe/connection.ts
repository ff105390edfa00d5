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

export type PaymentsGate = Pick<
  User,
  "stripeAccountId" | "stripeConnectionStatus" | "stripeChargesEnabled" | "stripeCardPayments"
>;

/**
 * The account customers can pay right now, else null: the one rule for taking payments. Stripe says
 * an account can take card payments when `charges_enabled` is true and its `card_payments` capability
 * is active. A capability we have not read (null: accounts stored before we read it) leaves the
 * decision to `charges_enabled`.
 */
export function paymentsAccount(user: PaymentsGate): string | null {
  if (!user.stripeChargesEnabled) return null;
  if (user.stripeCardPayments !== null && user.stripeCardPayments !== "active") return null;
  return connectedStripeAccount(user);
}
