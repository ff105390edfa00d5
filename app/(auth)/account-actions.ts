"use server";

import { z } from "zod";
import { requestPasswordReset, resetPassword } from "@/lib/accounts/password-reset";
import { TOKEN_PATTERN } from "@/lib/accounts/tokens";
import { confirmEmail } from "@/lib/accounts/verification";
import { publicAction } from "@/lib/action";
import { emailSchema, passwordSchema } from "@/lib/auth/credentials";
import { AppError } from "@/lib/errors";
import { requestClientAddress } from "@/lib/http/request-client";
import { text } from "@/lib/validation/text";

const token = text().regex(TOKEN_PATTERN, "This link is not complete. Open it again from the email.");

/** The same answer whether or not the address has an account. */
export const requestPasswordResetAction = publicAction(
  "requestPasswordReset",
  z.object({ email: emailSchema }),
  async ({ email }, { db }) => {
    await requestPasswordReset(db, { email, clientAddress: await requestClientAddress() });
    return { email };
  },
);

export const resetPasswordAction = publicAction(
  "resetPassword",
  z.object({ token, password: passwordSchema }),
  async (input, { db }) => resetPassword(db, input),
);

export const confirmEmailAction = publicAction("confirmEmail", z.object({ token }), async (input, { db }) => {
  const outcome = await confirmEmail(db, input);
  if (outcome === "taken") {
    throw new AppError(
      "conflict",
      "That address now belongs to another SixthDesk account, so your email address was not changed.",
    );
  }
  if (outcome === "invalid") {
    throw new AppError(
      "not_found",
      "This confirmation link has expired or was already used. Sign in and send a new one from the banner.",
    );
  }
  return { confirmed: true, changed: outcome === "changed" };
});

export type ConfirmEmailState = Awaited<ReturnType<typeof confirmEmailAction>> | null;

/**
 * The confirmation page's form action: a plain form post works before the page's scripts have loaded
 * (or without them), so the button never does nothing. Seeding posts `{ token }` the same way.
 */
export async function confirmEmailFormAction(
  _previous: ConfirmEmailState,
  form: FormData | { token?: unknown },
): Promise<ConfirmEmailState> {
  const token = form instanceof FormData ? form.get("token") : form.token;
  return confirmEmailAction({ token: typeof token === "string" ? token : "" });
}
