import "server-only";
import type { Database } from "@/db";
import { type InvoiceMoneyRows, recomputeInvoiceMoneyForStripe } from "@/db/queries/invoice-money";
import { lockInvoiceForStripe, updateInvoiceRow } from "@/db/queries/invoices";
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
  // After the lock, in a statement of its own: it then sees every payment committed on the invoice.
  const recomputed = await recomputeInvoiceMoneyForStripe(tx, { invoiceId: locked.id });
  const rows = { payments: recomputed.payments, refunds: recomputed.refunds };
  let invoice = recomputed.invoice;
  if (invoice.status === "open" || invoice.status === "partially_paid" || invoice.status === "paid") {
    const next = nextStatusAfterPayment(invoice);
    if (next !== invoice.status) {
      const updated = await updateInvoiceRow(tx, {
        userId: invoice.userId,
        invoiceId: invoice.id,
        values: { status: next, paidAt: next === "paid" ? params.now : invoice.paidAt },
      });
      if (!updated) throw new Error("invoice vanished while its money was recorded");
      invoice = updated;
    }
  }
  const problems = ledgerViolations(invoice, rows.payments, rows.refunds);
  if (problems.length > 0) {
    logger.error("money invariants broken", { invoiceId: invoice.id, problems: problems.join("; ") });
    throw new MoneyInvariantError(invoice.id, problems);
  }
  return { invoice, ledger: invoiceLedger(invoice, rows.payments, rows.refunds), payments: rows.payments };
}
