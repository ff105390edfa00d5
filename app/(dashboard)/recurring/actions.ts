"use server";

import { revalidatePath } from "next/cache";
import { requireVerifiedEmail } from "@/lib/accounts/verification";
import { authedAction } from "@/lib/action";
import { now } from "@/lib/clock";
import { editScheduleSchema, recurringScheduleSchema, scheduleStateSchema } from "@/lib/recurring/input";
import { changeScheduleState, createRecurringSchedule, editRecurringSchedule } from "@/lib/recurring/service";

export const createRecurringScheduleAction = authedAction(
  "createRecurringSchedule",
  recurringScheduleSchema,
  async (input, { user, db }) => {
    // Sending emails customers on the seller's behalf: a confirmed address first, as for a manual send.
    if (input.autoSend) requireVerifiedEmail(user);
    const schedule = await createRecurringSchedule(db, user.id, input, now());
    revalidatePath("/recurring");
    return { scheduleId: schedule.id, nextRunOn: schedule.nextRunOn };
  },
);

export const changeScheduleStateAction = authedAction(
  "changeRecurringSchedule",
  scheduleStateSchema,
  async (input, { user, db }) => {
    await changeScheduleState(db, user.id, input, now());
    revalidatePath("/recurring");
    return { done: input.action };
  },
);

export const editRecurringScheduleAction = authedAction(
  "editRecurringSchedule",
  editScheduleSchema,
  async (input, { user, db }) => {
    if (input.autoSend) requireVerifiedEmail(user);
    const edited = await editRecurringSchedule(db, user.id, input, now());
    revalidatePath("/recurring");
    revalidatePath(`/recurring/${input.scheduleId}`);
    return edited;
  },
);
