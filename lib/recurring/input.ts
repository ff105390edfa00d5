import { z } from "zod";

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const isRealDay = (v: string) => DAY.test(v) && new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) === v;
const day = (message: string) => z.string().trim().refine(isRealDay, message);

/** How often a schedule runs: the same rule whether it is made or edited. */
const cadenceFields = {
  frequency: z.enum(["weekly", "monthly", "quarterly", "yearly"], { message: "Choose how often." }),
  lastDayOfMonth: z.boolean(),
};

/** When a schedule ends, and whether its invoices are emailed: the same for making and editing. */
const endFields = {
  endOn: day("Enter a valid end date.").nullable(),
  maxRuns: z
    .number()
    .int("Enter a whole number.")
    .min(1, "At least one invoice.")
    .max(1000, "At most 1000 invoices.")
    .nullable(),
  autoSend: z.boolean(),
};

/** "Make recurring" on an invoice: the schedule's rule, checked before anything is written. */
export const recurringScheduleSchema = z
  .object({
    templateInvoiceId: z.uuid("Unknown invoice."),
    ...cadenceFields,
    startOn: day("Enter a start date."),
    ...endFields,
  })
  .refine((v) => v.endOn === null || v.endOn >= v.startOn, {
    path: ["endOn"],
    message: "The end date cannot be before the start date.",
  });

export type RecurringScheduleInput = z.output<typeof recurringScheduleSchema>;

export const scheduleStateSchema = z.object({
  scheduleId: z.uuid("Unknown schedule."),
  action: z.enum(["pause", "resume", "stop"]),
});

/**
 * Editing a schedule: its template, cadence, next invoice's day, end and auto-send. A new cadence or
 * next day starts a new series from that day (lib/recurring/service.ts).
 */
export const editScheduleSchema = z
  .object({
    scheduleId: z.uuid("Unknown schedule."),
    templateInvoiceId: z.uuid("Choose an invoice to copy."),
    ...cadenceFields,
    nextRunOn: day("Enter the next invoice's date."),
    ...endFields,
  })
  .refine((v) => v.endOn === null || v.endOn >= v.nextRunOn, {
    path: ["endOn"],
    message: "The end date cannot be before the next invoice.",
  });

export type EditScheduleInput = z.output<typeof editScheduleSchema>;
