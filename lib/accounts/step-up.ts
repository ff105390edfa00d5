import "server-only";
import type { Database } from "@/db";
import { getPayment } from "@/db/queries/payments";
import type { User } from "@/db/schema";
import { currencyExponent, parseMoney } from "@/lib/money";
import { RATE_MINOR_PER_USD } from "@/lib/payments/amount-rules";
import { requireSecondFactor } from "./security";

// Steps that move or cut off real money ask for the second factor again (when the User has one), so a
// stolen session cookie alone cannot disconnect Stripe or send a large refund.

/** A refund worth about this many US dollars or more is "large" (the fixed rate table of amount-rules). */
export const LARGE_REFUND_USD = 500;

export function largeRefundThresholdMinor(currency: string): number {
  const perUsd = RATE_MINOR_PER_USD[currency.toLowerCase()] ?? 10 ** currencyExponent(currency);
  return LARGE_REFUND_USD * perUsd;
}

export async function stepUpForDisconnect(db: Database, params: { user: User; code: string }) {
  await requireSecondFactor(db, params);
}

/** Asks again only for large refunds; anything the refund rules will refuse is left to them. */
export async function stepUpForRefund(
  db: Database,
  params: { user: User; paymentId: string; amount: string; code: string },
) {
  if (!params.user.totpSecret) return;
  const payment = await getPayment(db, { userId: params.user.id, paymentId: params.paymentId });
  if (!payment) return;
  const parsed = parseMoney(params.amount, payment.currency);
  if (parsed.ok && parsed.minor >= largeRefundThresholdMinor(payment.currency)) {
    await requireSecondFactor(db, { user: params.user, code: params.code });
  }
}
