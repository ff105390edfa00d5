// Invoice lifecycle: which actions each stored status allows, the status after a payment, and the
// status people see once refunds are counted. Refunds never reopen an invoice.

import { type InvoiceStatus, invoiceStatus } from "@/db/schema/enums";

export type { InvoiceStatus };
export const INVOICE_STATUSES = invoiceStatus.enumValues;

export type InvoiceAction = "edit" | "send" | "void" | "record_payment";

export type DisplayStatus =
  | "draft"
  | "open"
  | "partially_paid"
  | "overdue"
  | "paid"
  | "partially_refunded"
  | "refunded"
  | "void";

export const DISPLAY_STATUS_LABELS: Record<DisplayStatus, string> = {
  draft: "Draft",
  open: "Open",
  partially_paid: "Partially paid",
  overdue: "Overdue",
  paid: "Paid",
  partially_refunded: "Partially refunded",
  refunded: "Refunded",
  void: "Void",
};

function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${String(value)}`);
}

export function isInvoiceStatus(value: string): value is InvoiceStatus {
  return (INVOICE_STATUSES as readonly string[]).includes(value);
}

/** Sent and not paid in full: the invoice can be paid, emailed and reminded about. */
export function isAwaitingPayment(status: InvoiceStatus): boolean {
  return status === "open" || status === "partially_paid";
}

/**
 * Awaiting payment past its due date. Due dates are calendar days ("YYYY-MM-DD"); `today` is the
 * calendar day in the User's time zone (isoDayIn in lib/format), so an invoice due on the 13th turns
 * overdue at the User's midnight, not UTC's. The amount due is above zero whenever the status awaits
 * payment (a payment that settles it moves it to paid).
 */
export function isOverdue(invoice: { status: InvoiceStatus; dueDate: string }, today: string): boolean {
  return isAwaitingPayment(invoice.status) && invoice.dueDate < today;
}

export function canPerform(
  status: InvoiceStatus,
  action: InvoiceAction,
  ctx: { paidMinor: number },
): boolean {
  // An open invoice that already took money must keep the terms the Customer paid against.
  const unpaid = ctx.paidMinor === 0;
  switch (action) {
    case "edit":
    case "void":
      return status === "draft" || (status === "open" && unpaid);
    case "send":
      return status === "draft";
    case "record_payment":
      return isAwaitingPayment(status);
    default:
      return assertNever(action);
  }
}

export function nextStatusAfterPayment(ctx: {
  totalMinor: number;
  paidMinor: number;
}): "open" | "partially_paid" | "paid" {
  if (ctx.paidMinor >= ctx.totalMinor) return "paid";
  if (ctx.paidMinor > 0) return "partially_paid";
  return "open";
}

/**
 * The status people see. Overdue is derived, never stored: pass `today` (the calendar day in the User's
 * time zone) and an open or partially paid invoice past its due date shows as overdue. Without `today`
 * (the Customer's pay page) it is not derived.
 */
export function displayStatus(
  ctx: { status: InvoiceStatus; paidMinor: number; refundedMinor: number; dueDate?: string },
  today?: string,
): DisplayStatus {
  const { status, paidMinor, refundedMinor } = ctx;
  const refundedInFull = paidMinor > 0 && refundedMinor >= paidMinor;
  // A partly paid invoice whose money went back in full reads "Refunded" (the Customer is told so too).
  if (today !== undefined && ctx.dueDate !== undefined && !refundedInFull) {
    if (isOverdue({ status, dueDate: ctx.dueDate }, today)) return "overdue";
  }
  switch (status) {
    case "draft":
    case "open":
    case "void":
      return status;
    case "partially_paid":
    case "paid":
      if (refundedInFull) return "refunded";
      if (refundedMinor > 0) return "partially_refunded";
      return status;
    default:
      return assertNever(status);
  }
}

/** Why `action` is refused for an invoice in `status`, phrased for the person who tried it. */
export function transitionError(status: InvoiceStatus, action: InvoiceAction): string {
  switch (action) {
    case "edit":
      if (status === "void") return "Void invoices can’t be edited.";
      return "Only draft invoices, or open invoices with no payments yet, can be edited.";
    case "send":
      if (status === "void") return "Void invoices can’t be sent.";
      return "Only draft invoices can be sent.";
    case "void":
      if (status === "void") return "This invoice is already void.";
      return "Only draft invoices, or open invoices with no payments yet, can be voided.";
    case "record_payment":
      if (status === "draft") return "Send the invoice before recording a payment.";
      if (status === "paid") return "This invoice is already paid in full.";
      if (status === "void") return "Void invoices can’t take payments.";
      return "Payments can only be recorded on open or partially paid invoices.";
    default:
      return assertNever(action);
  }
}
