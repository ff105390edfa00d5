"use server";

import { insertBusinessProfileAtSignUp } from "@/db/queries/business-profiles";
import { createUser } from "@/db/queries/users";
import { withTransaction } from "@/db/transaction";
import { sendVerificationEmail } from "@/lib/accounts/verification";
import { publicAction } from "@/lib/action";
import { signUpSchema } from "@/lib/auth/credentials";
import { hashPassword } from "@/lib/auth/password";
import { AppError } from "@/lib/errors";
import { browserFormatPreferences } from "@/lib/format/supported";
import { requestClientAddress } from "@/lib/http/request-client";
import { consume, waitInWords } from "@/lib/rate-limit/limiter";
import { POLICIES } from "@/lib/rate-limit/policies";

const EMAIL_TAKEN = "An account with this email already exists. Sign in instead.";

export const signUp = publicAction(
  "signUp",
  signUpSchema,
  async ({ password, locale, timeZone, ...profile }, { db }) => {
    const limit = await consume(db, POLICIES.signUpPerClient, await requestClientAddress());
    if (!limit.allowed) {
      throw new AppError(
        "rate_limited",
        `Too many new accounts from here. Try again in ${waitInWords(limit.retryAfterMs)}.`,
      );
    }
    const passwordHash = await hashPassword(password);
    return withTransaction(db, async (tx) => {
      const result = await createUser(tx, { ...profile, passwordHash });
      if (!result.ok) throw new AppError("conflict", EMAIL_TAKEN, { fieldErrors: { email: [EMAIL_TAKEN] } });
      // Dates and amounts read as the User's own browser does from the first page on.
      await insertBusinessProfileAtSignUp(tx, {
        userId: result.user.id,
        ...browserFormatPreferences({ locale, timeZone }),
      });
      await sendVerificationEmail(tx, result.user);
      return { email: result.user.email };
    });
  },
);
