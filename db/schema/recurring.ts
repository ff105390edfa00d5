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
import { invoices } from "./invoices";
import { users } from "./users";

export const recurringFrequency = pgEnum("recurring_frequency", ["weekly", "monthly", "quarterly", "yearly"]);
// "finished": the end date or count was reached; "stopped": the seller ended it. Neither runs again.
export const recurringStatus = pgEnum("recurring_status", ["active", "paused", "stopped", "finished"]);

// A schedule that copies a template invoice (its customer, currency, lines, notes and payment terms) on
// each run. Dates are local days (YYYY-MM-DD) in the User's time zone; `next_run_on` is the next run's
// day, advanced in the same transaction as the run's invoice.
export const recurringSchedules = pgTable(
  "recurring_schedules",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    templateInvoiceId: uuid("template_invoice_id")
      .notNull()
      .references(() => invoices.id, { onDelete: "cascade" }),
    frequency: recurringFrequency("frequency").notNull(),
    // Monthly, quarterly, yearly: run on the start date's day of month, or on the month's last day.
    lastDayOfMonth: boolean("last_day_of_month").notNull().default(false),
    startOn: text("start_on").notNull(),
    endOn: text("end_on"),
    maxRuns: integer("max_runs"),
    autoSend: boolean("auto_send").notNull().default(true),
    status: recurringStatus("status").notNull().default("active"),
    nextRunOn: text("next_run_on").notNull(),
    // Index of the next run in the series (0 for the start date), so month-end clamping never drifts.
    nextRunIndex: integer("next_run_index").notNull().default(0),
    runsDone: integer("runs_done").notNull().default(0),
    // Runs counted before the current series began: editing the cadence or the next date starts a new
    // series (start_on = its first run, next_run_index = 0) and the count goes on from here.
    seriesOffset: integer("series_offset").notNull().default(0),
    ...timestamps,
  },
  (t) => [
    index("recurring_schedules_due_idx").on(t.status, t.nextRunOn),
    index("recurring_schedules_user_id_idx").on(t.userId, t.createdAt),
    check("recurring_schedules_max_runs", sql`${t.maxRuns} is null or ${t.maxRuns} between 1 and 1000`),
  ],
);

// One row per (schedule, run day), written in the same transaction as the run's invoice: the unique key
// is what keeps two instances, a killed worker or a restart from issuing a run twice.
export const recurringRuns = pgTable(
  "recurring_runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    scheduleId: uuid("schedule_id")
      .notNull()
      .references(() => recurringSchedules.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    runOn: text("run_on").notNull(),
    invoiceId: uuid("invoice_id").references(() => invoices.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("recurring_runs_schedule_id_run_on_key").on(t.scheduleId, t.runOn)],
);

export type RecurringSchedule = typeof recurringSchedules.$inferSelect;
export type RecurringFrequency = (typeof recurringFrequency.enumValues)[number];
