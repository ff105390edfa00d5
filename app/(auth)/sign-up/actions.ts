"use server";

import { getDb } from "@/db";
import { createUser } from "@/db/queries/users";
import { type ActionResult, toActionError, zodFieldErrors } from "@/lib/action";
import { signUpSchema } from "@/lib/auth/credentials";
import { hashPassword } from "@/lib/auth/password";

export async function signUp(input: unknown): Promise<ActionResult<{ email: string }>> {
  const parsed = signUpSchema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      error: {
        code: "validation",
        message: "Please correct the highlighted fields.",
        fieldErrors: zodFieldErrors(parsed.error),
      },
    };
  }
  try {
    const { password, ...profile } = parsed.data;
    const result = await createUser(getDb(), { ...profile, passwordHash: await hashPassword(password) });
    if (!result.ok) {
      const message = "An account with this email already exists. Sign in instead.";
      return { ok: false, error: { code: "conflict", message, fieldErrors: { email: [message] } } };
    }
    return { ok: true, data: { email: result.user.email } };
  } catch (error) {
    return { ok: false, error: toActionError(error, "signUp") };
  }
}
