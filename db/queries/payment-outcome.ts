import "server-only";
import { eq } from "drizzle-orm";
import type { Database } from "../client";
import { businessProfiles, customers, invoices, type Payment, payments, users } from "../schema";
import {
  type InvoiceEmailContext,
  invoiceEmailContextFields,
  invoiceEmailContextJoins,
} from "./email-outbox";

/**
 * Locks the payment of a PaymentIntent and reads what its emails need (the invoice, its Customer and its
 * User), in one statement, since this sits on the webhook's path. The invoice is not locked here: an
 * outcome that changes nothing (the usual late event) must not hold it, or the reminder pass, which
 * skips locked invoices, would pass over it; settling a success locks it next. The invoice's money in
 * the context is as it was before the outcome is recorded.
 */
export async function lockPaymentForOutcome(
  db: Database,
  params: { paymentIntentId: string },
): Promise<{ payment: Payment; emailContext: InvoiceEmailContext } | undefined> {
  const [row] = await db
    .select({ payment: payments, ...invoiceEmailContextFields })
    .from(payments)
    .innerJoin(invoices, eq(invoices.id, payments.invoiceId))
    .innerJoin(customers, invoiceEmailContextJoins.customer)
    .innerJoin(users, invoiceEmailContextJoins.user)
    .leftJoin(businessProfiles, invoiceEmailContextJoins.profile)
    .where(eq(payments.stripePaymentIntentId, params.paymentIntentId))
    .for("update", { of: payments })
    .limit(1);
  if (!row) return undefined;
  const { payment, ...emailContext } = row;
  return { payment, emailContext };
}
