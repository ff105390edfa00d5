import "server-only";
import type { Database } from "@/db";
import {
  getReminderSettings,
  saveReminderSettings,
  setCustomerRemindersPaused,
  setInvoiceRemindersPaused,
} from "@/db/queries/reminders";
import { now } from "@/lib/clock";
import { retryFailedEmails } from "@/lib/email/retry-failed";
import { AppError, notFound } from "@/lib/errors";
import { DEFAULT_REMINDER_OFFSETS, normaliseOffsets } from "./schedule";

export type ReminderSchedule = { enabled: boolean; offsetsDays: number[] };

/** The User's schedule, or the defaults until they save one. */
export async function reminderScheduleFor(db: Database, userId: string): Promise<ReminderSchedule> {
  const row = await getReminderSettings(db, { userId });
  return row
    ? { enabled: row.enabled, offsetsDays: row.offsetsDays }
    : { enabled: true, offsetsDays: [...DEFAULT_REMINDER_OFFSETS] };
}

export async function saveReminderSchedule(db: Database, userId: string, schedule: ReminderSchedule) {
  if (schedule.enabled && schedule.offsetsDays.length === 0)
    throw new AppError("validation", "Add at least one reminder day, or turn reminders off.");
  await saveReminderSettings(db, {
    userId,
    enabled: schedule.enabled,
    offsetsDays: normaliseOffsets(schedule.offsetsDays),
  });
}

export async function pauseInvoiceReminders(
  db: Database,
  userId: string,
  invoiceId: string,
  paused: boolean,
) {
  if (!(await setInvoiceRemindersPaused(db, { userId, invoiceId, paused }))) throw notFound("That invoice");
}

export async function pauseCustomerReminders(
  db: Database,
  userId: string,
  customerId: string,
  paused: boolean,
) {
  if (!(await setCustomerRemindersPaused(db, { userId, customerId, paused })))
    throw notFound("That customer");
}

/** Sends a failed email again with fresh attempts; only the User's own, and only if it failed. */
export async function retryFailedEmail(db: Database, userId: string, emailId: string) {
  const ids = await retryFailedEmails(db, { userId, emailId, now: now() });
  if (ids.length === 0)
    throw new AppError(
      "conflict",
      "That email is not waiting for a retry: it was sent, is queued, or is not yours.",
    );
}
