import { pgEnum } from "drizzle-orm/pg-core";

export const invoiceStatus = pgEnum("invoice_status", ["draft", "open", "partially_paid", "paid", "void"]);
/** The stored status of an invoice (what people see adds refunds: lib/invoices/status.ts). */
export type InvoiceStatus = (typeof invoiceStatus.enumValues)[number];

export const paymentStatus = pgEnum("payment_status", [
  "requires_payment_method",
  "requires_confirmation",
  "requires_action",
  "processing",
  "succeeded",
  "failed",
  "canceled",
]);

export const refundStatus = pgEnum("refund_status", [
  "creating",
  "pending",
  "requires_action",
  "succeeded",
  "failed",
  "canceled",
  "errored",
]);

export const refundReason = pgEnum("refund_reason", ["requested_by_customer", "duplicate", "fraudulent"]);

export const refundOrigin = pgEnum("refund_origin", ["app", "stripe"]);

export const disputeStatus = pgEnum("dispute_status", [
  "warning_needs_response",
  "warning_under_review",
  "warning_closed",
  "needs_response",
  "under_review",
  "won",
  "lost",
  "prevented",
]);

export const stripeConnectionStatus = pgEnum("stripe_connection_status", ["connected", "disconnected"]);

export const auditActor = pgEnum("audit_actor", ["user", "customer", "stripe", "system"]);
