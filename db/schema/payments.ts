import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { minor, timestamps } from "./columns";
import { disputeStatus, paymentStatus, refundOrigin, refundReason, refundStatus } from "./enums";
import { invoices } from "./invoices";
import { users } from "./users";

export const payments = pgTable(
  "payments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    invoiceId: uuid("invoice_id")
      .notNull()
      .references(() => invoices.id, { onDelete: "cascade" }),
    // The connected account the PaymentIntent lives on (a User may reconnect a different one later).
    stripeAccountId: text("stripe_account_id").notNull(),
    stripePaymentIntentId: text("stripe_payment_intent_id"),
    stripeChargeId: text("stripe_charge_id"),
    amountMinor: minor("amount_minor").notNull(),
    currency: text("currency").notNull(),
    applicationFeeMinor: minor("application_fee_minor").notNull().default(0),
    status: paymentStatus("status").notNull().default("requires_payment_method"),
    cardBrand: text("card_brand"),
    cardLast4: text("card_last4"),
    failureCode: text("failure_code"),
    failureMessage: text("failure_message"),
    // Stripe's own word when `status` is "unknown" (a value the pinned API version does not have).
    unknownStripeStatus: text("unknown_stripe_status"),
    succeededAt: timestamp("succeeded_at", { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("payments_stripe_payment_intent_id_key").on(t.stripePaymentIntentId),
    uniqueIndex("payments_stripe_charge_id_key").on(t.stripeChargeId),
    index("payments_invoice_id_idx").on(t.invoiceId),
    index("payments_user_id_created_at_idx").on(t.userId, t.createdAt.desc(), t.id.desc()),
    check("payments_amount_positive", sql`${t.amountMinor} > 0`),
  ],
);

export type Payment = typeof payments.$inferSelect;
export type NewPayment = typeof payments.$inferInsert;

export const refunds = pgTable(
  "refunds",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    paymentId: uuid("payment_id")
      .notNull()
      .references(() => payments.id, { onDelete: "cascade" }),
    invoiceId: uuid("invoice_id")
      .notNull()
      .references(() => invoices.id, { onDelete: "cascade" }),
    stripeRefundId: text("stripe_refund_id"),
    amountMinor: minor("amount_minor").notNull(),
    currency: text("currency").notNull(),
    reason: refundReason("reason"),
    note: text("note"),
    status: refundStatus("status").notNull().default("creating"),
    origin: refundOrigin("origin").notNull().default("app"),
    failureReason: text("failure_reason"),
    unknownStripeStatus: text("unknown_stripe_status"),
    // Which idempotency key the next request to Stripe uses (lib/refunds/send.ts): it moves on only
    // when Stripe answered a 5xx, which Stripe saves as the key's result, and had no refund for us.
    idempotencyAttempt: integer("idempotency_attempt").notNull().default(0),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("refunds_stripe_refund_id_key").on(t.stripeRefundId),
    index("refunds_payment_id_idx").on(t.paymentId),
    index("refunds_invoice_id_idx").on(t.invoiceId),
    index("refunds_user_id_created_at_idx").on(t.userId, t.createdAt.desc()),
    check("refunds_amount_positive", sql`${t.amountMinor} > 0`),
  ],
);

export type Refund = typeof refunds.$inferSelect;
export type NewRefund = typeof refunds.$inferInsert;

export const disputes = pgTable(
  "disputes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    paymentId: uuid("payment_id")
      .notNull()
      .references(() => payments.id, { onDelete: "cascade" }),
    invoiceId: uuid("invoice_id")
      .notNull()
      .references(() => invoices.id, { onDelete: "cascade" }),
    stripeDisputeId: text("stripe_dispute_id").notNull(),
    amountMinor: minor("amount_minor").notNull(),
    currency: text("currency").notNull(),
    reason: text("reason").notNull(),
    status: disputeStatus("status").notNull(),
    evidenceDueBy: timestamp("evidence_due_by", { withTimezone: true }),
    unknownStripeStatus: text("unknown_stripe_status"),
    // When the seller sent their evidence through the app (Stripe's evidence_details.submission_count
    // tells whether any was sent at all, from anywhere).
    evidenceSubmittedAt: timestamp("evidence_submitted_at", { withTimezone: true }),
    evidenceSubmissionCount: integer("evidence_submission_count").notNull().default(0),
    // Money Stripe took from the seller's balance for the dispute (amount and dispute fee) and gave back:
    // the net of its balance transactions (charge.dispute.funds_withdrawn / funds_reinstated), in the
    // balance's currency, which may differ from the charge's.
    fundsWithdrawnMinor: minor("funds_withdrawn_minor").notNull().default(0),
    fundsReinstatedMinor: minor("funds_reinstated_minor").notNull().default(0),
    fundsCurrency: text("funds_currency"),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("disputes_stripe_dispute_id_key").on(t.stripeDisputeId),
    index("disputes_payment_id_idx").on(t.paymentId),
    index("disputes_invoice_id_idx").on(t.invoiceId),
    index("disputes_user_id_idx").on(t.userId),
  ],
);

export type Dispute = typeof disputes.$inferSelect;
export type NewDispute = typeof disputes.$inferInsert;
