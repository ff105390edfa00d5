import "server-only";
import type { Database } from "@/db";
import { type InvoiceMoneyRows, recomputeInvoiceMoneyForStripe } from "@/db/queries/invoice-money";
import { lockInvoiceForStripe } from "@/db/queries/invoices";
import type { Invoice } from "@/db/schema";
import { logger } from "@/lib/logger";
import { type InvoiceLedger, invoiceLedger, ledgerViolations } from "./ledger";
import { nextStatusAfterPayment } from "./status";

/** A write would have left an invoice's money inconsistent; the transaction is rolled back. */
export class MoneyInvariantError extends Error {
  override name = "MoneyInvariantError";
  constructor(
    readonly invoiceId: string,
    readonly problems: string[],
  ) {
    super(`money invariants broken on invoice ${invoiceId}: ${problems.join("; ")}`);
  }
}

const isPayableStatus = (status: Invoice["status"]) =>
  status === "open" || status === "partially_paid" || status === "paid";

/**
 * The one place the money invariants are enforced (docs/decisions/0005-money-invariants.md). Called in
 * every transaction that records money on an invoice (a payment's outcome, a refund's status), after its
 * rows changed: under the invoice's row lock it recomputes the paid and refunded sums in the invoice's own
 * currency, moves an open invoice to the status they give (a void invoice stays void), checks every
 * invariant against the rows, and returns the per-currency ledger (whose excess is the overpayment).
 * A violation throws, so the caller's transaction never commits it.
 */
export async function settleInvoiceMoney(
  tx: Database,
  params: { invoiceId: string; now: Date },
): Promise<{ invoice: Invoice; ledger: InvoiceLedger; payments: InvoiceMoneyRows["payments"] }> {
  const locked = await lockInvoiceForStripe(tx, { invoiceId: params.invoiceId });
  if (!locked) throw new Error("invoice vanished while its money was recorded");
  // After the lock, in a statement of its own: it then sees every payment committed on the invoice. It
  // also moves the status; the rule it follows in SQL is checked against the one in TypeScript here.
  const { invoice, ...rows } = await recomputeInvoiceMoneyForStripe(tx, {
    invoiceId: params.invoiceId,
    now: params.now,
  });
  if (isPayableStatus(invoice.status) && invoice.status !== nextStatusAfterPayment(invoice)) {
    throw new MoneyInvariantError(invoice.id, [
      `status ${invoice.status} is not what ${invoice.paidMinor} paid of ${invoice.totalMinor} gives`,
    ]);
  }
  const problems = ledgerViolations(invoice, rows.payments, rows.refunds);
  if (problems.length > 0) {
    logger.error("money invariants broken", { invoiceId: invoice.id, problems: problems.join("; ") });
    throw new MoneyInvariantError(invoice.id, problems);
  }
  return { invoice, ledger: invoiceLedger(invoice, rows.payments, rows.refunds), payments: rows.payments };
}
