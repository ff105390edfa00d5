"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { bumpSessionVersion } from "@/db/queries/users";
import {
  changePassword,
  confirmTotpEnrolment,
  requestEmailChange,
  startTotpEnrolment,
  turnOffTotp,
} from "@/lib/accounts/security";
import { sendVerificationEmail } from "@/lib/accounts/verification";
import { authedAction } from "@/lib/action";
import { emailSchema, passwordSchema } from "@/lib/auth/credentials";
import { AppError } from "@/lib/errors";
import { consume, waitInWords } from "@/lib/rate-limit/limiter";
import { POLICIES } from "@/lib/rate-limit/policies";
import { text } from "@/lib/validation/text";

const noInput = z.object({});
const code = text().trim().max(32);

/** Ends every session of this User, this browser's included. */
export const signOutEverywhereAction = authedAction(
  "signOutEverywhere",
  noInput,
  async (_input, { user, db }) => {
    await bumpSessionVersion(db, user.id);
    return { signedOut: true };
  },
);

export const changePasswordAction = authedAction(
  "changePassword",
  z.object({
    currentPassword: text().min(1, "Enter your current password.").max(128),
    newPassword: passwordSchema,
  }),
  async ({ currentPassword, newPassword }, { user, db }) => {
    await changePassword(db, { user, currentPassword, newPassword });
    return { changed: true };
  },
);

export const startTotpAction = authedAction("startTotp", noInput, async (_input, { user, db }) =>
  startTotpEnrolment(db, user),
);

export const confirmTotpAction = authedAction(
  "confirmTotp",
  z.object({ code: code.min(1, "Enter the six digits from your authenticator app.") }),
  async (input, { user, db }) => {
    // No revalidation here: the page would re-render as "on" and drop the recovery codes before the
    // User saved them; the form refreshes the page once they have.
    return confirmTotpEnrolment(db, { userId: user.id, code: input.code });
  },
);

export const turnOffTotpAction = authedAction(
  "turnOffTotp",
  z.object({ password: text().min(1, "Enter your password.").max(128), code }),
  async (input, { user, db }) => {
    await turnOffTotp(db, { user, password: input.password, code: input.code });
    return { off: true };
  },
);

export const changeEmailAction = authedAction(
  "changeEmail",
  z.object({ newEmail: emailSchema, password: text().min(1, "Enter your password.").max(128) }),
  async ({ newEmail, password }, { user, db }) => {
    await requestEmailChange(db, { user, newEmail, password });
    revalidatePath("/dev/mailbox");
    return { sentTo: newEmail };
  },
);

export const resendVerificationAction = authedAction(
  "resendVerification",
  noInput,
  async (_input, { user, db }) => {
    if (user.emailVerifiedAt) return { sentTo: null };
    const limit = await consume(db, POLICIES.verificationResendPerUser, user.id);
    if (!limit.allowed) {
      throw new AppError(
        "rate_limited",
        `We sent several links already. Try again in ${waitInWords(limit.retryAfterMs)}.`,
      );
    }
    await sendVerificationEmail(db, user);
    revalidatePath("/dev/mailbox");
    return { sentTo: user.email };
  },
);
