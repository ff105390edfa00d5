"use server";

import { createUser } from "@/db/queries/users";
import { publicAction } from "@/lib/action";
import { signUpSchema } from "@/lib/auth/credentials";
import { hashPassword } from "@/lib/auth/password";
import { AppError } from "@/lib/errors";

const EMAIL_TAKEN = "An account with this email already exists. Sign in instead.";

export const signUp = publicAction("signUp", signUpSchema, async ({ password, ...profile }, { db }) => {
  const result = await createUser(db, { ...profile, passwordHash: await hashPassword(password) });
  if (!result.ok) throw new AppError("conflict", EMAIL_TAKEN, { fieldErrors: { email: [EMAIL_TAKEN] } });
  return { email: result.user.email };
});
