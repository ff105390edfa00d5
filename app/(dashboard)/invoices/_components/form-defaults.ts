import type { InvoiceDetail } from "@/db/queries/invoices";
import { formatQuantity, formatTaxRate } from "@/lib/invoices/line-math";
import { minorToDecimalString } from "@/lib/money";
import type { InvoiceFormInitial } from "./invoice-form";

const DAY_MS = 86_400_000;
export const DEFAULT_PAYMENT_TERMS_DAYS = 14;

/** A calendar day ("YYYY-MM-DD") plus whole days; days are counted in UTC, where every day has 24 hours. */
function addDays(isoDay: string, days: number): string {
  return new Date(Date.parse(`${isoDay}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** A new invoice's form: the business profile's payment terms and default notes when the User set them. */
export function blankInvoice(params: {
  customerId?: string;
  currency: string;
  paymentTermsDays?: number;
  notes?: string | null;
  /** Today in the User's time zone (`isoDayIn`): in Auckland the invoice is dated a day ahead of UTC. */
  today: string;
}): InvoiceFormInitial {
  const terms = params.paymentTermsDays ?? DEFAULT_PAYMENT_TERMS_DAYS;
  return {
    customerId: params.customerId ?? "",
    currency: params.currency,
    issueDate: params.today,
    dueDate: addDays(params.today, terms),
    notes: params.notes ?? "",
    allowPartialPayments: false,
    partialMinimum: "",
    items: [],
  };
}

export function invoiceToForm(invoice: InvoiceDetail): InvoiceFormInitial {
  return {
    customerId: invoice.customerId,
    currency: invoice.currency,
    issueDate: invoice.issueDate,
    dueDate: invoice.dueDate,
    notes: invoice.notes ?? "",
    allowPartialPayments: invoice.allowPartialPayments,
    partialMinimum:
      invoice.partialMinimumMinor == null
        ? ""
        : minorToDecimalString(invoice.partialMinimumMinor, invoice.currency),
    items: invoice.items.map((item) => ({
      description: item.description,
      quantity: formatQuantity(item.quantityMilli),
      unitPrice: minorToDecimalString(item.unitAmountMinor, invoice.currency),
      taxRate: item.taxRateBps == null ? "" : formatTaxRate(item.taxRateBps),
    })),
  };
}
