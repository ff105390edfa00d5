import "server-only";
import type { Database } from "@/db";
import { findUserByEmailForSignIn } from "@/db/queries/users";
import type { User } from "@/db/schema";
import { signInSchema } from "./credentials";
import { burnPasswordCheck, verifyPassword } from "./password";
import { recordSignInFailure, recordSignInSuccess, signInWaitMs, throttleKey } from "./throttle";

export type AuthenticateResult =
  | { ok: true; user: User }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; waitMs: number };

export async function authenticate(
  db: Database,
  input: unknown,
  now = new Date(),
): Promise<AuthenticateResult> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { email, password } = parsed.data;
  const key = throttleKey(email);

  const waitMs = await signInWaitMs(db, key, now);
  if (waitMs > 0) return { ok: false, reason: "throttled", waitMs };

  const user = await findUserByEmailForSignIn(db, email);
  if (!user) await burnPasswordCheck(password);
  const valid = user ? await verifyPassword(user.passwordHash, password) : false;
  if (!user || !valid) {
    await recordSignInFailure(db, key, now);
    return { ok: false, reason: "invalid" };
  }
  await recordSignInSuccess(db, key);
  return { ok: true, user };
}
