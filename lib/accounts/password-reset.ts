import "server-only";
import type { Database } from "@/db";
import { findUserByEmailForSignIn, getUserById, replacePassword } from "@/db/queries/users";
import { withTransaction } from "@/db/transaction";
import { hashPassword } from "@/lib/auth/password";
import { recordSignInSuccess, throttleKey } from "@/lib/auth/throttle";
import { enqueueEmail } from "@/lib/email/enqueue";
import { appUrl, PLATFORM_SENDER_NAME } from "@/lib/email/links";
import { renderPasswordChangedEmail, renderPasswordResetEmail } from "@/lib/email/templates/account";
import { AppError } from "@/lib/errors";
import { consumeAll, waitInWords } from "@/lib/rate-limit/limiter";
import { POLICIES } from "@/lib/rate-limit/policies";
import { issueAccountToken, redeemAccountToken } from "./tokens";

export const RESET_MINUTES = 30;

/**
 * Emails a reset link if the address has an account. The caller answers the same either way, so the form
 * does not tell strangers which addresses have accounts; the limits apply to both cases alike.
 */
export async function requestPasswordReset(
  db: Database,
  params: { email: string; clientAddress: string; now?: Date },
): Promise<void> {
  const now = params.now ?? new Date();
  const limit = await consumeAll(
    db,
    [
      [POLICIES.resetPerEmail, params.email],
      [POLICIES.resetPerClient, params.clientAddress],
    ],
    now,
  );
  if (!limit.allowed) {
    throw new AppError(
      "rate_limited",
      `Too many reset requests. Try again in ${waitInWords(limit.retryAfterMs)}.`,
    );
  }
  const user = await findUserByEmailForSignIn(db, params.email);
  if (!user) return;
  await withTransaction(db, async (tx) => {
    const token = await issueAccountToken(tx, {
      userId: user.id,
      purpose: "password_reset",
      email: user.email,
      ttlMs: RESET_MINUTES * 60_000,
      now,
    });
    await enqueueEmail(tx, {
      userId: user.id,
      invoiceId: null,
      kind: "password_reset",
      dedupeKey: `reset:${user.id}:${token.slice(0, 16)}`,
      to: { address: user.email, name: user.name },
      fromName: PLATFORM_SENDER_NAME,
      replyTo: null,
      content: renderPasswordResetEmail({
        name: user.name,
        url: appUrl(`/reset-password/${token}`),
        minutes: RESET_MINUTES,
      }),
      now,
    });
  });
}

export const RESET_LINK_DEAD =
  "This reset link has expired or was already used. Ask for a new one on the sign-in page.";

/**
 * Uses a reset link once: sets the password, ends every session, confirms the address (the link proved
 * it), clears sign-in throttling, and tells the User by email. Any password change retires pending
 * links (users.ts replacePassword).
 */
export async function resetPassword(
  db: Database,
  params: { token: string; password: string; now?: Date },
): Promise<{ email: string }> {
  const now = params.now ?? new Date();
  const passwordHash = await hashPassword(params.password);
  return withTransaction(db, async (tx) => {
    const row = await redeemAccountToken(tx, { token: params.token, purpose: "password_reset", now });
    const user = row ? await getUserById(tx, row.userId) : undefined;
    if (!row || !user || user.email !== row.email) throw new AppError("not_found", RESET_LINK_DEAD);
    const changed = await replacePassword(tx, {
      userId: user.id,
      passwordHash,
      verifyEmail: true,
      now,
    });
    if (!changed) throw new AppError("not_found", RESET_LINK_DEAD);
    await recordSignInSuccess(tx, throttleKey(user.email));
    await notifyPasswordChanged(tx, { userId: user.id, email: user.email, name: user.name, now });
    return { email: user.email };
  });
}

export async function notifyPasswordChanged(
  db: Database,
  params: { userId: string; email: string; name: string; now: Date },
) {
  await enqueueEmail(db, {
    userId: params.userId,
    invoiceId: null,
    kind: "password_changed",
    dedupeKey: `password-changed:${params.userId}:${params.now.getTime()}`,
    to: { address: params.email, name: params.name },
    fromName: PLATFORM_SENDER_NAME,
    replyTo: null,
    content: renderPasswordChangedEmail({ name: params.name, signInUrl: appUrl("/sign-in") }),
    now: params.now,
  });
}
