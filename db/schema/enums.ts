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
  // A PaymentIntent status the pinned API version does not have: recorded with the value itself
  // (payments.unknown_stripe_status) rather than guessed at (lib/stripe/known-values.ts).
  "unknown",
]);

export const refundStatus = pgEnum("refund_status", [
  "creating",
  "pending",
  "requires_action",
  "succeeded",
  "failed",
  "canceled",
  "errored",
  // A refund status Stripe sent that we do not know, or none at all (the SDK types it `string | null`).
  "unknown",
]);

export const refundReason = pgEnum("refund_reason", ["requested_by_customer", "duplicate", "fraudulent"]);

// app: the User's refund form; stripe: made in the Stripe dashboard; overpayment: the one-click refund of
// money held beyond what the invoice asks for (docs/decisions/0005-money-invariants.md).
export const refundOrigin = pgEnum("refund_origin", ["app", "stripe", "overpayment"]);

export const disputeStatus = pgEnum("dispute_status", [
  "warning_needs_response",
  "warning_under_review",
  "warning_closed",
  "needs_response",
  "under_review",
  "won",
  "lost",
  "prevented",
  // Appeals of a lost dispute, in API versions since 2026 (the SDK's Stripe.Dispute.Status).
  "appeal_needs_response",
  "appeal_under_review",
  "unknown",
]);

export const stripeConnectionStatus = pgEnum("stripe_connection_status", ["connected", "disconnected"]);

// oauth: an existing Stripe account the seller connected; platform: created by SixthDesk with controller
// properties and onboarded through Account Links (docs/decisions/0015-connect-onboarding-account-links.md).
export const stripeAccountOrigin = pgEnum("stripe_account_origin", ["oauth", "platform"]);

export const auditActor = pgEnum("audit_actor", ["user", "customer", "stripe", "system"]);
