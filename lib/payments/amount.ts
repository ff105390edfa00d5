import type { Invoice } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { amountDueMinor } from "@/lib/invoices/totals";
import { formatMoney, parseMoney } from "@/lib/money";
import { checkChargeAmount, smallestChargeMinor } from "./amount-rules";

function invalidAmount(message: string): AppError {
  return new AppError("validation", message, { fieldErrors: { amount: [message] } });
}

/**
 * The amount to charge, decided on the server from the invoice: the whole amount due, or, when the
 * invoice allows part payments, the Customer's choice between the invoice's minimum and the amount due.
 * It is always an amount Stripe takes (lib/payments/amount-rules.ts): on the currency's step and at
 * least the minimum of the seller's settlement currency, so Stripe is never asked for one it refuses.
 */
export function chargeAmountMinor(
  invoice: Invoice,
  requested: string | undefined,
  settlementCurrency: string | null,
): number {
  const { currency } = invoice;
  const dueMinor = amountDueMinor(invoice);
  let amount = dueMinor;
  if (requested !== undefined && requested.trim() !== "") {
    if (!invoice.allowPartialPayments) throw invalidAmount("This invoice must be paid in full.");
    const parsed = parseMoney(requested, currency);
    if (!parsed.ok) throw invalidAmount(parsed.message);
    const minimum = Math.min(invoice.partialMinimumMinor ?? dueMinor, dueMinor);
    if (parsed.minor < minimum || parsed.minor > dueMinor) {
      throw invalidAmount(
        `Enter an amount between ${formatMoney(minimum, currency)} and ${formatMoney(dueMinor, currency)}.`,
      );
    }
    amount = parsed.minor;
  }
  const check = checkChargeAmount({ amountMinor: amount, currency, settlementCurrency });
  if (!check.ok) throw invalidAmount(check.message);
  // A part payment must not leave a rest too small to be paid by card.
  const rest = dueMinor - amount;
  const smallest = smallestChargeMinor(currency, settlementCurrency);
  if (rest > 0 && rest < smallest) {
    throw invalidAmount(
      `Pay the full ${formatMoney(dueMinor, currency)}, or leave at least ${formatMoney(smallest, currency)} to pay later.`,
    );
  }
  return amount;
}
