import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { timestamps } from "./columns";
import { emailOutbox } from "./email-outbox";
import { invoices } from "./invoices";
import { users } from "./users";

// A User's reminder schedule: days relative to an invoice's due date (negative: before it). One row per
// User, written when they first save Settings → Reminders; until then lib/reminders/schedule.ts holds
// the defaults.
export const reminderSettings = pgTable(
  "reminder_settings",
  {
    userId: uuid("user_id")
      .primaryKey()
      .references(() => users.id, { onDelete: "cascade" }),
    enabled: boolean("enabled").notNull().default(true),
    offsetsDays: integer("offsets_days").array().notNull(),
    ...timestamps,
  },
  (t) => [check("reminder_settings_offsets_count", sql`cardinality(${t.offsetsDays}) <= 8`)],
);

// "sent": an email was queued for the step; "skipped": the step's day passed while a later step was
// also due (after downtime, only the latest is sent, the earlier ones are recorded as passed over).
export const reminderOutcome = pgEnum("reminder_outcome", ["sent", "skipped"]);

// One row per (invoice, step), written in the same transaction as the email it queues: the unique key
// is what keeps two instances, a killed worker or a restart from sending a step twice.
export const invoiceReminders = pgTable(
  "invoice_reminders",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    invoiceId: uuid("invoice_id")
      .notNull()
      .references(() => invoices.id, { onDelete: "cascade" }),
    offsetDays: integer("offset_days").notNull(),
    outcome: reminderOutcome("outcome").notNull(),
    emailId: uuid("email_id").references(() => emailOutbox.id, { onDelete: "set null" }),
    // The local day (the User's time zone) the step was due, as text YYYY-MM-DD.
    dueOn: text("due_on").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("invoice_reminders_invoice_id_offset_days_key").on(t.invoiceId, t.offsetDays),
    index("invoice_reminders_user_id_idx").on(t.userId, t.createdAt),
  ],
);

export type ReminderSettings = typeof reminderSettings.$inferSelect;
export type InvoiceReminder = typeof invoiceReminders.$inferSelect;
