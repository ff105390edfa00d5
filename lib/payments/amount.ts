import type { Invoice } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { amountDueMinor } from "@/lib/invoices/totals";
import { formatMoney, parseMoney } from "@/lib/money";
import { minimumChargeMinor } from "./minimums";

/**
 * The amount to charge, decided on the server from the invoice: the whole amount due, or, when the
 * invoice allows part payments, the Customer's choice between the invoice's minimum and the amount due.
 */
export function chargeAmountMinor(invoice: Invoice, requested: string | undefined): number {
  const dueMinor = amountDueMinor(invoice);
  let amount = dueMinor;
  if (requested !== undefined && requested.trim() !== "") {
    if (!invoice.allowPartialPayments) {
      throw new AppError("validation", "This invoice must be paid in full.", {
        fieldErrors: { amount: ["This invoice must be paid in full."] },
      });
    }
    const parsed = parseMoney(requested, invoice.currency);
    if (!parsed.ok)
      throw new AppError("validation", parsed.message, { fieldErrors: { amount: [parsed.message] } });
    const minimum = Math.min(invoice.partialMinimumMinor ?? dueMinor, dueMinor);
    if (parsed.minor < minimum || parsed.minor > dueMinor) {
      const message = `Enter an amount between ${formatMoney(minimum, invoice.currency)} and ${formatMoney(dueMinor, invoice.currency)}.`;
      throw new AppError("validation", message, { fieldErrors: { amount: [message] } });
    }
    amount = parsed.minor;
  }
  const stripeMinimum = minimumChargeMinor(invoice.currency);
  if (amount < stripeMinimum) {
    const message = `Card payments must be at least ${formatMoney(stripeMinimum, invoice.currency)}.`;
    throw new AppError("validation", message, { fieldErrors: { amount: [message] } });
  }
  return amount;
}
