import "server-only";
import type { Database } from "@/db";
import { getBusinessProfile } from "@/db/queries/business-profiles";
import { lockInvoice } from "@/db/queries/invoices";
import { countLiveSchedules, insertSchedule, lockOwnSchedule, updateSchedule } from "@/db/queries/recurring";
import { AppError, notFound } from "@/lib/errors";
import type { RecurringScheduleInput } from "./input";
import { addDays, firstRunFrom, localDay, runDay } from "./schedule";

/** Live (active or paused) schedules per User: far above real use, a bound on an account gone rogue. */
const MAX_LIVE_SCHEDULES = 200;

/** The latest start the form accepts: five years ahead (a typo such as 2205 is refused). */
const MAX_START_AHEAD_DAYS = 5 * 366;

/** Creates a schedule from one of the User's invoices; the first run is on the start date. */
export async function createRecurringSchedule(
  db: Database,
  userId: string,
  input: RecurringScheduleInput,
  now = new Date(),
) {
  return db.transaction(async (tx) => {
    const template = await lockInvoice(tx, { userId, invoiceId: input.templateInvoiceId });
    if (!template) throw notFound("That invoice");
    if (template.status === "void")
      throw new AppError("conflict", "A void invoice cannot be made recurring.");
    if ((await countLiveSchedules(tx, { userId })) >= MAX_LIVE_SCHEDULES)
      throw new AppError("conflict", `You have ${MAX_LIVE_SCHEDULES} recurring schedules; stop one first.`);
    const today = localDay(now, (await getBusinessProfile(tx, userId))?.timeZone ?? "UTC");
    const field = (name: string, message: string) =>
      new AppError("validation", message, { fieldErrors: { [name]: [message] } });
    // A start in the past would issue back-dated invoices at once: refused, the first run is today at the earliest.
    if (input.startOn < today) throw field("startOn", "Start today or later.");
    if (input.startOn > addDays(today, MAX_START_AHEAD_DAYS))
      throw field("startOn", "Start within five years.");
    return insertSchedule(tx, {
      userId,
      templateInvoiceId: template.id,
      frequency: input.frequency,
      lastDayOfMonth: input.frequency !== "weekly" && input.lastDayOfMonth,
      startOn: input.startOn,
      endOn: input.endOn,
      maxRuns: input.maxRuns,
      autoSend: input.autoSend,
      nextRunIndex: 0,
      nextRunOn: runDay(
        { ...input, lastDayOfMonth: input.frequency !== "weekly" && input.lastDayOfMonth },
        0,
      ),
    });
  });
}

/**
 * Pause, resume or stop one of the User's schedules. Resuming moves the next run to the first one on or
 * after today: the runs missed while paused are not back-filled.
 */
export async function changeScheduleState(
  db: Database,
  userId: string,
  params: { scheduleId: string; action: "pause" | "resume" | "stop" },
  now = new Date(),
) {
  return db.transaction(async (tx) => {
    const locked = await lockOwnSchedule(tx, { userId, scheduleId: params.scheduleId });
    if (!locked) throw notFound("That schedule");
    const { schedule } = locked;
    if (schedule.status === "stopped" || schedule.status === "finished")
      throw new AppError("conflict", "This schedule has ended.");
    if (params.action === "stop")
      return updateSchedule(tx, { scheduleId: schedule.id, values: { status: "stopped" } });
    if (params.action === "pause")
      return updateSchedule(tx, { scheduleId: schedule.id, values: { status: "paused" } });
    if (schedule.status === "active") return;
    const today = localDay(now, (await getBusinessProfile(tx, userId))?.timeZone ?? "UTC");
    const next = firstRunFrom(schedule, schedule.nextRunIndex, today);
    await updateSchedule(tx, {
      scheduleId: schedule.id,
      values:
        next === null
          ? { status: "finished" }
          : { status: "active", nextRunIndex: next, nextRunOn: runDay(schedule, next) },
    });
  });
}
