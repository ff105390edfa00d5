import type { InvoiceDetail } from "@/db/queries/invoices";
import { formatQuantity, formatTaxRate } from "@/lib/invoices/line-math";
import { minorToDecimalString } from "@/lib/money";
import type { InvoiceFormInitial } from "./invoice-form";

const DAY_MS = 86_400_000;
export const DEFAULT_PAYMENT_TERMS_DAYS = 14;

function isoDay(date: Date) {
  return date.toISOString().slice(0, 10);
}

/** A new invoice's form: the business profile's payment terms and default notes when the User set them. */
export function blankInvoice(params: {
  customerId?: string;
  currency: string;
  paymentTermsDays?: number;
  notes?: string | null;
  today?: Date;
}): InvoiceFormInitial {
  const today = params.today ?? new Date();
  const terms = params.paymentTermsDays ?? DEFAULT_PAYMENT_TERMS_DAYS;
  return {
    customerId: params.customerId ?? "",
    currency: params.currency,
    issueDate: isoDay(today),
    dueDate: isoDay(new Date(today.getTime() + terms * DAY_MS)),
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
