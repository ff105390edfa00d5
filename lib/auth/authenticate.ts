import "server-only";
import type { Database } from "@/db";
import { findUserByEmailForSignIn } from "@/db/queries/users";
import type { User } from "@/db/schema";
import { consume, peek } from "@/lib/rate-limit/limiter";
import { POLICIES } from "@/lib/rate-limit/policies";
import { signInSchema } from "./credentials";
import { burnPasswordCheck, verifyPassword } from "./password";
import { checkSecondFactor } from "./second-factor";
import { recordSignInFailure, recordSignInSuccess, signInWaitMs, throttleKey } from "./throttle";

export type AuthenticateResult =
  | { ok: true; user: User }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "code_required" }
  | { ok: false; reason: "code_invalid" }
  | { ok: false; reason: "throttled"; waitMs: number };

/**
 * Email + password (+ a second-factor code when the User turned it on). Limits, all in the database so
 * every instance applies them alike (docs/decisions/0008-accounts-and-sessions.md):
 * - failures per client address, whatever the email: many emails from one client slow down;
 * - failures per email, with a growing wait (throttle.ts). While an email is throttled, each client
 *   address still has a few tries an hour at it, so a stranger guessing from elsewhere cannot lock
 *   the owner out, and the right password from the owner's own address still works.
 */
export async function authenticate(
  db: Database,
  input: unknown,
  now = new Date(),
): Promise<AuthenticateResult> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { email, password, code, clientAddress } = parsed.data;
  const emailKey = throttleKey(email);

  const fromClient = await peek(db, POLICIES.signInFailuresPerClient, clientAddress, now);
  if (!fromClient.allowed) return { ok: false, reason: "throttled", waitMs: fromClient.retryAfterMs };
  const emailWaitMs = await signInWaitMs(db, emailKey, now);
  if (emailWaitMs > 0) {
    const slowPath = await consume(db, POLICIES.lockedEmailTriesPerClient, `${email}|${clientAddress}`, now);
    if (!slowPath.allowed) {
      return { ok: false, reason: "throttled", waitMs: Math.min(emailWaitMs, slowPath.retryAfterMs) };
    }
  }

  const user = await findUserByEmailForSignIn(db, email);
  if (!user) await burnPasswordCheck(password);
  const valid = user ? await verifyPassword(user.passwordHash, password) : false;
  if (!user || !valid) {
    await recordSignInFailure(db, emailKey, now);
    await consume(db, POLICIES.signInFailuresPerClient, clientAddress, now);
    return { ok: false, reason: "invalid" };
  }

  if (user.totpSecret) {
    if (!code) return { ok: false, reason: "code_required" };
    const second = await checkSecondFactor(db, { user, code, now });
    if (!second.ok) {
      return second.reason === "throttled"
        ? { ok: false, reason: "throttled", waitMs: second.waitMs }
        : { ok: false, reason: "code_invalid" };
    }
  }
  await recordSignInSuccess(db, emailKey);
  return { ok: true, user };
}
