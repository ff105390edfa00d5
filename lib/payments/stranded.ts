import "server-only";
import type { Database } from "@/db";
import { listStrandedOpenPayments } from "@/db/queries/invoice-money";
import { logger } from "@/lib/logger";
import { cancelPaymentIntentsOf } from "./cancel";

/**
 * At most this many cancels a pass: one Stripe request each (two when Stripe answers 5xx), well inside
 * Stripe's rate limits however many sellers had a cancel fail during an outage; the next pass takes
 * the rest.
 */
export const STRANDED_PER_PASS = 50;

/**
 * Cancels PaymentIntents left open on paid or void invoices, or in a currency the invoice no longer
 * has: their cancel failed when it was due (Stripe down or answering errors), and a Customer with the
 * old page could still pay them (money that would then show as an overpayment, to refund). Run by the
 * job engine every few minutes (lib/jobs/start.ts); reconcile does the same per account. Best effort,
 * like every cancel: one that fails again waits for the next pass. Returns how many it tried.
 */
export async function cancelStrandedPaymentIntents(
  db: Database,
  options: { limit?: number } = {},
): Promise<number> {
  const stranded = await listStrandedOpenPayments(db, { limit: options.limit ?? STRANDED_PER_PASS });
  if (stranded.length === 0) return 0;
  logger.info("canceling open payments of closed invoices", { count: stranded.length });
  await cancelPaymentIntentsOf(db, stranded, "closed");
  return stranded.length;
}
