import { z } from "zod";
import { isOnChargeStep, isSupportedCurrency, parseMoney } from "@/lib/money";
import { offStepMessage } from "@/lib/payments/amount-rules";
import { text } from "@/lib/validation/text";
import { parseQuantity, parseTaxRate } from "./line-math";
import { computeInvoiceTotals } from "./totals";

// Stripe refuses charges above eight digits of minor units in any currency.
export const MAX_INVOICE_TOTAL_MINOR = 99_999_999;
export const MAX_LINE_ITEMS = 100;

const isoDate = (label: string) =>
  text()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `Enter the ${label} as a date.`)
    .refine((v) => {
      const d = new Date(`${v}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v);
    }, `Enter a real ${label}.`);

const lineSchema = z.object({
  description: text().trim().min(1, "Describe the item.").max(500, "Use at most 500 characters."),
  quantity: text().trim(),
  unitPrice: text().trim(),
  taxRate: text().trim().default(""),
});

const rawInvoiceSchema = z.object({
  customerId: z.uuid("Choose a customer."),
  currency: text().trim().toLowerCase().refine(isSupportedCurrency, "Choose a currency Stripe supports."),
  issueDate: isoDate("issue date"),
  dueDate: isoDate("due date"),
  notes: text()
    .trim()
    .max(2000, "Notes can be at most 2000 characters.")
    .default("")
    .transform((v) => (v === "" ? null : v)),
  allowPartialPayments: z.boolean().default(false),
  partialMinimum: text().trim().default(""),
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

type Issue = { path: (string | number)[]; message: string };
type RawInvoice = z.output<typeof rawInvoiceSchema>;

const TOO_LARGE =
  "The invoice total is above the largest amount Stripe can charge. Split it into several invoices.";

/** Parses amounts in the invoice's currency; shared by validation (issues) and the transform (values). */
function parseAmounts(raw: RawInvoice): {
  items: InvoiceLineValues[];
  partialMinimumMinor: number | null;
  issues: Issue[];
} {
  const issues: Issue[] = [];
  const currencyKnown = typeof raw.currency === "string" && isSupportedCurrency(raw.currency);
  const rawItems = Array.isArray(raw.items) ? raw.items : [];
  const items: InvoiceLineValues[] = [];
  rawItems.forEach((item, index) => {
    const quantity = parseQuantity(String(item?.quantity ?? ""));
    const tax = parseTaxRate(String(item?.taxRate ?? ""));
    const price = currencyKnown ? parseMoney(String(item?.unitPrice ?? ""), raw.currency) : null;
    if (!quantity.ok) issues.push({ path: ["items", index, "quantity"], message: quantity.message });
    if (price && !price.ok) issues.push({ path: ["items", index, "unitPrice"], message: price.message });
    if (!tax.ok) issues.push({ path: ["items", index, "taxRate"], message: tax.message });
    if (quantity.ok && price?.ok && tax.ok) {
      items.push({
        description: String(item.description ?? ""),
        quantityMilli: quantity.milli,
        unitAmountMinor: price.minor,
        taxRateBps: tax.bps,
      });
    }
  });
  if (!currencyKnown || items.length !== rawItems.length || items.length === 0) {
    return { items, partialMinimumMinor: null, issues };
  }

  let totalMinor: number;
  try {
    totalMinor = computeInvoiceTotals(items, raw.currency).totalMinor;
  } catch {
    // Totals past JavaScript's exact integer range are refused by the money module rather than rounded.
    return { items, partialMinimumMinor: null, issues: [...issues, { path: ["items"], message: TOO_LARGE }] };
  }
  if (totalMinor > MAX_INVOICE_TOTAL_MINOR) issues.push({ path: ["items"], message: TOO_LARGE });

  let partialMinimumMinor: number | null = null;
  if (raw.allowPartialPayments) {
    const minimum = parseMoney(String(raw.partialMinimum ?? ""), raw.currency);
    const path = ["partialMinimum"];
    if (!minimum.ok) issues.push({ path, message: minimum.message });
    else if (minimum.minor <= 0)
      issues.push({ path, message: "The minimum part payment must be more than zero." });
    else if (minimum.minor > totalMinor) {
      issues.push({ path, message: "The minimum part payment cannot exceed the invoice total." });
    } else if (!isOnChargeStep(minimum.minor, raw.currency)) {
      // Part payments are charged as they are, so they must be on the step Stripe takes.
      issues.push({ path, message: offStepMessage(minimum.minor, raw.currency) });
    } else partialMinimumMinor = minimum.minor;
  }
  return { items, partialMinimumMinor, issues };
}

/** Validates the invoice form; amounts are parsed as decimal strings in the invoice's currency. */
export const invoiceInputSchema = rawInvoiceSchema
  .superRefine(
    (raw, ctx) => {
      if (
        typeof raw.issueDate === "string" &&
        typeof raw.dueDate === "string" &&
        raw.dueDate < raw.issueDate
      ) {
        ctx.addIssue({
          code: "custom",
          path: ["dueDate"],
          message: "The due date cannot be before the issue date.",
        });
      }
      for (const issue of parseAmounts(raw).issues) ctx.addIssue({ code: "custom", ...issue });
    },
    // Run even when other fields failed, so the form shows every problem at once.
    { when: (payload) => typeof payload.value === "object" && payload.value !== null },
  )
  .transform((raw): InvoiceValues => {
    const { items, partialMinimumMinor } = parseAmounts(raw);
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
