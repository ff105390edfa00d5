"use server";

import { revalidatePath } from "next/cache";
import { authedAction } from "@/lib/action";
import { emailIdSchema, pauseSchema, reminderScheduleSchema } from "@/lib/reminders/schema";
import {
  pauseCustomerReminders,
  pauseInvoiceReminders,
  retryFailedEmail,
  saveReminderSchedule,
} from "@/lib/reminders/settings";

export const saveReminderScheduleAction = authedAction(
  "saveReminderSchedule",
  reminderScheduleSchema,
  async (input, { user, db }) => {
    await saveReminderSchedule(db, user.id, input);
    revalidatePath("/settings/reminders");
    return { saved: true };
  },
);

export const pauseInvoiceRemindersAction = authedAction(
  "pauseInvoiceReminders",
  pauseSchema,
  async ({ id, paused }, { user, db }) => {
    await pauseInvoiceReminders(db, user.id, id, paused);
    revalidatePath(`/invoices/${id}`);
    return { paused };
  },
);

export const pauseCustomerRemindersAction = authedAction(
  "pauseCustomerReminders",
  pauseSchema,
  async ({ id, paused }, { user, db }) => {
    await pauseCustomerReminders(db, user.id, id, paused);
    revalidatePath("/settings/reminders");
    return { paused };
  },
);

export const retryFailedEmailAction = authedAction(
  "retryFailedEmail",
  emailIdSchema,
  async ({ emailId }, { user, db }) => {
    await retryFailedEmail(db, user.id, emailId);
    revalidatePath("/settings/reminders");
    return { queued: true };
  },
);
