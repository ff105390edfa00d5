import { integer, pgTable, primaryKey, smallint, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { minor } from "./columns";
import { users } from "./users";

// Money each User received and refunded per currency and quarter hour (UTC), kept by triggers on
// payments and refunds (migration 0014), so the overview's "collected this month / last 30 days" reads at
// most ~3,000 rows per currency however many payments there are. Quarter hours because every time zone
// in use today is offset from UTC by a multiple of 15 minutes: a month or day that starts at the User's
// midnight always starts on a period boundary, so the sums are exact in any zone.
//
// A payment counts at `succeeded_at` while succeeded; a refund at `created_at` while succeeded. Never
// written by the app: every write to payments or refunds, whichever path makes it, adds its difference
// here in the same transaction.
//
// Each period is spread over up to 16 slot rows (the low 4 bits of the payment's or refund's id, as
// outstanding_totals does per invoice): a trigger's row stays locked until its transaction commits, so
// with one row per period every payment one seller received in a quarter hour queued behind the last.
// Readers sum the slots.
export const collectedPeriods = pgTable(
  "collected_periods",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    currency: text("currency").notNull(),
    periodStart: timestamp("period_start", { withTimezone: true, mode: "date" }).notNull(),
    receivedMinor: minor("received_minor").notNull().default(0),
    refundedMinor: minor("refunded_minor").notNull().default(0),
    paymentCount: integer("payment_count").notNull().default(0),
    refundCount: integer("refund_count").notNull().default(0),
    slot: smallint("slot").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.userId, t.periodStart, t.currency, t.slot] })],
);

export type CollectedPeriod = typeof collectedPeriods.$inferSelect;
