import "server-only";
import type { Database } from "@/db";
import { getStripe } from "@/lib/stripe/client";
import { type OutcomeActor, recordPaymentOutcome } from "./outcome";

/** Reads the PaymentIntent from Stripe (the source of truth, whatever order events came in) and records it. */
export async function syncPaymentIntent(
  db: Database,
  params: { accountId: string; paymentIntentId: string; actor: OutcomeActor },
) {
  const intent = await getStripe().paymentIntents.retrieve(
    params.paymentIntentId,
    { expand: ["latest_charge"] },
    { stripeAccount: params.accountId },
  );
  const result = await recordPaymentOutcome(db, { intent, accountId: params.accountId, actor: params.actor });
  return { intent, result };
}
