import { z } from "zod";
import { isSupportedCurrency, parseMoney } from "@/lib/money";
import { parseQuantity, parseTaxRate } from "./line-math";
import { computeInvoiceTotals } from "./totals";

// Stripe refuses charges above eight digits of minor units in any currency.
export const MAX_INVOICE_TOTAL_MINOR = 99_999_999;
export const MAX_LINE_ITEMS = 100;

const isoDate = (label: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `Enter the ${label} as a date.`)
    .refine((v) => {
      const d = new Date(`${v}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v);
    }, `Enter a real ${label}.`);

const lineSchema = z.object({
  description: z.string().trim().min(1, "Describe the item.").max(500, "Use at most 500 characters."),
  quantity: z.string().trim(),
  unitPrice: z.string().trim(),
  taxRate: z.string().trim().default(""),
});

const rawInvoiceSchema = z.object({
  customerId: z.uuid("Choose a customer."),
  currency: z.string().trim().toLowerCase().refine(isSupportedCurrency, "Choose a currency Stripe supports."),
  issueDate: isoDate("issue date"),
  dueDate: isoDate("due date"),
  notes: z
    .string()
    .trim()
    .max(2000, "Notes can be at most 2000 characters.")
    .default("")
    .transform((v) => (v === "" ? null : v)),
  allowPartialPayments: z.boolean().default(false),
  partialMinimum: z.string().trim().default(""),
  items: z
    .array(lineSchema)
    .min(1, "Add at least one line item.")
    .max(MAX_LINE_ITEMS, `An invoice can have at most ${MAX_LINE_ITEMS} line items.`),
});

export type InvoiceFormInput = z.input<typeof rawInvoiceSchema>;

export type InvoiceLineValues = {
  description: string;
  quantityMilli: number;
  unitAmountMinor: number;
  taxRateBps: number | null;
};

export type InvoiceValues = {
  customerId: string;
  currency: string;
  issueDate: string;
  dueDate: string;
  notes: string | null;
  allowPartialPayments: boolean;
  partialMinimumMinor: number | null;
  items: InvoiceLineValues[];
};

/** Validates the invoice form; amounts are parsed as decimal strings in the invoice's currency. */
export const invoiceInputSchema = rawInvoiceSchema.transform((raw, ctx): InvoiceValues => {
  const fail = (path: (string | number)[], message: string) =>
    ctx.addIssue({ code: "custom", path, message });
  if (raw.dueDate < raw.issueDate) fail(["dueDate"], "The due date cannot be before the issue date.");

  const items: InvoiceLineValues[] = [];
  raw.items.forEach((item, index) => {
    const quantity = parseQuantity(item.quantity);
    const price = parseMoney(item.unitPrice, raw.currency);
    const tax = parseTaxRate(item.taxRate);
    if (!quantity.ok) fail(["items", index, "quantity"], quantity.message);
    if (!price.ok) fail(["items", index, "unitPrice"], price.message);
    if (!tax.ok) fail(["items", index, "taxRate"], tax.message);
    if (quantity.ok && price.ok && tax.ok) {
      items.push({
        description: item.description,
        quantityMilli: quantity.milli,
        unitAmountMinor: price.minor,
        taxRateBps: tax.bps,
      });
    }
  });
  if (items.length !== raw.items.length) return z.NEVER;

  const tooLarge =
    "The invoice total is above the largest amount Stripe can charge. Split it into several invoices.";
  let totalMinor: number;
  try {
    totalMinor = computeInvoiceTotals(items).totalMinor;
  } catch {
    // Totals past JavaScript's exact integer range are refused by the money module rather than rounded.
    fail(["items"], tooLarge);
    return z.NEVER;
  }
  if (totalMinor > MAX_INVOICE_TOTAL_MINOR) fail(["items"], tooLarge);

  let partialMinimumMinor: number | null = null;
  if (raw.allowPartialPayments) {
    const minimum = parseMoney(raw.partialMinimum, raw.currency);
    if (!minimum.ok) fail(["partialMinimum"], minimum.message);
    else if (minimum.minor <= 0) fail(["partialMinimum"], "The minimum part payment must be more than zero.");
    else if (minimum.minor > totalMinor)
      fail(["partialMinimum"], "The minimum part payment cannot exceed the invoice total.");
    else partialMinimumMinor = minimum.minor;
  }
  return {
    customerId: raw.customerId,
    currency: raw.currency,
    issueDate: raw.issueDate,
    dueDate: raw.dueDate,
    notes: raw.notes,
    allowPartialPayments: raw.allowPartialPayments,
    partialMinimumMinor,
    items,
  };
});
