import "server-only";
import type { Database } from "@/db/client";
import {
  EXPORT_PAGE_SIZE,
  type InvoiceExportRow,
  type PaymentExportRow,
  pageInvoicesForExport,
  pagePaymentsForExport,
  pageRefundsForExport,
  type RefundExportRow,
} from "@/db/queries/exports";
import { withCustomerIds } from "@/db/queries/invoice-filters";
import type { ListFilter } from "@/db/queries/invoices";
import { DISPLAY_STATUS_LABELS, displayStatus } from "@/lib/invoices/status";
import { minorToDecimalString } from "@/lib/money";
import type { Cell } from "./csv";
import { csvStream } from "./stream";

// The three CSV exports an accountant asks for. Amounts appear twice: in minor units (exact, what Stripe
// and our database hold) and as a plain decimal with the currency's own number of places ("12.50" GBP,
// "1250" JPY, "1.250" KWD), never through a float. Instants are ISO 8601 in UTC; calendar days as stored.

const iso = (at: Date | null) => (at ? at.toISOString() : null);
const money = (minor: number, currency: string): Cell[] => [minor, minorToDecimalString(minor, currency)];

/** Every page of a keyset query, one page per step, `cursorOf` the last row's cursor. */
async function* pages<R, C>(
  read: (after: C | undefined) => Promise<R[]>,
  cursorOf: (row: R) => C,
  toCells: (row: R) => Cell[],
): AsyncGenerator<Cell[][]> {
  let after: C | undefined;
  for (;;) {
    const rows = await read(after);
    if (rows.length > 0) yield rows.map(toCells);
    const last = rows.at(-1);
    if (rows.length < EXPORT_PAGE_SIZE || last === undefined) return;
    after = cursorOf(last);
  }
}

export const INVOICE_COLUMNS = [
  "number",
  "status",
  "customer_name",
  "customer_email",
  "currency",
  "issue_date",
  "due_date",
  "subtotal_minor",
  "subtotal",
  "tax_minor",
  "tax",
  "total_minor",
  "total",
  "paid_minor",
  "paid",
  "refunded_minor",
  "refunded",
  "amount_due_minor",
  "amount_due",
  "sent_at",
  "paid_at",
  "voided_at",
  "stripe_payment_intent_ids",
  "invoice_id",
] as const;

function invoiceCells(row: InvoiceExportRow, today: string): Cell[] {
  const c = row.currency;
  return [
    row.number,
    DISPLAY_STATUS_LABELS[displayStatus(row, today)],
    row.customerName,
    row.customerEmail,
    c.toUpperCase(),
    row.issueDate,
    row.dueDate,
    ...money(row.subtotalMinor, c),
    ...money(row.taxMinor, c),
    ...money(row.totalMinor, c),
    ...money(row.paidMinor, c),
    ...money(row.refundedMinor, c),
    ...money(row.status === "void" ? 0 : Math.max(0, row.totalMinor - row.paidMinor), c),
    iso(row.sentAt),
    iso(row.paidAt),
    iso(row.voidedAt),
    row.paymentIntentIds,
    row.id,
  ];
}

/** The invoices the list shows for `filter` (search, status, dates), newest first. */
export function invoicesCsv(db: Database, filter: ListFilter, today: string): ReadableStream<Uint8Array> {
  // The search's customers are looked up once, for every page.
  let resolved: Promise<ListFilter> | undefined;
  const read = async (after: number | undefined) => {
    resolved ??= withCustomerIds(db, filter);
    return pageInvoicesForExport(db, { ...(await resolved), after, limit: EXPORT_PAGE_SIZE });
  };
  return csvStream(
    INVOICE_COLUMNS,
    pages(
      read,
      (r) => r.sequence,
      (r) => invoiceCells(r, today),
    ),
  );
}

export const PAYMENT_COLUMNS = [
  "created_at",
  "succeeded_at",
  "status",
  "currency",
  "amount_minor",
  "amount",
  "refunded_minor",
  "refunded",
  "application_fee_minor",
  "application_fee",
  "card_brand",
  "card_last4",
  "invoice_number",
  "customer_name",
  "customer_email",
  "stripe_payment_intent_id",
  "stripe_charge_id",
  "stripe_account_id",
  "payment_id",
  "invoice_id",
] as const;

function paymentCells(row: PaymentExportRow): Cell[] {
  const c = row.currency;
  return [
    iso(row.createdAt),
    iso(row.succeededAt),
    row.status,
    c.toUpperCase(),
    ...money(row.amountMinor, c),
    ...money(row.refundedMinor, c),
    ...money(row.applicationFeeMinor, c),
    row.cardBrand,
    row.cardLast4,
    row.invoiceNumber,
    row.customerName,
    row.customerEmail,
    row.stripePaymentIntentId,
    row.stripeChargeId,
    row.stripeAccountId,
    row.id,
    row.invoiceId,
  ];
}

export function paymentsCsv(db: Database, userId: string): ReadableStream<Uint8Array> {
  const read = (after: string | undefined) =>
    pagePaymentsForExport(db, { userId, after, limit: EXPORT_PAGE_SIZE });
  return csvStream(
    PAYMENT_COLUMNS,
    pages(read, (r) => r.id, paymentCells),
  );
}

export const REFUND_COLUMNS = [
  "created_at",
  "status",
  "currency",
  "amount_minor",
  "amount",
  "reason",
  "origin",
  "note",
  "failure_reason",
  "invoice_number",
  "customer_name",
  "customer_email",
  "stripe_refund_id",
  "stripe_payment_intent_id",
  "stripe_charge_id",
  "refund_id",
  "payment_id",
  "invoice_id",
] as const;

function refundCells(row: RefundExportRow): Cell[] {
  return [
    iso(row.createdAt),
    row.status,
    row.currency.toUpperCase(),
    ...money(row.amountMinor, row.currency),
    row.reason,
    row.origin,
    row.note,
    row.failureReason,
    row.invoiceNumber,
    row.customerName,
    row.customerEmail,
    row.stripeRefundId,
    row.stripePaymentIntentId,
    row.stripeChargeId,
    row.id,
    row.paymentId,
    row.invoiceId,
  ];
}

export function refundsCsv(db: Database, userId: string): ReadableStream<Uint8Array> {
  const read = (after: string | undefined) =>
    pageRefundsForExport(db, { userId, after, limit: EXPORT_PAGE_SIZE });
  return csvStream(
    REFUND_COLUMNS,
    pages(read, (r) => r.id, refundCells),
  );
}
