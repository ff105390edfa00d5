"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authedAction } from "@/lib/action";
import { businessProfileSchema, logoUploadSchema } from "@/lib/business/schema";
import { removeBusinessLogo, saveBusinessLogo, saveBusinessProfile } from "@/lib/business/service";

export const saveBusinessProfileAction = authedAction(
  "saveBusinessProfile",
  businessProfileSchema,
  async (fields, { user, db }) => {
    await saveBusinessProfile(db, user.id, fields);
    revalidatePath("/settings/business");
    return { saved: true };
  },
);

export const uploadLogoAction = authedAction(
  "uploadLogo",
  logoUploadSchema,
  async ({ dataBase64 }, { user, db }) => {
    await saveBusinessLogo(db, user.id, new Uint8Array(Buffer.from(dataBase64, "base64")));
    revalidatePath("/settings/business");
    return { saved: true };
  },
);

export const removeLogoAction = authedAction("removeLogo", z.object({}), async (_input, { user, db }) => {
  await removeBusinessLogo(db, user.id);
  revalidatePath("/settings/business");
  return { removed: true };
});
