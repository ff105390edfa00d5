import "server-only";
import type { Database } from "@/db";
import { getBusinessProfile } from "@/db/queries/business-profiles";
import { lockInvoice } from "@/db/queries/invoices";
import {
  countLiveSchedules,
  insertSchedule,
  lastRunDay,
  lockOwnSchedule,
  updateSchedule,
} from "@/db/queries/recurring";
import { AppError, notFound } from "@/lib/errors";
import type { EditScheduleInput, RecurringScheduleInput } from "./input";
import { addDays, firstRunFrom, localDay, runDay, type SeriesRule } from "./schedule";

const field = (name: string, message: string) =>
  new AppError("validation", message, { fieldErrors: { [name]: [message] } });

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

/**
 * Edits one of the User's live schedules. End, count, auto-send and template apply from the next run.
 * A new cadence or next day starts a new series on that day (runs counted so far carry over to the
 * count): never in the past, so nothing is back-filled, and after the last run's day, so no day is
 * issued twice (the unique run row stays the backstop). Returns the schedule's next run day.
 */
export async function editRecurringSchedule(
  db: Database,
  userId: string,
  input: EditScheduleInput,
  now = new Date(),
): Promise<{ nextRunOn: string }> {
  return db.transaction(async (tx) => {
    const locked = await lockOwnSchedule(tx, { userId, scheduleId: input.scheduleId });
    if (!locked) throw notFound("That schedule");
    const { schedule } = locked;
    if (schedule.status === "stopped" || schedule.status === "finished")
      throw new AppError("conflict", "This schedule has ended.");
    if (input.templateInvoiceId !== schedule.templateInvoiceId) {
      const template = await lockInvoice(tx, { userId, invoiceId: input.templateInvoiceId });
      if (!template) throw field("templateInvoiceId", "Choose one of your invoices.");
      if (template.status === "void")
        throw field("templateInvoiceId", "A void invoice cannot be copied: choose another.");
    }
    const lastDayOfMonth = input.frequency !== "weekly" && input.lastDayOfMonth;
    const newSeries =
      input.frequency !== schedule.frequency ||
      lastDayOfMonth !== schedule.lastDayOfMonth ||
      input.nextRunOn !== schedule.nextRunOn;
    const rule: SeriesRule = newSeries
      ? {
          frequency: input.frequency,
          lastDayOfMonth,
          startOn: input.nextRunOn,
          endOn: input.endOn,
          maxRuns: input.maxRuns,
          seriesOffset: schedule.seriesOffset + schedule.nextRunIndex,
        }
      : { ...schedule, endOn: input.endOn, maxRuns: input.maxRuns };
    const nextRunIndex = newSeries ? 0 : schedule.nextRunIndex;
    const nextRunOn = runDay(rule, nextRunIndex);
    if (newSeries) {
      const today = localDay(now, (await getBusinessProfile(tx, userId))?.timeZone ?? "UTC");
      if (input.nextRunOn < today) throw field("nextRunOn", "Pick today or later: past runs are not issued.");
      if (nextRunOn > addDays(today, MAX_START_AHEAD_DAYS))
        throw field("nextRunOn", "Pick a day within five years.");
      const last = await lastRunDay(tx, { userId, scheduleId: schedule.id });
      if (last !== null && nextRunOn <= last)
        throw field("nextRunOn", `An invoice was already issued for ${last}: pick a later day.`);
    }
    const used = (rule.seriesOffset ?? 0) + nextRunIndex;
    if (input.maxRuns !== null && input.maxRuns <= used)
      throw field("maxRuns", `This schedule has had ${used} runs: allow more than ${used}, or stop it.`);
    if (input.endOn !== null && input.endOn < nextRunOn)
      throw field("endOn", `The end date is before the next invoice (${nextRunOn}).`);
    await updateSchedule(tx, {
      scheduleId: schedule.id,
      values: {
        templateInvoiceId: input.templateInvoiceId,
        frequency: rule.frequency,
        lastDayOfMonth: rule.lastDayOfMonth,
        startOn: rule.startOn,
        endOn: input.endOn,
        maxRuns: input.maxRuns,
        autoSend: input.autoSend,
        seriesOffset: rule.seriesOffset ?? 0,
        nextRunIndex,
        nextRunOn,
        updatedAt: now,
      },
    });
    return { nextRunOn };
  });
}
