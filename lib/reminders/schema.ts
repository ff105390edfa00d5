import { z } from "zod";
import { MAX_OFFSET_DAYS, MAX_REMINDER_STEPS } from "./schedule";

const offset = z.coerce
  .number({ message: "Enter a whole number of days" })
  .int("Enter a whole number of days")
  .min(-MAX_OFFSET_DAYS, `At most ${MAX_OFFSET_DAYS} days before the due date`)
  .max(MAX_OFFSET_DAYS, `At most ${MAX_OFFSET_DAYS} days after the due date`);

/** Settings → Reminders: on or off, and the days relative to the due date (negative: before it). */
export const reminderScheduleSchema = z.object({
  enabled: z.boolean(),
  offsetsDays: z
    .array(offset)
    .max(MAX_REMINDER_STEPS, `At most ${MAX_REMINDER_STEPS} reminders`)
    .refine((list) => new Set(list).size === list.length, "Each day may appear once"),
});

export const pauseSchema = z.object({ id: z.uuid("Not a valid id"), paused: z.boolean() });
export const emailIdSchema = z.object({ emailId: z.uuid("Not a valid id") });
