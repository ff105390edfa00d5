import "server-only";
import type { Database } from "@/db";
import { findPaymentByIntentIdForStripe } from "@/db/queries/payments";
import { findPaymentByChargeIdForStripe } from "@/db/queries/refunds";
import type { Payment } from "@/db/schema";

export const stripeIdOf = (value: string | { id: string } | null | undefined): string | null =>
  typeof value === "string" ? value : (value?.id ?? null);

/**
 * The payment a refund or dispute on `accountId` is about, if it is one of ours on that account. Webhook
 * handlers ask this before calling Stripe, so events about other accounts' charges cost nothing.
 */
export async function findOurPaymentForStripe(
  db: Database,
  params: { accountId: string; paymentIntentId: string | null; chargeId: string | null },
): Promise<Payment | undefined> {
  const payment =
    (params.paymentIntentId ? await findPaymentByIntentIdForStripe(db, params.paymentIntentId) : undefined) ??
    (params.chargeId ? await findPaymentByChargeIdForStripe(db, params.chargeId) : undefined);
  return payment?.stripeAccountId === params.accountId ? payment : undefined;
}
