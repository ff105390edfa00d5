"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { dismissChecklist } from "@/db/queries/overview";
import { authedAction } from "@/lib/action";

/** Closes the first-run checklist for good (only the signed-in User's own row is written). */
export const dismissChecklistAction = authedAction(
  "dismissChecklist",
  z.object({}),
  async (_input, { user, db }) => {
    await dismissChecklist(db, user.id);
    revalidatePath("/dashboard");
    return { dismissed: true };
  },
);
