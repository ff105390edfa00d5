import { integer, pgTable, primaryKey, smallint, text, uuid } from "drizzle-orm/pg-core";
import { minor } from "./columns";
import { users } from "./users";

// What each User has outstanding per currency (invoices open or partially paid; due = total − paid),
// kept by triggers on invoices (migration 0005), so the dashboard reads a few rows however many
// invoices there are. Never written by the app: every write to invoices, whichever path makes it,
// adds its difference here in the same transaction.
//
// A User's total in a currency is spread over up to 16 slots (an invoice always lands in the slot its
// id picks) and summed on read: payments on different invoices of one seller then mostly lock
// different rows, instead of all queueing on one row until they commit. No timestamps: nothing here
// is an event, and the triggers would have to keep them.
export const outstandingTotals = pgTable(
  "outstanding_totals",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    currency: text("currency").notNull(),
    slot: smallint("slot").notNull(),
    dueMinor: minor("due_minor").notNull().default(0),
    invoiceCount: integer("invoice_count").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.userId, t.currency, t.slot] })],
);

export type OutstandingTotalRow = typeof outstandingTotals.$inferSelect;
