import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { minor, timestamps } from "./columns";
import { customers } from "./customers";
import { invoiceStatus } from "./enums";
import { users } from "./users";

// Triggers (migration 0005) add every write's change in what is outstanding to outstanding_totals.
export const invoices = pgTable(
  "invoices",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    customerId: uuid("customer_id")
      .notNull()
      .references(() => customers.id, { onDelete: "restrict" }),
    sequence: integer("sequence").notNull(),
    number: text("number").notNull(),
    status: invoiceStatus("status").notNull().default("draft"),
    currency: text("currency").notNull(),
    issueDate: date("issue_date", { mode: "string" }).notNull(),
    dueDate: date("due_date", { mode: "string" }).notNull(),
    notes: text("notes"),
    subtotalMinor: minor("subtotal_minor").notNull().default(0),
    taxMinor: minor("tax_minor").notNull().default(0),
    totalMinor: minor("total_minor").notNull().default(0),
    // Denormalised sums of succeeded payments and refunds, recomputed in the same transaction as
    // every payment or refund change, so lists never aggregate per row.
    paidMinor: minor("paid_minor").notNull().default(0),
    refundedMinor: minor("refunded_minor").notNull().default(0),
    allowPartialPayments: boolean("allow_partial_payments").notNull().default(false),
    partialMinimumMinor: minor("partial_minimum_minor"),
    payToken: text("pay_token"),
    // Automatic reminders stop for this invoice while true (lib/reminders).
    remindersPaused: boolean("reminders_paused").notNull().default(false),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    paidAt: timestamp("paid_at", { withTimezone: true }),
    voidedAt: timestamp("voided_at", { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("invoices_user_id_sequence_key").on(t.userId, t.sequence),
    uniqueIndex("invoices_pay_token_key").on(t.payToken),
    index("invoices_user_id_status_sequence_idx").on(t.userId, t.status, t.sequence.desc()),
    index("invoices_customer_id_idx").on(t.customerId),
    // Search and filters on the invoice list (db/queries/invoice-search.ts): an amount, a date range.
    index("invoices_user_id_total_minor_idx").on(t.userId, t.totalMinor),
    index("invoices_user_id_issue_date_idx").on(t.userId, t.issueDate),
    index("invoices_user_id_due_date_idx").on(t.userId, t.dueDate),
    // The overview's overdue figures: an index-only scan of the invoices awaiting payment whose due
    // date has passed, never the User's settled history (sumOverdue).
    index("invoices_overdue_idx")
      .on(t.userId, t.dueDate, t.currency, t.totalMinor, t.paidMinor)
      .where(sql`${t.status} in ('open', 'partially_paid')`),
    check("invoices_currency_lowercase", sql`${t.currency} ~ '^[a-z]{3}$'`),
    check(
      "invoices_amounts_non_negative",
      sql`${t.totalMinor} >= 0 AND ${t.paidMinor} >= 0 AND ${t.refundedMinor} >= 0`,
    ),
  ],
);

export type Invoice = typeof invoices.$inferSelect;
export type NewInvoice = typeof invoices.$inferInsert;

export const invoiceItems = pgTable(
  "invoice_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    invoiceId: uuid("invoice_id")
      .notNull()
      .references(() => invoices.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    description: text("description").notNull(),
    quantityMilli: minor("quantity_milli").notNull(),
    unitAmountMinor: minor("unit_amount_minor").notNull(),
    taxRateBps: integer("tax_rate_bps"),
    subtotalMinor: minor("subtotal_minor").notNull(),
    taxMinor: minor("tax_minor").notNull(),
    totalMinor: minor("total_minor").notNull(),
    ...timestamps,
  },
  (t) => [uniqueIndex("invoice_items_invoice_id_position_key").on(t.invoiceId, t.position)],
);

export type InvoiceItem = typeof invoiceItems.$inferSelect;
export type NewInvoiceItem = typeof invoiceItems.$inferInsert;
