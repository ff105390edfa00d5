// Turns our rows into the DocumentModel the PDF layout places: every figure written with the seller's
// format preferences, the same helpers the HTML invoice uses. Pure: unit-tested without a renderer.
import type { InvoiceItem, Payment, Refund } from "@/db/schema";
import { customerLines, type SellerIdentity, sellerLines } from "@/lib/business/profile";
import { type FormatPreferences, formatCard, formatDate, formatDay, formatMoney } from "@/lib/format";
import { formatQuantity, formatTaxRate } from "@/lib/invoices/line-math";
import { amountDueMinor, invoiceRoundingMinor, lineAmountMinor } from "@/lib/invoices/totals";
import { chargeStepNote } from "@/lib/money";
import type { DocumentModel } from "./model";

export type InvoiceForDocument = {
  number: string;
  currency: string;
  issueDate: string;
  dueDate: string;
  notes: string | null;
  subtotalMinor: number;
  taxMinor: number;
  totalMinor: number;
  paidMinor: number;
  items: Pick<
    InvoiceItem,
    "description" | "quantityMilli" | "unitAmountMinor" | "taxRateBps" | "subtotalMinor"
  >[];
  customer: { name: string; email: string | null; address: string | null; taxId: string | null };
};

type Common = { seller: SellerIdentity; format: FormatPreferences };

function isoDay(at: Date, format: FormatPreferences): string {
  // The day in the seller's time zone, as YYYY-MM-DD (en-CA writes dates that way).
  return new Intl.DateTimeFormat("en-CA", { timeZone: format.timeZone }).format(at);
}

function base(common: Common, invoice: InvoiceForDocument) {
  return {
    lang: common.format.locale.split("-")[0] ?? "en",
    brandColour: common.seller.brandColour,
    hasLogo: common.seller.hasLogo,
    seller: { name: common.seller.displayName, lines: sellerLines(common.seller) },
    buyer: { heading: "Billed to", name: invoice.customer.name, lines: customerLines(invoice.customer) },
    footer: common.seller.footer,
  };
}

/** As the HTML invoice's RoundingRow: a signed magnitude and the reason. */
function roundingRow(roundingMinor: number, currency: string, money: (minor: number) => string) {
  const note = chargeStepNote(currency);
  const magnitude = money(Math.abs(roundingMinor));
  return {
    label: `Rounding${note ? ` (${note})` : ""}`,
    value: roundingMinor < 0 ? `−${magnitude}` : `+${magnitude}`,
    strong: false,
  };
}

export function buildInvoiceDocument(params: Common & { invoice: InvoiceForDocument }): DocumentModel {
  const { invoice, format } = params;
  const money = (minor: number) => formatMoney(minor, invoice.currency, format);
  const rounding = invoiceRoundingMinor(invoice);
  const totals = [
    { label: "Subtotal", value: money(invoice.subtotalMinor), strong: false },
    { label: "Tax", value: money(invoice.taxMinor), strong: false },
    ...(rounding !== 0 ? [roundingRow(rounding, invoice.currency, money)] : []),
    { label: "Total", value: money(invoice.totalMinor), strong: true },
    ...(invoice.paidMinor > 0
      ? [
          { label: "Paid", value: `−${money(invoice.paidMinor)}`, strong: false },
          { label: "Amount due", value: money(amountDueMinor(invoice)), strong: true },
        ]
      : []),
  ];
  return {
    ...base(params, invoice),
    kind: "invoice",
    title: "Invoice",
    number: invoice.number,
    createdOn: invoice.issueDate,
    meta: [
      { label: "Invoice number", value: invoice.number },
      { label: "Issued", value: formatDay(invoice.issueDate, format, "document") },
      { label: "Due", value: formatDay(invoice.dueDate, format, "document") },
    ],
    items: invoice.items.map((item) => ({
      description: item.description,
      quantity: formatQuantity(item.quantityMilli),
      unitPrice: money(item.unitAmountMinor),
      tax: item.taxRateBps == null ? "—" : `${formatTaxRate(item.taxRateBps)}%`,
      amount: money(lineAmountMinor(item)),
    })),
    totals,
    sections: invoice.notes ? [{ heading: "Notes", body: invoice.notes }] : [],
  };
}

export function receiptNumber(invoiceNumber: string, paymentIndex: number): string {
  return `${invoiceNumber}-R${paymentIndex}`;
}

export function buildReceiptDocument(
  params: Common & {
    invoice: InvoiceForDocument;
    payment: Pick<
      Payment,
      | "amountMinor"
      | "currency"
      | "succeededAt"
      | "updatedAt"
      | "cardBrand"
      | "cardLast4"
      | "stripePaymentIntentId"
    >;
    number: string;
  },
): DocumentModel {
  const { invoice, payment, format } = params;
  const paidAt = payment.succeededAt ?? payment.updatedAt;
  const money = (minor: number, currency = invoice.currency) => formatMoney(minor, currency, format);
  return {
    ...base(params, invoice),
    kind: "receipt",
    title: "Receipt",
    number: params.number,
    createdOn: isoDay(paidAt, format),
    meta: [
      { label: "Receipt number", value: params.number },
      { label: "Paid on", value: formatDate(paidAt, format, "document") },
      { label: "For invoice", value: invoice.number },
    ],
    items: [],
    totals: [
      { label: "Invoice total", value: money(invoice.totalMinor), strong: false },
      { label: "Payment method", value: formatCard(payment.cardBrand, payment.cardLast4), strong: false },
      { label: "Amount paid", value: money(payment.amountMinor, payment.currency), strong: true },
      { label: "Still due on the invoice", value: money(amountDueMinor(invoice)), strong: false },
    ],
    sections: payment.stripePaymentIntentId
      ? [{ heading: "Payment reference", body: payment.stripePaymentIntentId }]
      : [],
  };
}

export function buildCreditNoteDocument(
  params: Common & {
    invoice: InvoiceForDocument;
    refund: Pick<Refund, "amountMinor" | "currency" | "createdAt" | "reason" | "note">;
    number: string;
  },
): DocumentModel {
  const { invoice, refund, format } = params;
  const money = (minor: number) => formatMoney(minor, refund.currency, format);
  const reasons: Record<string, string> = {
    requested_by_customer: "Requested by the customer",
    duplicate: "Duplicate payment",
    fraudulent: "Fraudulent payment",
  };
  const sections = [
    ...(refund.reason ? [{ heading: "Reason", body: reasons[refund.reason] ?? refund.reason }] : []),
    ...(refund.note ? [{ heading: "Note", body: refund.note }] : []),
  ];
  return {
    ...base(params, invoice),
    kind: "credit_note",
    title: "Credit note",
    number: params.number,
    createdOn: isoDay(refund.createdAt, format),
    meta: [
      { label: "Credit note number", value: params.number },
      { label: "Issued", value: formatDate(refund.createdAt, format, "document") },
      { label: "Credits invoice", value: invoice.number },
    ],
    items: [
      {
        description: `Refund against invoice ${invoice.number}`,
        quantity: "1",
        unitPrice: `−${money(refund.amountMinor)}`,
        tax: "—",
        amount: `−${money(refund.amountMinor)}`,
      },
    ],
    totals: [
      {
        label: "Invoice total",
        value: formatMoney(invoice.totalMinor, invoice.currency, format),
        strong: false,
      },
      { label: "Credited", value: `−${money(refund.amountMinor)}`, strong: true },
    ],
    sections,
  };
}
