import type { InvoiceDetail } from "@/db/queries/invoices";
import { formatQuantity, formatTaxRate } from "@/lib/invoices/line-math";
import { minorToDecimalString } from "@/lib/money";
import type { InvoiceFormInitial } from "./invoice-form";

const DAY_MS = 86_400_000;
export const DEFAULT_PAYMENT_TERMS_DAYS = 14;

function isoDay(date: Date) {
  return date.toISOString().slice(0, 10);
}

export function blankInvoice(params: {
  customerId?: string;
  currency: string;
  today?: Date;
}): InvoiceFormInitial {
  const today = params.today ?? new Date();
  return {
    customerId: params.customerId ?? "",
    currency: params.currency,
    issueDate: isoDay(today),
    dueDate: isoDay(new Date(today.getTime() + DEFAULT_PAYMENT_TERMS_DAYS * DAY_MS)),
    notes: "",
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
